import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import type { ReadRow, RowProblem } from "@/lib/imports/rows";
import { targetsFor, type ValueKind } from "@/lib/imports/targets";

/**
 * Writes one batch of checked rows with a single statement: rows travel as one JSON parameter
 * (`jsonb_to_recordset`), are upserted by external id, and come back counted as inserted or
 * updated; a row identical to what is stored is left alone (no write, no new `updatedAt`), which
 * is what makes importing the same file twice change nothing.
 *
 * A key seen earlier in the same run (kept in "ImportKey") is a duplicate: the row is reported, not
 * applied. Column names come from the product's target lists, never from the file.
 */
export type BatchOutcome = { inserted: number; updated: number; unchanged: number; problems: { line: number; problem: RowProblem }[] };

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;
const raw = Prisma.raw;

export type WriteContext = {
  workspaceId: string;
  jobId: string;
  kind: ImportKind;
  /** The run's timestamp, written as createdAt / updatedAt. */
  stamp: Date;
  matchBy: "externalId" | "email";
  fieldKeys: readonly string[];
  /** Trait keys the file fills (customers): a blank cell removes the trait. */
  extraKeys: readonly string[];
  /** Column names for the report. */
  columnOf: (key: string) => string;
};

const SQL_TYPES: Record<ValueKind, string> = {
  text: "text",
  email: "text",
  country: "text",
  date: "date",
  datetime: "timestamptz",
  money: "numeric",
  positiveMoney: "numeric",
  integer: "integer",
  number: "integer",
  boolean: "boolean",
  tags: "text[]",
};

/** Built-in tag lists are NOT NULL: no tags is the empty list. */
const TAG_LISTS: ReadonlySet<string> = new Set(targetsFor("CUSTOMERS").filter((t) => t.kind === "tags").map((t) => t.key));

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function recordType(kind: ImportKind, keys: readonly string[]): string {
  const targets = targetsFor(kind);
  return keys
    .map((k) => {
      const target = targets.find((t) => t.key === k);
      if (!target) throw new Error(`unknown import field ${k}`);
      return `${q(k)} ${SQL_TYPES[target.kind]}`;
    })
    .join(", ");
}

/** Later rows with the same key in one batch are duplicates of the first. */
function dedupe(rows: ReadRow[], keyOf: (r: ReadRow) => string, ctx: WriteContext, keyField: string) {
  const first = new Map<string, number>();
  const kept: ReadRow[] = [];
  const problems: BatchOutcome["problems"] = [];
  for (const row of rows) {
    const key = keyOf(row);
    const earlier = first.get(key);
    if (earlier !== undefined) {
      problems.push({ line: row.line, problem: duplicate(ctx, keyField, key, earlier) });
      continue;
    }
    first.set(key, row.line);
    kept.push(row);
  }
  return { kept, problems };
}

function duplicate(ctx: WriteContext, keyField: string, key: string, earlierLine?: number): RowProblem {
  const where = earlierLine ? `line ${earlierLine}` : "an earlier line";
  return { column: ctx.columnOf(keyField), value: key, message: `Duplicate: ${key} already appears on ${where} of this file. This row was skipped.` };
}

/** A batch ready for its statement: duplicates within it set aside, the JSON payload built. */
export type PreparedBatch = { rows: ReadRow[]; payload: string; problems: BatchOutcome["problems"] };

/**
 * Prepares a batch without the database, so it can be done while the previous batch is being
 * written. Null when the batch needs the database first (customers matched by e-mail).
 */
export function prepareBatch(ctx: WriteContext, rows: ReadRow[]): PreparedBatch | null {
  if (ctx.kind === "CUSTOMERS") return ctx.matchBy === "email" ? null : prepareCustomers(ctx, rows);
  return prepareActivity(ctx, rows);
}

export async function writeBatch(tx: Tx, ctx: WriteContext, rows: ReadRow[], prepared: PreparedBatch | null = null): Promise<BatchOutcome> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0, problems: [] };
  if (ctx.kind === "CUSTOMERS") {
    if (prepared) return execCustomers(tx, ctx, prepared);
    const resolved = ctx.matchBy === "email" ? await resolveByEmail(tx, ctx, rows) : { rows, problems: [] };
    const batch = prepareCustomers(ctx, resolved.rows);
    const outcome = await execCustomers(tx, ctx, batch);
    return { ...outcome, problems: [...resolved.problems, ...outcome.problems] };
  }
  return execActivity(tx, ctx, prepared ?? prepareActivity(ctx, rows));
}

// ---------------------------------------------------------------------------------------------

function prepareCustomers(ctx: WriteContext, input: ReadRow[]): PreparedBatch {
  const deduped = dedupe(input, (r) => String(r.values.externalId), ctx, ctx.matchBy === "email" ? "email" : "externalId");
  const rows = deduped.kept;
  const fields = ctx.fieldKeys.filter((k) => k !== "externalId");
  const hasTraits = ctx.extraKeys.length > 0;
  const payload = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = { line: r.line, externalId: r.values.externalId };
      for (const k of fields) o[k] = r.values[k] ?? (TAG_LISTS.has(k) ? [] : null);
      if (hasTraits) {
        const traits: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r.extra)) if (v !== null && v !== undefined) traits[k] = v;
        o.traits = traits;
      }
      return o;
    }),
  );
  return { rows, payload, problems: deduped.problems };
}

async function execCustomers(tx: Tx, ctx: WriteContext, { rows, payload, problems: found }: PreparedBatch): Promise<BatchOutcome> {
  const problems = [...found];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0, problems };
  const fields = ctx.fieldKeys.filter((k) => k !== "externalId");
  const hasTraits = ctx.extraKeys.length > 0;
  const cols = fields.map(q);
  const setList = [...fields.map((k) => `${q(k)} = excluded.${q(k)}`)];
  const before = fields.map((k) => Prisma.raw(`t.${q(k)}`));
  const after = fields.map((k) => Prisma.raw(`excluded.${q(k)}`));
  if (hasTraits) {
    // Blank trait cells remove the trait; filled ones replace it; other traits stay.
    const merged = Prisma.sql`(t."traits" - ${ctx.extraKeys}::text[]) || excluded."traits"`;
    before.push(raw(`t."traits"`));
    after.push(merged);
  }
  const traitSet = hasTraits ? Prisma.sql`, "traits" = (t."traits" - ${ctx.extraKeys}::text[]) || excluded."traits"` : Prisma.empty;
  const insertCols = ['"workspaceId"', '"externalId"', ...cols, ...(hasTraits ? ['"traits"'] : []), '"createdAt"', '"updatedAt"'];
  const selectCols = ['i."externalId"', ...fields.map((k) => `i.${q(k)}`), ...(hasTraits ? ['i."traits"'] : [])];
  const changed = before.length
    ? Prisma.sql`where (${Prisma.join(before)}) is distinct from (${Prisma.join(after)})`
    : Prisma.sql`where false`;
  const recordDecl = `"line" integer, "externalId" text${fields.length ? `, ${recordType("CUSTOMERS", fields)}` : ""}${hasTraits ? ', "traits" jsonb' : ""}`;
  const [result] = await tx.$queryRaw<{ inserted: number; updated: number; duplicates: { line: number; key: string }[] }[]>(Prisma.sql`
    with input as (
      select * from jsonb_to_recordset(${payload}::jsonb) as r(${raw(recordDecl)})
    ),
    fresh as (
      insert into "ImportKey" ("workspaceId", "jobId", "key")
      select ${ctx.workspaceId}::uuid, ${ctx.jobId}, i."externalId" from input i
      on conflict do nothing
      returning "key"
    ),
    written as (
      insert into "Customer" as t (${raw(insertCols.join(", "))})
      select ${ctx.workspaceId}::uuid, ${raw(selectCols.join(", "))}, ${ctx.stamp}::timestamp, ${ctx.stamp}::timestamp from input i
      where i."externalId" in (select "key" from fresh)
      on conflict ("workspaceId", "externalId") do update set ${raw([...setList, '"updatedAt" = excluded."updatedAt"'].join(", "))}${traitSet}
      ${changed}
      returning (t.xmax = 0) as "inserted"
    )
    select
      (select count(*)::int from written where "inserted") as "inserted",
      (select count(*)::int from written where not "inserted") as "updated",
      (select coalesce(json_agg(json_build_object('line', i."line", 'key', i."externalId")), '[]'::json)
         from input i where i."externalId" not in (select "key" from fresh)) as "duplicates"`);
  const dupes = result!.duplicates.map((d) => ({
    line: d.line,
    problem: duplicate(ctx, ctx.matchBy === "email" ? "email" : "externalId", ctx.matchBy === "email" ? String(rows.find((r) => r.line === d.line)?.values.email ?? d.key) : d.key),
  }));
  problems.push(...dupes);
  const written = result!.inserted + result!.updated;
  return { inserted: result!.inserted, updated: result!.updated, unchanged: rows.length - dupes.length - written, problems };
}

/**
 * Matching by e-mail: a row whose e-mail belongs to one customer updates that customer; a new
 * e-mail creates a customer (with the file's external id, or one derived from the e-mail).
 */
async function resolveByEmail(tx: Tx, ctx: WriteContext, rows: ReadRow[]) {
  const emails = [...new Set(rows.map((r) => String(r.values.email)))];
  const found = await tx.$queryRaw<{ email: string; externalIds: string[] }[]>`
    select "email", array_agg("externalId" order by "id") as "externalIds" from "Customer"
    where "workspaceId" = ${ctx.workspaceId}::uuid and "email" = any(${emails}::text[]) group by "email"`;
  const byEmail = new Map(found.map((f) => [f.email, f.externalIds]));
  const problems: BatchOutcome["problems"] = [];
  const out: ReadRow[] = [];
  for (const row of rows) {
    const email = String(row.values.email);
    const given = typeof row.values.externalId === "string" ? row.values.externalId : null;
    const ids = byEmail.get(email);
    if (ids && ids.length > 1) {
      problems.push({ line: row.line, problem: { column: ctx.columnOf("email"), value: email, message: `${ids.length} customers have this e-mail (${ids.slice(0, 3).join(", ")}). Match by external id instead.` } });
      continue;
    }
    if (ids && given && given !== ids[0]) {
      problems.push({ line: row.line, problem: { column: ctx.columnOf("externalId"), value: given, message: `This e-mail belongs to customer ${ids[0]}, not ${given}.` } });
      continue;
    }
    const externalId = ids?.[0] ?? given ?? `E-${createHash("sha256").update(email).digest("hex").slice(0, 16).toUpperCase()}`;
    out.push({ ...row, values: { ...row.values, externalId } });
  }
  return { rows: out, problems };
}

// ---------------------------------------------------------------------------------------------

const ACTIVITY = {
  ORDERS: { table: "Order", time: "orderedAt", extra: null },
  EVENTS: { table: "Event", time: "occurredAt", extra: "properties" },
} as const;

function activityFields(ctx: WriteContext): string[] {
  return [...new Set([...ctx.fieldKeys, "externalId"])].filter((k) => k !== "customerExternalId" && k !== "externalId");
}

function prepareActivity(ctx: WriteContext, input: ReadRow[]): PreparedBatch {
  const spec = ACTIVITY[ctx.kind as "ORDERS" | "EVENTS"];
  const deduped = dedupe(input, (r) => String(r.values.externalId), ctx, "externalId");
  const rows = deduped.kept;
  const fields = activityFields(ctx);
  const withExtra = spec.extra !== null;
  const payload = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = { line: r.line, customerExternalId: r.values.customerExternalId, externalId: r.values.externalId };
      for (const k of fields) o[k] = r.values[k] ?? (TAG_LISTS.has(k) ? [] : null);
      if (withExtra) {
        const props: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r.extra)) if (v !== null && v !== undefined) props[k] = v;
        o.extra = props;
      }
      return o;
    }),
  );
  return { rows, payload, problems: deduped.problems };
}

async function execActivity(tx: Tx, ctx: WriteContext, { rows, payload, problems: found }: PreparedBatch): Promise<BatchOutcome> {
  const spec = ACTIVITY[ctx.kind as "ORDERS" | "EVENTS"];
  const problems = [...found];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0, problems };
  const fields = activityFields(ctx);
  const withExtra = spec.extra !== null;
  const table = raw(q(spec.table));
  const setCols = ['"customerId"', ...fields.map(q), ...(withExtra ? [q(spec.extra)] : [])];
  const selectCols = ['i."customerId"', ...fields.map((k) => `i.${q(k)}`), ...(withExtra ? ['i."extra"'] : [])];
  const recordDecl = `"line" integer, "customerExternalId" text, "externalId" text, ${recordType(ctx.kind, fields)}${withExtra ? ', "extra" jsonb' : ""}`;
  const ws = ctx.workspaceId;
  const [result] = await tx.$queryRaw<{ inserted: number; updated: number; unknown: { line: number; key: string }[]; duplicates: { line: number; key: string }[] }[]>(Prisma.sql`
    with input as (
      -- Each row with its customer's id (null for an unknown customer): one lookup per row.
      select r.*, c."id" as "customerId"
      from jsonb_to_recordset(${payload}::jsonb) as r(${raw(recordDecl)})
      left join "Customer" c on c."workspaceId" = ${ws}::uuid and c."externalId" = r."customerExternalId"
    ),
    fresh as (
      insert into "ImportKey" ("workspaceId", "jobId", "key")
      select ${ws}::uuid, ${ctx.jobId}, i."externalId" from input i
      on conflict do nothing
      returning "key"
    ),
    written as (
      insert into ${table} as t ("workspaceId", "externalId", ${raw(setCols.join(", "))}, "createdAt")
      select ${ws}::uuid, i."externalId", ${raw(selectCols.join(", "))}, ${ctx.stamp}::timestamp
      from input i
      where i."customerId" is not null and i."externalId" in (select "key" from fresh)
      on conflict ("workspaceId", "externalId") do update set ${raw(setCols.map((c) => `${c} = excluded.${c}`).join(", "))}
      where (${raw(setCols.map((c) => `t.${c}`).join(", "))}) is distinct from (${raw(setCols.map((c) => `excluded.${c}`).join(", "))})
      returning (t.xmax = 0) as "inserted"
    )
    select
      (select count(*)::int from written where "inserted") as "inserted",
      (select count(*)::int from written where not "inserted") as "updated",
      (select coalesce(json_agg(json_build_object('line', i."line", 'key', i."customerExternalId")), '[]'::json)
         from input i where i."customerId" is null) as "unknown",
      (select coalesce(json_agg(json_build_object('line', i."line", 'key', i."externalId")), '[]'::json)
         from input i where i."externalId" not in (select "key" from fresh)) as "duplicates"`);
  for (const u of result!.unknown) {
    problems.push({ line: u.line, problem: { column: ctx.columnOf("customerExternalId"), value: u.key, message: `No customer has the id ${u.key}. Import the customers first, then this file again.` } });
  }
  const unknownLines = new Set(result!.unknown.map((u) => u.line));
  const dupes = result!.duplicates.filter((d) => !unknownLines.has(d.line));
  for (const d of dupes) problems.push({ line: d.line, problem: duplicate(ctx, "externalId", d.key) });
  const written = result!.inserted + result!.updated;
  return { inserted: result!.inserted, updated: result!.updated, unchanged: rows.length - unknownLines.size - dupes.length - written, problems };
}
