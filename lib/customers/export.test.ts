import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse as parseCsvText } from "csv-parse/sync";
import {
  CSV_BOM,
  segmentExportFileName,
  cellText,
  csvCell,
  csvHeader,
  csvLines,
  csvRow,
  exportFileName,
  jsonArrayWriter,
  neutralizeFormula,
  quoteCsv,
  type ExportColumn,
} from "@/lib/customers/export";

/** Reads CSV text with csv-parse, an implementation independent of the code under test. */
function parseCsv(text: string): string[][] {
  return parseCsvText(text, { bom: true, relax_column_count: true }) as string[][];
}

describe("formula injection", () => {
  it.each(["=SUM(A1:A9)", "+1+1", "-2+3", "@cmd", "\tTAB", "\rCR", "=HYPERLINK(\"http://x\")"])(
    "prefixes %j with an apostrophe",
    (value) => {
      expect(neutralizeFormula(value)).toBe(`'${value}`);
      expect(cellText(value).startsWith("'")).toBe(true);
    },
  );

  it.each(["Ada", "a=b", "1+1", " =x", "'already", "", "ünïcödé"])("leaves %j alone", (value) => {
    expect(neutralizeFormula(value)).toBe(value);
  });

  it("neutralises joined tags and headers too", () => {
    expect(cellText(["=evil", "b"])).toBe("'=evil, b");
    expect(csvHeader([{ header: "=x", value: () => null }])).toBe(`${CSV_BOM}'=x\r\n`);
  });

  it("writes numbers, booleans and dates as values (a negative number is not a formula)", () => {
    expect(cellText(-42.5)).toBe("-42.5");
    expect(cellText(0)).toBe("0");
    expect(cellText(Number.NaN)).toBe("");
    expect(cellText(true)).toBe("true");
    expect(cellText(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
  });

  it("never lets a text cell start with a trigger character, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = cellText(s);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
      }),
    );
  });
});

describe("quoting", () => {
  it("quotes delimiters, quotes, line breaks and edge spaces", () => {
    expect(quoteCsv("plain")).toBe("plain");
    expect(quoteCsv("a,b")).toBe('"a,b"');
    expect(quoteCsv('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsv("line1\nline2")).toBe('"line1\nline2"');
    expect(quoteCsv("line1\r\nline2")).toBe('"line1\r\nline2"');
    expect(quoteCsv(" padded ")).toBe('" padded "');
  });

  it("quotes after neutralising, so an injected cell with a comma stays one cell", () => {
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell("\r\n=cmd")).toBe(`"'\r\n=cmd"`);
  });

  it("ends rows with CRLF and joins cells with commas", () => {
    expect(csvRow(["a", 1, null, true, ["x", "y"]])).toBe('a,1,,true,"x, y"\r\n');
  });

  it("round-trips any text through a CSV reader (apart from the neutralising apostrophe)", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        const [parsed] = parseCsv(csvRow(cells));
        expect(parsed).toEqual(cells.map((c) => neutralizeFormula(c)));
      }),
    );
  });

  it("writes a header and rows that read back as a table", () => {
    type R = { name: string; note: string; n: number };
    const columns: ExportColumn<R>[] = [
      { header: "name", value: (r) => r.name },
      { header: "note", value: (r) => r.note },
      { header: "n", value: (r) => r.n },
    ];
    const text = csvHeader(columns) + csvLines(columns, [
      { name: "Ada, Countess", note: 'multi\nline "quoted"', n: 1 },
      { name: "@bob", note: "", n: -3 },
    ]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ["name", "note", "n"],
      ["Ada, Countess", 'multi\nline "quoted"', "1"],
      ["'@bob", "", "-3"],
    ]);
  });
});

describe("json array writer", () => {
  it("writes one parseable array across batches, empty or not", () => {
    const empty = jsonArrayWriter();
    expect(JSON.parse(empty.open() + empty.items([]) + empty.close())).toEqual([]);
    const w = jsonArrayWriter();
    const text = w.open() + w.items([{ a: 1 }, { b: "x\n\"y\"" }]) + w.items([]) + w.items([{ c: null }]) + w.close();
    expect(JSON.parse(text)).toEqual([{ a: 1 }, { b: "x\n\"y\"" }, { c: null }]);
  });
});

describe("file names", () => {
  it("uses the slug and the UTC day, and nothing else", () => {
    expect(exportFileName("acme-growth", "csv", new Date("2026-03-04T23:59:00Z"))).toBe("customers-acme-growth-2026-03-04.csv");
    expect(exportFileName('x"; rm', "json", new Date("2026-03-04T00:00:00Z"))).toBe("customers-xrm-2026-03-04.json");
  });
});

describe("segmentExportFileName", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  it("names the file after the segment, in plain letters", () => {
    expect(segmentExportFileName("Big Spenders: Ünited States!", "csv", now)).toBe("segment-big-spenders-united-states-2026-11-30.csv");
    expect(segmentExportFileName("  VIP / Q4  ", "json", now)).toBe("segment-vip-q4-2026-11-30.json");
  });
  it("falls back to “segment” when nothing is left of the name", () => {
    expect(segmentExportFileName("★★★", "csv", now)).toBe("segment-segment-2026-11-30.csv");
    expect(segmentExportFileName("", "csv", now)).toBe("segment-segment-2026-11-30.csv");
  });
  it("keeps long names short and never ends on a dash", () => {
    const name = segmentExportFileName(`${"a".repeat(59)} b`, "csv", now);
    expect(name).toBe(`segment-${"a".repeat(59)}-2026-11-30.csv`);
  });
});
