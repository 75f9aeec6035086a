import { readFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { findField, PERSONA_FIELDS } from "@/lib/personas/fields";
import { prepareUpload, uploadProblems, type PreparedUpload } from "@/lib/personas/upload/prepare";
import { PERSONA_LIST_FIELDS, PERSONA_TEXT_FIELDS, personaCardSchema } from "@/lib/validations/persona";

const file = (name: string, text: string) => prepareUpload({ name, bytes: new TextEncoder().encode(text) });
const messages = (u: PreparedUpload) => uploadProblems(u).map((p) => `${p.where ?? "file"} ${p.field ?? "-"}: ${p.message}`);
const png = async () => `data:image/png;base64,${(await sharp({ create: { width: 40, height: 30, channels: 3, background: "#0ea5e9" } }).png().toBuffer()).toString("base64")}`;

describe("the persona field list", () => {
  it("is derived from the card's schema, with each field's kind", () => {
    expect(PERSONA_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(personaCardSchema.shape).sort());
    for (const key of PERSONA_LIST_FIELDS) expect(PERSONA_FIELDS.find((f) => f.key === key)?.kind).toBe("list");
    for (const key of PERSONA_TEXT_FIELDS) expect(PERSONA_FIELDS.find((f) => f.key === key)?.kind).toBe("text");
    expect(findField("PAIN POINTS")?.key).toBe("painPoints");
    expect(findField("painPoints")?.key).toBe("painPoints");
    expect(findField("Brands & media")?.key).toBe("brandsMedia");
  });
});

describe("JSON (our export)", () => {
  it("reads personas with their fields, rules and embedded photo", async () => {
    const doc = {
      format: "segmently.personas",
      version: 1,
      personas: [
        { id: "x", name: "Urban Uma", isNegative: false, headline: "Designer", goals: ["Look good"], tags: ["Urban"], photo: await png(), definition: { version: 1 }, segmentId: "s1" },
        { name: "Bargain Bob", isNegative: true, wat: 1 },
      ],
    };
    const u = await file("personas.json", JSON.stringify(doc));
    expect(messages(u)).toEqual([]);
    const [uma, bob] = u.personas;
    expect(uma?.card).toMatchObject({ name: "Urban Uma", headline: "Designer", goals: ["Look good"], tags: ["urban"], definition: { version: 1 }, segmentId: "s1" });
    expect(uma?.photo?.type).toBe("image/webp");
    expect(uma?.filled).toBe(3);
    expect(bob?.isNegative).toBe(true);
    expect(bob?.warnings).toEqual(['Unknown field "wat" was ignored.']);
  });

  it("names the persona and field of every problem, and refuses what is not our format", async () => {
    const doc = {
      format: "segmently.personas",
      version: 1,
      personas: [{ name: "", goals: "not a list", headline: "x".repeat(201), quote: "a\u0000b" }, { name: "Ok", photo: "data:image/png;base64,PHNjcmlwdD4=" }, { name: "Ok", photo: "javascript:alert(1)" }, 7],
    };
    expect(messages(await file("p.json", JSON.stringify(doc)))).toEqual([
      "persona 1 quote: Remove the NUL characters (\\u0000) from this field.",
      "persona 1 name: Give the persona a name.",
      "persona 1 headline: Use at most 200 characters.",
      "persona 1 goals: Invalid input: expected array, received string",
      "persona 2 photo: That file is not a JPEG, PNG, WebP or GIF image.",
      "persona 3 photo: The photo must be a base64 data URL (data:image/png;base64,…).",
      "persona 4 -: Each persona must be an object with the card's fields.",
    ]);
    expect(messages(await file("p.json", "{ \"format\": "))).toEqual([expect.stringMatching(/^(line 1|file) -: This is not valid JSON/)]);
    expect(messages(await file("p.json", JSON.stringify({ personas: [] })))[0]).toContain("not a Segmently persona export");
    expect(messages(await file("p.json", JSON.stringify({ format: "segmently.personas", version: 2, personas: [] })))[0]).toContain("version 2");
    const many = { format: "segmently.personas", version: 1, personas: Array.from({ length: 51 }, (_, i) => ({ name: `P${i}` })) };
    expect(messages(await file("p.json", JSON.stringify(many)))).toEqual(["file -: The file holds 51 personas; upload at most 50 at a time."]);
  });
});

describe("CSV", () => {
  it("reads one persona per row: headers by label or key, lists split by ;, sliders, other columns as sections", async () => {
    const csv = [
      "Name,Negative persona,Age,painPoints,Tags,Personality,Favourite snack",
      'Urban Uma,no,25–34,"Slow checkout; Returns ",urban;mobile,Price-sensitive ↔ Quality-seeking: 4,Crisps',
      "Bargain Bob,yes,,,,,",
    ].join("\n");
    const u = await file("p.csv", csv);
    expect(messages(u)).toEqual([]);
    expect(u.warnings).toEqual(['Columns that are not card fields become free sections: "Favourite snack".']);
    expect(u.personas[0]?.card).toMatchObject({
      name: "Urban Uma",
      isNegative: false,
      ageRange: "25–34",
      painPoints: ["Slow checkout", "Returns"],
      tags: ["urban", "mobile"],
      personality: [{ key: "price", left: "Price-sensitive", right: "Quality-seeking", value: 4 }],
      sections: [{ title: "Favourite snack", body: "Crisps" }],
    });
    expect(u.personas[1]).toMatchObject({ name: "Bargain Bob", isNegative: true, where: "line 3" });
  });

  it("reports hostile rows by line and field", async () => {
    const long = "y".repeat(301);
    const u = await file("p.csv", `Name,Negative persona,Goals,Personality,photo\n,maybe,${long},Cheap ↔ Dear: 9,"data:text/plain;base64,@@@"\n`);
    expect(messages(u)).toEqual([
      'line 2 isNegative: Write yes or no (got "maybe").',
      'line 2 personality: "Cheap ↔ Dear" must be between 1 and 5.',
      "line 2 name: Give the persona a name.",
      "line 2 goals: Item 1: Keep each item to 300 characters.",
      "line 2 photo: The photo must be a base64 data URL (data:image/png;base64,…).",
    ]);
    expect(messages(await file("p.csv", "Goals\nx\n"))).toEqual(['line 1 -: The header row needs a "Name" column.']);
    expect(messages(await file("p.csv", `Name\n${Array.from({ length: 51 }, (_, i) => `P${i}`).join("\n")}`))[0]).toContain("51 rows");
    expect(messages(await file("p.csv", 'Name\n"unclosed\n'))[0]).toContain("could not be read");
  });
});

describe("Markdown", () => {
  it("maps # name, > quote, Label: value lines, field headings and free sections", async () => {
    const md = `# Urban Uma

![Uma](${await png()})

> Good design is worth paying for.

Age: 25–34
Negative persona: no
Tags: urban, #mobile

Lives in the city and shops on her phone.

## Goals
- Look good
- Save time

## Headline
Designer at an agency

## Personality
- Cautious ↔ Early adopter: 5

## Weekend
Markets and **brunch**.

# Bargain Bob
Negative persona: yes
`;
    const u = await file("p.md", md);
    expect(messages(u)).toEqual([]);
    expect(u.personas[0]?.card).toMatchObject({
      name: "Urban Uma",
      quote: "Good design is worth paying for.",
      ageRange: "25–34",
      tags: ["urban", "mobile"],
      description: "Lives in the city and shops on her phone.",
      goals: ["Look good", "Save time"],
      headline: "Designer at an agency",
      personality: [{ key: "adoption", value: 5 }],
      sections: [{ title: "Weekend", body: "Markets and brunch." }],
    });
    expect(u.personas[0]?.photo?.type).toBe("image/webp");
    expect(u.personas[1]).toMatchObject({ name: "Bargain Bob", isNegative: true, where: "line 26" });
  });

  it("refuses a file without personas, an empty file and a file of the wrong kind", async () => {
    expect(messages(await file("p.md", "Just some notes\n\n- a list"))).toEqual(['file -: No persona found: start each persona with a "# Name" heading.']);
    expect(messages(await file("p.md", "  \n"))).toEqual(["file -: The file is empty."]);
    expect(messages(await file("p.pdf", "%PDF-1.7"))).toEqual(["file -: Upload a .json (Segmently export), .csv or .md (Markdown) file."]);
    expect(messages(await prepareUpload({ name: "p.md", bytes: new Uint8Array([0xff, 0xfe, 0x00]) }))[0]).toContain("not UTF-8");
    expect(messages(await file("p.md", `# Big\n\n## Story\n${"z".repeat(4001)}`))).toEqual(["line 1 description: Use at most 4000 characters."]);
  });
});

describe("the templates offered in the upload dialog", () => {
  it("import without a problem", async () => {
    for (const [name, personas] of [["personas.csv", 2], ["persona.md", 1]] as const) {
      const u = await prepareUpload({ name, bytes: new Uint8Array(readFileSync(`public/templates/${name}`)) });
      expect(messages(u)).toEqual([]);
      expect(u.warnings).toEqual([]);
      expect(u.personas).toHaveLength(personas);
      expect(u.personas[0]?.filled).toBeGreaterThanOrEqual(19);
    }
  });
});
