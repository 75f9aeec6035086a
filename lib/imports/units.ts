/**
 * Units written in a column header: “Annual Income (k$)”, “Revenue in thousands”, “Spend (€m)”.
 * Amount columns in such files hold 15 for $15,000; the mapping offers to multiply them.
 */
export type HeaderScale = 1 | 1000 | 1_000_000;

export type HeaderUnit = { scale: Exclude<HeaderScale, 1>; label: string; header: string };

const CURRENCY = "[$€£¥]";
const THOUSANDS = new RegExp(
  String.raw`(?:\(\s*(?:in\s+)?(?:${CURRENCY}?\s*k\s*${CURRENCY}?|${CURRENCY}?\s*'?000s?|thousands?(?:\s+of\s+\w+)?|tsd\.?)\s*\)|\bin\s+thousands\b|\b(?:k${CURRENCY}|${CURRENCY}k)(?=\W|$))`,
  "i",
);
const MILLIONS = new RegExp(
  String.raw`(?:\(\s*(?:in\s+)?(?:${CURRENCY}?\s*(?:m|mm|mn|mio\.?)\s*${CURRENCY}?|millions?(?:\s+of\s+\w+)?)\s*\)|\bin\s+millions\b|\b(?:m${CURRENCY}|${CURRENCY}m)(?=\W|$))`,
  "i",
);

/** The unit a header names, with the header without it; null when it names none. */
export function headerUnit(header: string): HeaderUnit | null {
  const millions = MILLIONS.exec(header);
  if (millions) return { scale: 1_000_000, label: "millions", header: strip(header, millions[0]) };
  const thousands = THOUSANDS.exec(header);
  if (thousands) return { scale: 1000, label: "thousands", header: strip(header, thousands[0]) };
  return null;
}

const strip = (header: string, unit: string) => header.replace(unit, " ").replace(/\s+/g, " ").trim();

export const SCALE_LABELS: Record<HeaderScale, string> = { 1: "As written", 1000: "× 1,000 (thousands)", 1_000_000: "× 1,000,000 (millions)" };
