import type { ImportKind, TraitType } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeHead, headerNames, sampleRows } from "@/lib/imports/detect";
import { readHead } from "@/lib/imports/files";
import type { Delimiter, Encoding, ImportSettings } from "@/lib/imports/mapping";
import { readRecords } from "@/lib/imports/parse";
import { rowReader } from "@/lib/imports/rows";

/** The first rows of a stored file as the import would read them, with their problems. */
export const PREVIEW_ROWS = 20;

export type PreviewRow = { line: number; cells: string[]; problems: { column: string; message: string }[] };

export type Format = { encoding: Encoding; delimiter: Delimiter; hasHeader: boolean };

/** The columns of a stored file read with `format`, and a sample of its rows (for guessing a mapping). */
export async function readColumns(file: string, format: Format): Promise<{ columns: string[]; sample: string[][] }> {
  const head = await readHead(file);
  const text = decodeHead(head, format.encoding);
  const rows = sampleRows(text, format.delimiter, 50);
  const width = format.hasHeader && rows[0] ? rows[0].length : Math.max(1, ...rows.slice(0, 20).map((r) => r.length));
  const columns = format.hasHeader && rows[0] ? headerNames(rows[0], width) : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  // Rows of another width (a stray delimiter, say) would shift values into the wrong columns.
  const sample = (format.hasHeader ? rows.slice(1) : rows).filter((r) => r.length === width);
  return { columns: columns.slice(0, 500), sample };
}

type Lookup = Pick<Prisma.TransactionClient, "$queryRaw">;

export async function previewRows(
  file: string,
  kind: ImportKind,
  settings: ImportSettings,
  columns: readonly string[],
  traitTypes: ReadonlyMap<string, TraitType>,
  lookup: { client: Lookup; workspaceId: string },
): Promise<PreviewRow[]> {
  const reader = rowReader(kind, settings, columns, traitTypes);
  const out: PreviewRow[] = [];
  const customerKeys: (string | null)[] = [];
  let headerSkipped = !settings.hasHeader;
  for await (const item of readRecords(file, { encoding: settings.encoding, delimiter: settings.delimiter })) {
    if (item.type === "unreadable") {
      out.push({ line: item.line, cells: [], problems: [{ column: "(row)", message: item.message }] });
      customerKeys.push(null);
    } else if (!headerSkipped) {
      headerSkipped = true;
      continue;
    } else {
      const row = reader.read(item.cells, item.line);
      out.push({ line: item.line, cells: item.cells.map((c) => (c.length > 200 ? `${c.slice(0, 199)}…` : c)), problems: row.problems.map(({ column, message }) => ({ column, message })) });
      customerKeys.push(typeof row.values.customerExternalId === "string" ? row.values.customerExternalId : null);
    }
    if (out.length >= PREVIEW_ROWS) break;
  }
  // Orders and events: say which customer ids are unknown before the import starts.
  if (kind !== "CUSTOMERS") {
    const keys = customerKeys.filter((k): k is string => k !== null);
    if (keys.length) {
      const known = await lookup.client.$queryRaw<{ externalId: string }[]>`
        select "externalId" from "Customer" where "workspaceId" = ${lookup.workspaceId}::uuid and "externalId" = any(${keys}::text[])`;
      const set = new Set(known.map((k) => k.externalId));
      const customerColumn = columns[settings.columns.findIndex((c) => c.type === "field" && c.key === "customerExternalId")] ?? "Customer id";
      out.forEach((row, i) => {
        const key = customerKeys[i];
        if (key && !set.has(key)) row.problems.push({ column: customerColumn, message: `No customer has the id ${key} (yet).` });
      });
    }
  }
  return out;
}
