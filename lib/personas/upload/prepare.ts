import type { z } from "zod";
import { DomainError } from "@/lib/errors";
import { PERSONA_FIELDS } from "@/lib/personas/fields";
import { MAX_PHOTO_BYTES, MAX_PHOTO_LABEL, processPhoto, type ProcessedPhoto } from "@/lib/personas/photo";
import {
  detectFormat,
  fieldProblem,
  fileProblem,
  MAX_PERSONAS_PER_FILE,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_LABEL,
  type ParsedFile,
  type RawPersona,
  type UploadFormat,
  type UploadProblem,
} from "@/lib/personas/upload/common";
import { parseCsvFile } from "@/lib/personas/upload/csv";
import { parseJsonFile } from "@/lib/personas/upload/json";
import { parseMarkdownFile } from "@/lib/personas/upload/markdown";
import { createPersonaSchema } from "@/lib/validations/persona";

/**
 * An uploaded file from bytes to personas ready to create: caps (size, number of personas), the
 * parser of its format, the card's schema for every persona (string lengths, list sizes, types —
 * each problem names the persona, where it is in the file and the field) and the photo, which goes
 * through the same checks as an upload on the card (photo.ts: type sniffed, size cap, re-encoded).
 * Pure apart from the image work: the rules and linked segment are checked by the service.
 */
export type PreparedPersona = {
  index: number;
  where: string;
  name: string;
  isNegative: boolean;
  /** Card fields with a value (besides the name and kind). */
  filled: number;
  card: z.infer<typeof createPersonaSchema> | null;
  photo: ProcessedPhoto | null;
  problems: UploadProblem[];
  warnings: string[];
};

export type PreparedUpload = {
  format: UploadFormat | null;
  personas: PreparedPersona[];
  /** Problems in the file as a whole. Each persona's own are on it. */
  problems: UploadProblem[];
  warnings: string[];
};

export const uploadProblems = (upload: PreparedUpload) => [...upload.problems, ...upload.personas.flatMap((p) => p.problems)];

const empty = (format: UploadFormat | null, problem: UploadProblem): PreparedUpload => ({ format, personas: [], problems: [problem], warnings: [] });

export async function prepareUpload(file: { name: string; bytes: Uint8Array }): Promise<PreparedUpload> {
  if (file.bytes.byteLength > MAX_UPLOAD_BYTES) return empty(null, fileProblem(`The file is larger than ${MAX_UPLOAD_LABEL}. Split it into smaller files.`));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    return empty(null, fileProblem("The file is not UTF-8 text. Upload a .json, .csv or .md file."));
  }
  if (text.trim() === "") return empty(null, fileProblem("The file is empty."));
  const format = detectFormat(file.name, text);
  if (!format) return empty(null, fileProblem("Upload a .json (Segmently export), .csv or .md (Markdown) file."));
  const parsed: ParsedFile = format === "json" ? parseJsonFile(text) : format === "csv" ? parseCsvFile(text) : parseMarkdownFile(text);
  if (parsed.personas.length > MAX_PERSONAS_PER_FILE)
    return empty(format, fileProblem(`The file holds ${parsed.personas.length} personas; upload at most ${MAX_PERSONAS_PER_FILE} at a time.`));
  if (parsed.problems.length === 0 && parsed.personas.length === 0) parsed.problems.push(fileProblem("The file holds no persona."));
  const personas: PreparedPersona[] = [];
  for (const [index, raw] of parsed.personas.entries()) personas.push(await preparePersona(index, raw));
  return { format, personas, problems: parsed.problems, warnings: parsed.warnings };
}

async function preparePersona(index: number, raw: RawPersona): Promise<PreparedPersona> {
  const problems = raw.problems.map((p) => fieldProblem(index, raw.where, p.field, p.message));
  for (const [key, value] of Object.entries(raw.values))
    if (hasNul(value)) {
      problems.push(fieldProblem(index, raw.where, key, "Remove the NUL characters (\\u0000) from this field."));
      delete raw.values[key];
    }
  const result = createPersonaSchema.safeParse({ name: "", ...raw.values });
  const card = result.success ? result.data : null;
  if (!result.success && !raw.unreadable)
    for (const issue of result.error.issues) {
      const [field, ...rest] = issue.path;
      const item = rest.find((p) => typeof p === "number");
      problems.push(fieldProblem(index, raw.where, typeof field === "string" ? field : null, (item !== undefined ? `Item ${item + 1}: ` : "") + issue.message));
    }
  let photo: ProcessedPhoto | null = null;
  if (raw.photo) {
    const bytes = decodeDataUrl(raw.photo);
    if (typeof bytes === "string") problems.push(fieldProblem(index, raw.where, "photo", bytes));
    else
      try {
        photo = await processPhoto(bytes);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push(fieldProblem(index, raw.where, "photo", error.message));
      }
  }
  const name = typeof raw.values.name === "string" && raw.values.name.trim() !== "" ? raw.values.name.trim().slice(0, 120) : `(no name, ${raw.where})`;
  return {
    index,
    where: raw.where,
    name,
    isNegative: raw.values.isNegative === true,
    filled: card ? filledFields(card) : 0,
    card: problems.length === 0 ? card : null,
    photo,
    problems,
    warnings: raw.warnings,
  };
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  return typeof value === "object" && value !== null && Object.values(value).some(hasNul);
}

function filledFields(card: Record<string, unknown>): number {
  return PERSONA_FIELDS.filter(({ key, kind }) => {
    if (kind === "boolean" || key === "name") return false;
    const v = card[key];
    return Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && v !== "";
  }).length;
}

const DATA_URL = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)?((?:;[a-z0-9-]+=[^;,]*)*);base64,([a-z0-9+/=\s]*)$/i;

/** The bytes of a base64 data URL (its claimed type is ignored: photo.ts sniffs it), or why not. */
export function decodeDataUrl(url: string): Uint8Array | string {
  // A base64 text 4/3 the size of the cap is refused before it is decoded.
  if (url.length > Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 200) return `The image is larger than ${MAX_PHOTO_LABEL}. Choose a smaller one.`;
  const m = DATA_URL.exec(url.trim());
  if (!m) return "The photo must be a base64 data URL (data:image/png;base64,…).";
  return new Uint8Array(Buffer.from((m[3] ?? "").replace(/\s+/g, ""), "base64"));
}
