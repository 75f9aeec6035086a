import { parse } from "csv-parse/sync";
import { z } from "zod";
import { findField, type PersonaField } from "@/lib/personas/fields";
import { addSection, fileProblem, MAX_PERSONAS_PER_FILE, newRaw, setFromText, type ParsedFile } from "@/lib/personas/upload/common";

/**
 * Reads a CSV file: a header row, then one row per persona. A header names a card field by its key
 * or label, case-insensitively ("Pain points", "painPoints"); list fields (and personality sliders)
 * hold several items split by `;`; "Negative persona" is yes/no; `photo` holds a data URL. Any other
 * column becomes a free section titled by its header. Rules are only imported from the JSON export.
 */
const recordsSchema = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }));

type Column = { kind: "field"; field: PersonaField } | { kind: "photo" } | { kind: "section"; title: string } | { kind: "skip" };

export function parseCsvFile(text: string): ParsedFile {
  const out: ParsedFile = { format: "csv", personas: [], problems: [], warnings: [] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const result: unknown = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true });
    records = recordsSchema.parse(result);
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const line = /line (\d+)/i.exec(message)?.[1];
    out.problems.push(fileProblem(`This CSV could not be read${line ? ` (line ${line})` : ""}: check its quotes and separators.`, line ? `line ${line}` : null));
    return out;
  }
  const [header, ...rows] = records;
  if (!header) {
    out.problems.push(fileProblem("The file has no header row."));
    return out;
  }
  const columns: Column[] = header.record.map((h) => {
    const name = h.trim();
    if (name === "") return { kind: "skip" };
    if (/^(photo|image|picture)$/i.test(name)) return { kind: "photo" };
    if (/^(rules|definition|segment ?id)$/i.test(name)) return { kind: "skip" };
    const field = findField(name);
    return field ? { kind: "field", field } : { kind: "section", title: name.slice(0, 120) };
  });
  if (!columns.some((c) => c.kind === "field" && c.field.key === "name"))
    out.problems.push(fileProblem('The header row needs a "Name" column.', "line 1"));
  const sections = columns.flatMap((c) => (c.kind === "section" ? [`"${c.title}"`] : []));
  if (sections.length > 0) out.warnings.push(`Columns that are not card fields become free sections: ${sections.join(", ")}.`);
  if (header.record.some((h) => /^(rules|definition|segment ?id)$/i.test(h.trim())))
    out.warnings.push("Rules and linked segments are only imported from the JSON export; those columns were skipped.");
  if (rows.length > MAX_PERSONAS_PER_FILE) {
    out.problems.push(fileProblem(`The file has ${rows.length} rows; upload at most ${MAX_PERSONAS_PER_FILE} personas at a time.`));
    return out;
  }
  if (out.problems.length > 0) return out;

  for (const { record, info } of rows) {
    const raw = newRaw(`line ${info.lines}`);
    record.forEach((cell, i) => {
      const column = columns[i];
      if (!column) {
        if (cell !== "") raw.problems.push({ field: null, message: `Cell ${i + 1} has no header: the row has more cells than the header row.` });
        return;
      }
      if (cell === "") return;
      if (column.kind === "photo") raw.photo = cell;
      else if (column.kind === "section") addSection(raw, column.title, cell);
      else if (column.kind === "field") setFromText(raw, column.field, column.field.kind === "text" || column.field.kind === "boolean" ? [cell] : cell.split(";"));
    });
    out.personas.push(raw);
  }
  return out;
}
