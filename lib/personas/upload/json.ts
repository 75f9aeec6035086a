import { z } from "zod";
import { findField, PERSONA_FIELDS } from "@/lib/personas/fields";
import { fileProblem, lineOf, newRaw, type ParsedFile, type RawPersona } from "@/lib/personas/upload/common";
import { EXPORT_FORMAT, EXPORT_META_KEYS, EXPORT_VERSION } from "@/lib/personas/upload/format";

/**
 * Reads our own JSON export: `{ "format": "segmently.personas", "version": 1, "personas": [ … ] }`.
 * Each persona's card fields are taken as they are (their types are checked by prepare.ts against
 * the card's schema); `photo` is a data URL or null; `definition` (rules) and `segmentId` are kept
 * for the service to check within the workspace. Unknown keys are reported as warnings.
 */
const envelope = z.object({
  format: z.string(),
  version: z.number(),
  personas: z.array(z.unknown()),
});

const CARD_KEYS = new Set<string>(PERSONA_FIELDS.map((f) => f.key));
const META_KEYS = new Set<string>(EXPORT_META_KEYS);

export function parseJsonFile(text: string): ParsedFile {
  const out: ParsedFile = { format: "json", personas: [], problems: [], warnings: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const at = /position (\d+)/.exec(message);
    out.problems.push(fileProblem("This is not valid JSON" + (at ? ` (near line ${lineOf(text, Number(at[1]))}).` : "."), at ? `line ${lineOf(text, Number(at[1]))}` : null));
    return out;
  }
  const parsed = envelope.safeParse(doc);
  if (!parsed.success || parsed.data.format !== EXPORT_FORMAT) {
    out.problems.push(fileProblem(`This JSON is not a Segmently persona export: it needs "format": "${EXPORT_FORMAT}", a "version" and a "personas" list.`));
    return out;
  }
  if (parsed.data.version !== EXPORT_VERSION) {
    out.problems.push(fileProblem(`This export has version ${parsed.data.version}; this Segmently reads version ${EXPORT_VERSION}.`));
    return out;
  }
  parsed.data.personas.forEach((item, i) => out.personas.push(readPersona(item, `persona ${i + 1}`)));
  return out;
}

function readPersona(item: unknown, where: string): RawPersona {
  const raw = newRaw(where);
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    raw.problems.push({ field: null, message: "Each persona must be an object with the card's fields." });
    raw.unreadable = true;
    return raw;
  }
  for (const [key, value] of Object.entries(item)) {
    if (CARD_KEYS.has(key)) raw.values[key] = value;
    else if (key === "photo") {
      if (typeof value === "string") raw.photo = value;
      else if (value !== null) raw.problems.push({ field: "photo", message: "The photo must be a data URL (data:image/…;base64,…) or null." });
    } else if (key === "definition" || key === "segmentId") raw.values[key] = value;
    else if (!META_KEYS.has(key)) {
      const field = findField(key);
      if (field) raw.values[field.key] = value;
      else raw.warnings.push(`Unknown field "${key.slice(0, 40)}" was ignored.`);
    }
  }
  return raw;
}
