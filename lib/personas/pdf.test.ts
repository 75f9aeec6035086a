import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { PDFParse } from "pdf-parse";
import sharp from "sharp";
import { pdfText, photoForPdf, renderPersonaPdf, type PersonaPdfInput } from "@/lib/personas/pdf";
import type { SharedCard } from "@/lib/personas/share-service";

const long = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word} ${i + 1} — ${"detail ".repeat(40)}`);

const card: SharedCard = {
  name: "Budget-conscious Bea Łukasiewicz",
  isNegative: false,
  headline: "Operations lead at a mid-size retailer ".repeat(5),
  description: "A day in her life. ".repeat(300),
  ageRange: "25–34",
  gender: "Female",
  occupation: "Operations lead",
  location: "Kraków, Poland",
  incomeBand: "$50–80k",
  education: "Master's",
  family: "Married, 2 kids",
  quote: "I just want it to work — the first time. ".repeat(20),
  goals: long(30, "Goal"),
  painPoints: long(30, "Pain"),
  motivations: long(30, "Motivation"),
  needs: long(30, "Need"),
  objections: long(30, "Objection"),
  buyingTriggers: long(30, "Trigger"),
  preferredChannels: long(30, "Channel"),
  brandsMedia: long(30, "Brand"),
  technology: long(30, "Tech"),
  personality: [
    { key: "price", left: "Price-sensitive", right: "Quality-seeking", value: 2 },
    { key: "adoption", left: "Cautious", right: "Early adopter", value: 4 },
  ],
  tags: ["retail"],
  sections: [],
  photoVersion: 1,
  updatedAt: "2026-06-01T00:00:00.000Z",
};

const evidence: PersonaPdfInput["evidence"] = {
  status: "ok",
  computedAt: "2026-06-01T00:00:00.000Z",
  matching: 412,
  base: 5000,
  share: 0.0824,
  medianAge: { persona: 31, base: 38 },
  medianIncome: null,
  averageClv: { persona: 1830, base: 1200 },
  averageOrderValue: { persona: 84, base: 70 },
  countries: { rows: [{ value: "Poland", share: 0.6, baseShare: 0.1, lift: 6 }], withheld: 1 },
  industries: { rows: [], withheld: 0 },
  channels: { rows: [{ value: "Organic search", share: 0.4, baseShare: 0.3, lift: 1.3 }], withheld: 0 },
  categories: { rows: [], withheld: 0 },
  rfm: { rows: [], withheld: 0 },
  lifecycle: { rows: [], withheld: 0 },
};

async function parse(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return await parser.getText();
  } finally {
    await parser.destroy();
  }
}

describe("persona PDF", () => {
  it("fits the fullest card on one A4 page of real, extractable text", async () => {
    const photo = await photoForPdf({ bytes: await sharp({ create: { width: 600, height: 600, channels: 3, background: "#0ea5e9" } }).webp().toBuffer() });
    expect(photo?.format).toBe("png");
    const pdf = await renderPersonaPdf({ card, evidence, photo, generatedAt: new Date("2026-06-02T00:00:00Z") });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    if (process.env.PERSONA_PDF_OUT) writeFileSync(process.env.PERSONA_PDF_OUT, pdf);
    const text = await parse(pdf);
    expect(text.total).toBe(1);
    expect(pdf.toString("latin1")).toMatch(/MediaBox \[0 0 595\.28\d* 841\.89\d*\]/);
    expect(text.text).toContain("Budget-conscious Bea Lukasiewicz");
    expect(text.text).toContain("412");
    // A figure over too few customers is withheld, not printed.
    expect(text.text).toContain("Fewer than 5");
  });

  it("keeps Windows-1252 text and replaces the rest", () => {
    expect(pdfText("Crème brûlée — “quoted” 25–34 €")).toBe("Crème brûlée — “quoted” 25–34 €");
    expect(pdfText("Łódź −5 ↔ 東京")).toBe("Lódz -5 - ??");
  });
});
