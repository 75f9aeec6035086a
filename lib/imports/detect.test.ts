import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectDelimiter, detectEncoding, looksLikeHeader, sniff } from "@/lib/imports/detect";
import { guessColumns, guessTraitType, validateSettings, type ImportSettings } from "@/lib/imports/mapping";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("format detection", () => {
  it("finds the delimiter that gives consistent columns", () => {
    expect(detectDelimiter("a;b;c\n1;2;3\n4;5;6\n")).toBe(";");
    expect(detectDelimiter("a\tb\n1\t2,5\n")).toBe("\t");
    expect(detectDelimiter('name,notes\n"Smith; John","a|b"\n"Doe; Jane",c\n')).toBe(",");
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
  });

  it("tells encodings apart: BOMs, UTF-8, UTF-16 without BOM, Windows-1252", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("utf-8");
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe("utf-16le");
    expect(detectEncoding(bytes("naïve,café\n"))).toBe("utf-8");
    expect(detectEncoding(new Uint8Array(iconv.encode("id,name\n1,Zoë\n2,Renée\n", "utf-16le")))).toBe("utf-16le");
    expect(detectEncoding(new Uint8Array(iconv.encode("id,name\n1,Zoë Müller\n2,Renée Françoise\n", "windows-1252")))).toMatch(/windows-1252|iso-8859-1/);
    expect(detectEncoding(new Uint8Array([0x00, 0x01, 0x02, 0x03, 0xff, 0x10, 0x00, 0x00]))).toBeNull();
  });

  it("recognises a header row, and its absence", () => {
    expect(looksLikeHeader([["id", "email"], ["1", "a@b.co"]])).toBe(true);
    expect(looksLikeHeader([["1", "a@b.co"], ["2", "c@d.co"]])).toBe(false);
    expect(looksLikeHeader([["id", "id"], ["1", "2"]])).toBe(false);
  });

  it("explains files it cannot read", async () => {
    expect(await sniff(new Uint8Array())).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    expect(await sniff(bytes("\n\n  \n"))).toEqual({ ok: false, message: expect.stringMatching(/no rows/) });
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes("[Content_Types].xml"), 0, 0, 0]);
    expect(await sniff(xlsx)).toMatchObject({ ok: false });
    expect(await sniff(bytes("\uFEFFid;Name\n1;Ann\n"))).toEqual({
      ok: true,
      detected: { encoding: "utf-8", delimiter: ";", hasHeader: true, columns: ["id", "Name"] },
    });
    expect(await sniff(bytes("1,ann@example.com\n2,bob@example.com\n"))).toMatchObject({ ok: true, detected: { hasHeader: false, columns: ["Column 1", "Column 2"] } });
  });
});

describe("mapping", () => {
  const traits = [{ key: "nps", label: "NPS", type: "NUMBER" as const, family: "VALUE" as const }];

  it("guesses fields from headers and synonyms, known traits, and new traits with a type", () => {
    const headers = ["Customer ID", "E-mail Address", "Surname", "DOB", "NPS", "Loyalty Tier", "Signup", "Score"];
    const sample = [["C1", "a@b.co", "Lee", "1990-01-01", "9", "Gold", "2024-01-01", "1.5"]];
    const guessed = guessColumns("CUSTOMERS", headers, sample, traits, true);
    expect(guessed).toEqual([
      { type: "field", key: "externalId" },
      { type: "field", key: "email" },
      { type: "field", key: "lastName" },
      { type: "field", key: "birthDate" },
      { type: "trait", key: "nps" },
      { type: "newTrait", key: "loyalty_tier", label: "Loyalty Tier", traitType: "TEXT", family: "VALUE" },
      { type: "newTrait", key: "signup", label: "Signup", traitType: "DATE", family: "BEHAVIORAL" },
      { type: "newTrait", key: "score", label: "Score", traitType: "NUMBER", family: "BEHAVIORAL" },
    ]);
    expect(guessColumns("ORDERS", ["order #", "cust id", "date", "total"], [], [], true)).toEqual([
      { type: "field", key: "externalId" },
      { type: "field", key: "customerExternalId" },
      { type: "field", key: "orderedAt" },
      { type: "field", key: "amount" },
    ]);
  });

  it("guesses trait types from values", () => {
    expect(guessTraitType(["yes", "no"])).toBe("BOOLEAN");
    expect(guessTraitType(["1", "2.5"])).toBe("NUMBER");
    expect(guessTraitType(["2024-01-01"])).toBe("DATE");
    expect(guessTraitType(["a; b"])).toBe("TAGS");
    expect(guessTraitType(["hello"])).toBe("TEXT");
  });

  it("names what is wrong with a mapping", () => {
    const base: ImportSettings = { encoding: "utf-8", delimiter: ",", hasHeader: true, dateOrder: null, matchBy: "externalId", columns: [] };
    const errors = validateSettings(
      "ORDERS",
      { ...base, columns: [{ type: "field", key: "amount" }, { type: "field", key: "amount" }, { type: "newTrait", key: "nps", label: "x", traitType: "TEXT", family: "VALUE" }] },
      ["A", "B", "C"],
      traits,
    );
    expect(errors["columns.1"]).toEqual([expect.stringMatching(/“B” and “A” go to the same place/)]);
    expect(errors["columns.2"]).toEqual([expect.stringMatching(/Only customer imports/), expect.stringMatching(/already exists/)]);
    expect(errors.form).toEqual([expect.stringMatching(/Customer id/), expect.stringMatching(/Order date/)]);
    expect(validateSettings("CUSTOMERS", { ...base, matchBy: "email", columns: [{ type: "field", key: "email" }] }, ["mail"], [])).toEqual({});
  });
});
