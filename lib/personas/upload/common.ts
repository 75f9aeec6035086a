import { DEFAULT_PERSONALITY, PERSONALITY_POINTS, type PersonalitySlider } from "@/lib/validations/persona";
import { fieldLabel, type PersonaField } from "@/lib/personas/fields";

/**
 * What the three parsers (json.ts, csv.ts, markdown.ts) share: the caps, the shape they return and
 * the reading of a field's value from text. Parsers are pure: they only read the file's text.
 * prepare.ts then checks every persona against the card's schema and its photo (photo.ts).
 */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = "5 MB";
export const MAX_PERSONAS_PER_FILE = 50;

export type UploadFormat = "json" | "csv" | "markdown";

/** One problem: in the file as a whole (`persona` null) or in one persona's field (`field`, null: the persona as a whole). */
export type UploadProblem = { persona: number | null; where: string | null; field: string | null; label: string | null; message: string };

/** A persona as read from the file, before any check: the card's values plus its photo (a data URL) and grounding. */
export type RawPersona = {
  /** Where it is in the file: "line 3" (CSV, Markdown) or "persona 2" (JSON). */
  where: string;
  values: Record<string, unknown>;
  photo: string | null;
  problems: { field: string | null; message: string }[];
  warnings: string[];
  /** Not a persona at all (a JSON item that is not an object): only its own problem is reported. */
  unreadable?: boolean;
};

/** What the upload dialog shows before anything is written (lib/personas/upload/service.ts). */
export type PreviewPersona = {
  index: number;
  where: string;
  name: string;
  isNegative: boolean;
  filled: number;
  photo: boolean;
  rules: boolean;
  linkedSegment: boolean;
  warnings: string[];
  problems: UploadProblem[];
};

export type UploadPreview = { format: UploadFormat | null; personas: PreviewPersona[]; problems: UploadProblem[]; warnings: string[]; importable: boolean };

export type ParsedFile = { format: UploadFormat; personas: RawPersona[]; problems: UploadProblem[]; warnings: string[] };

export function fileProblem(message: string, where: string | null = null): UploadProblem {
  return { persona: null, where, field: null, label: null, message };
}

export function newRaw(where: string): RawPersona {
  return { where, values: {}, photo: null, problems: [], warnings: [] };
}

export function fieldProblem(persona: number, where: string, field: string | null, message: string): UploadProblem {
  return { persona, where, field, label: field ? fieldLabel(field) : null, message };
}

/** The format named by a file's extension, or guessed from its first character. */
export function detectFormat(name: string, text: string): UploadFormat | null {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  if (ext === "json") return "json";
  if (ext === "csv") return "csv";
  if (ext === "md" || ext === "markdown") return "markdown";
  const first = text.trimStart().charAt(0);
  if (first === "{" || first === "[") return "json";
  if (first === "#") return "markdown";
  return null;
}

const YES = new Set(["yes", "y", "true", "1", "negative", "x"]);
const NO = new Set(["no", "n", "false", "0", "positive", ""]);

/** "Price-sensitive ↔ Quality-seeking: 4" (also "<->" or "-" between the ends). */
const SLIDER = /^(.+?)\s*(?:↔|<->|<>|—|–|\s-\s)\s*(.+?)\s*[:=]\s*(\d+)\s*$/;

export function parseSlider(text: string): PersonalitySlider | string {
  const m = SLIDER.exec(text.trim());
  if (!m) return `Write a slider as "Left ↔ Right: 1–${PERSONALITY_POINTS}" (got "${text.trim().slice(0, 60)}").`;
  const [, left = "", right = "", digits = ""] = m;
  const value = Number(digits);
  if (value < 1 || value > PERSONALITY_POINTS) return `"${left} ↔ ${right}" must be between 1 and ${PERSONALITY_POINTS}.`;
  const known = DEFAULT_PERSONALITY.find((s) => s.left.toLowerCase() === left.toLowerCase() && s.right.toLowerCase() === right.toLowerCase());
  const key = known?.key ?? (`${left}-${right}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "slider");
  return { key, left: known?.left ?? left, right: known?.right ?? right, value };
}

/**
 * Sets a field on `raw` from text items (a CSV cell split by `;`, Markdown lines or bullets): text
 * fields take them joined, list fields each item, personality one slider per item. A value that
 * cannot be read becomes a problem on that field.
 */
export function setFromText(raw: RawPersona, field: PersonaField, items: string[]) {
  const clean = items.map((s) => s.trim()).filter((s) => s !== "");
  switch (field.kind) {
    case "text":
      raw.values[field.key] = clean.join("\n");
      return;
    case "list":
      raw.values[field.key] = field.key === "tags" ? clean.flatMap((s) => s.split(",")).map((s) => s.trim().replace(/^#/, "")) : clean;
      return;
    case "boolean": {
      const v = clean.join(" ").toLowerCase();
      if (YES.has(v)) raw.values[field.key] = true;
      else if (NO.has(v)) raw.values[field.key] = false;
      else raw.problems.push({ field: field.key, message: `Write yes or no (got "${v.slice(0, 40)}").` });
      return;
    }
    case "personality": {
      const sliders: PersonalitySlider[] = [];
      for (const item of clean) {
        const s = parseSlider(item);
        if (typeof s === "string") raw.problems.push({ field: field.key, message: s });
        else sliders.push(s);
      }
      if (sliders.length > 0) raw.values[field.key] = sliders;
      return;
    }
    case "sections": {
      // "Title: body" per item
      const sections = clean.map((item) => {
        const at = item.indexOf(":");
        return at > 0 ? { title: item.slice(0, at).trim(), body: item.slice(at + 1).trim() } : { title: "Notes", body: item };
      });
      raw.values[field.key] = [...((raw.values[field.key] as unknown[] | undefined) ?? []), ...sections];
      return;
    }
  }
}

/** Adds a free section {title, body} to a raw persona. */
export function addSection(raw: RawPersona, title: string, body: string) {
  const sections = (raw.values.sections as { title: string; body: string }[] | undefined) ?? [];
  sections.push({ title, body });
  raw.values.sections = sections;
}

/** 1-based line of a character offset in `text`. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
