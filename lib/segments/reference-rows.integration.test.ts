/**
 * References as rows (`DefinitionReference`, lib/segments/references.ts): every save writes them in
 * its transaction, foreign keys refuse to delete what is referenced, the migration's backfill
 * writes the same rows as `extractReferences`, and the cycle check and the dependants' size limit
 * read them.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openAdapter } from "@/lib/db/adapter";
import { ensurePostgresDatabase } from "@/lib/db/create-database";
import { applyMigrations, readMigrationsList } from "@/lib/db/migrate";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Condition, Group, SegmentDefinition, SegmentNode } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import {
  extractReferences,
  extractStrategyReferences,
  findUsages,
  isReferenceViolation,
  referencesOf,
  syncReferences,
  type ReferenceTarget,
  type ReferencingDefinition,
} from "@/lib/segments/references";
import { createSegment, deleteSegment, duplicateSegment, getSegment, updateSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation } from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-03-01T12:00:00.000Z");
const US: Condition = { type: "field", field: "country", operator: "eq", value: "US" };
const def = (...children: SegmentNode[]): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children } });
const inSeg = (id: string, operator: "in" | "not_in" = "in"): SegmentNode => ({ type: "membership", target: "segment", operator, id });
const matches = (id: string): SegmentNode => ({ type: "membership", target: "persona", operator: "matches", id });

type Row = { sourceType: string; sourceId: string; targetType: string; targetId: string };
const sortRows = (rows: Row[]) =>
  [...rows].sort((a, b) => `${a.sourceType}:${a.sourceId}:${a.targetType}:${a.targetId}`.localeCompare(`${b.sourceType}:${b.sourceId}:${b.targetType}:${b.targetId}`));

async function rowsOf(client: PrismaClient, workspaceId: string): Promise<Row[]> {
  const rows = await client.definitionReference.findMany({
    where: { workspaceId },
    select: { sourceType: true, sourceId: true, targetType: true, targetId: true },
  });
  return sortRows(rows);
}

const targetsOf = async (workspaceId: string, sourceId: string) =>
  (await rowsOf(db, workspaceId)).filter((r) => r.sourceId === sourceId).map((r) => ({ type: r.targetType, id: r.targetId }));

let ws = "";

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  await insertPopulation(
    db,
    ws,
    ["US", "DE", "US"].map((country, i) => ({ customer: blankCustomer(i + 1, { country }), history: { orders: [], events: [] } })),
  );
});

// ---------------------------------------------------------------------------------------------
// Generated definitions: nested groups (AND / OR, negated or not), repeated references.

const SEGMENT_POOL = ["s0", "s1", "s2", "s3"];
const PERSONA_POOL = ["p0", "p1"];

function nodeArb(depth: number, segments: string[], personas: string[]): fc.Arbitrary<SegmentNode> {
  const leaves: fc.Arbitrary<SegmentNode>[] = [fc.constant<SegmentNode>(US)];
  if (segments.length) leaves.push(fc.tuple(fc.constantFrom(...segments), fc.boolean()).map(([id, not]) => inSeg(id, not ? "not_in" : "in")));
  if (personas.length)
    leaves.push(
      fc.tuple(fc.constantFrom(...personas), fc.boolean()).map(
        ([id, not]): SegmentNode => ({ type: "membership", target: "persona", operator: not ? "not_matches" : "matches", id }),
      ),
    );
  const leaf = fc.oneof(...leaves);
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("group" as const),
        op: fc.constantFrom("and" as const, "or" as const),
        negate: fc.boolean(),
        children: fc.array(nodeArb(depth - 1, segments, personas), { maxLength: 4 }),
      }),
    },
  );
}

const definitionArb = (segments: string[], personas: string[]): fc.Arbitrary<SegmentDefinition> =>
  fc
    .record({ op: fc.constantFrom("and" as const, "or" as const), negate: fc.boolean(), children: fc.array(nodeArb(3, segments, personas), { maxLength: 5 }) })
    .map((root): SegmentDefinition => ({ version: 1, root: { type: "group", ...root } satisfies Group }));

const strategyConfigArb = (segments: string[], personas: string[]): fc.Arbitrary<unknown> =>
  fc.record({
    targets: fc.array(fc.record({ segmentId: fc.constantFrom(...segments), weight: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
    exclude: fc.record({ personaIds: fc.array(fc.constantFrom(...personas), { maxLength: 3 }), segmentIds: fc.array(fc.constantFrom(...segments), { maxLength: 2 }) }),
    note: fc.constantFrom(...segments, "plain text"),
    nested: fc.array(fc.record({ personaId: fc.constantFrom(...personas) }), { maxLength: 2 }),
  });

describe("extractReferences", () => {
  it("lists each segment and persona once, through nested and negated groups", () => {
    const definition: SegmentDefinition = {
      version: 1,
      root: {
        type: "group",
        op: "or",
        children: [
          inSeg("b"),
          { type: "group", op: "and", negate: true, children: [inSeg("a", "not_in"), { type: "group", op: "or", children: [matches("p"), inSeg("b")] }] },
          US,
        ],
      },
    };
    expect(extractReferences(definition)).toEqual([
      { type: "PERSONA", id: "p" },
      { type: "SEGMENT", id: "a" },
      { type: "SEGMENT", id: "b" },
    ]);
    expect(referencesOf({ type: "PERSONA", id: "x", definition: def(inSeg("a")), segmentId: "g" })).toEqual([
      { type: "SEGMENT", id: "a" },
      { type: "SEGMENT", id: "g" },
    ]);
    // Only the keys that name a segment or persona count, not any string that looks like an id.
    expect(extractStrategyReferences({ targets: [{ segmentId: "a" }], exclude: { personaIds: ["p", "p"] }, note: "b" })).toEqual([
      { type: "PERSONA", id: "p" },
      { type: "SEGMENT", id: "a" },
    ]);
  });

  it("agrees with the SQL twins the backfill uses", async () => {
    await fc.assert(
      fc.asyncProperty(definitionArb(SEGMENT_POOL, PERSONA_POOL), strategyConfigArb(SEGMENT_POOL, PERSONA_POOL), async (definition, config) => {
        const sqlTargets = async (query: Prisma.Sql) =>
          (await db.$queryRaw<{ type: string; id: string }[]>(query)).map((r) => ({ type: r.type, id: r.id }));
        expect(
          await sqlTargets(
            Prisma.sql`SELECT "targetType"::text AS "type", "targetId" AS "id" FROM definition_reference_targets(${JSON.stringify(definition)}::jsonb) ORDER BY 1, 2`,
          ),
        ).toEqual(extractReferences(definition));
        expect(
          await sqlTargets(
            Prisma.sql`SELECT "targetType"::text AS "type", "targetId" AS "id" FROM strategy_reference_targets(${JSON.stringify(config)}::jsonb) ORDER BY 1, 2`,
          ),
        ).toEqual(extractStrategyReferences(config));
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("saves write the rows in their transaction", () => {
  it("on create, update, duplicate and delete", async () => {
    const a = (await createSegment(db, ws, { name: "A", definition: def(US) }, { now: NOW })).segment;
    const b = (await createSegment(db, ws, { name: "B", definition: def(US) }, { now: NOW })).segment;
    const user = (
      await createSegment(db, ws, { name: "User", definition: def(inSeg(a.id), { type: "group", op: "or", negate: true, children: [inSeg(a.id, "not_in"), inSeg(b.id)] }) }, { now: NOW })
    ).segment;
    expect(await targetsOf(ws, user.id)).toEqual(sortTargets([{ type: "SEGMENT", id: a.id }, { type: "SEGMENT", id: b.id }]));

    // An update that changes only the name keeps the rows; new rules replace them.
    await updateSegment(db, ws, user.id, { expectedVersion: 1, name: "User renamed" }, { now: NOW });
    expect(await targetsOf(ws, user.id)).toHaveLength(2);
    await updateSegment(db, ws, user.id, { expectedVersion: 2, definition: def(inSeg(b.id)) }, { now: NOW });
    expect(await targetsOf(ws, user.id)).toEqual([{ type: "SEGMENT", id: b.id }]);
    expect((await findUsages(db, ws, { type: "SEGMENT", id: a.id })).segments).toEqual([]);

    // A refused save writes no rows.
    const refused = await updateSegment(db, ws, user.id, { expectedVersion: 1, definition: def(inSeg(a.id)) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "STALE_VERSION" });
    expect(await targetsOf(ws, user.id)).toEqual([{ type: "SEGMENT", id: b.id }]);

    const copy = (await duplicateSegment(db, ws, user.id, {}, { now: NOW })).segment;
    expect(await targetsOf(ws, copy.id)).toEqual([{ type: "SEGMENT", id: b.id }]);
    expect((await findUsages(db, ws, { type: "SEGMENT", id: b.id })).segments.map((s) => s.name)).toEqual(["User renamed", "User renamed (copy)"]);

    // Deleting the source deletes its rows; then the target is free to go.
    await deleteSegment(db, ws, copy.id);
    await deleteSegment(db, ws, user.id);
    expect(await targetsOf(ws, user.id)).toEqual([]);
    await deleteSegment(db, ws, b.id);
    await deleteSegment(db, ws, a.id);
  });

  it("refuses a reference to itself or to what is not in the workspace, writing nothing", async () => {
    const a = (await createSegment(db, ws, { name: "Self", definition: def(US) }, { now: NOW })).segment;
    const other = await createTestWorkspace(db);
    const foreign = (await createSegment(db, other, { name: "Foreign", definition: def(US) }, { now: NOW })).segment;
    await expect(db.$transaction((tx) => syncReferences(tx, ws, { type: "SEGMENT", id: a.id, definition: def(inSeg(a.id)) }))).rejects.toThrow(
      "A segment can't refer to itself.",
    );
    await expect(db.$transaction((tx) => syncReferences(tx, ws, { type: "SEGMENT", id: a.id, definition: def(inSeg(foreign.id)) }))).rejects.toThrow(
      "That segment does not exist in this workspace",
    );
    expect(await targetsOf(ws, a.id)).toEqual([]);
    // The store refuses it first, with the path of the condition.
    await expect(updateSegment(db, ws, a.id, { expectedVersion: 1, definition: def(US, inSeg(a.id)) })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "root.children[1].id", message: "A segment can't refer to itself." }],
    });
  });
});

const sortTargets = (targets: ReferenceTarget[]) => [...targets].sort((x, y) => `${x.type}:${x.id}`.localeCompare(`${y.type}:${y.id}`));

describe("foreign keys", () => {
  const isForeignKeyError = isReferenceViolation;

  it("refuse, at the database, to delete a segment or persona that is referenced", async () => {
    const base = (await createSegment(db, ws, { name: "Referenced", definition: def(US) }, { now: NOW })).segment;
    await createSegment(db, ws, { name: "Referrer", definition: def(inSeg(base.id)) }, { now: NOW });
    const byKey = { workspaceId_id: { workspaceId: ws, id: base.id } };
    expect(isForeignKeyError(await db.segment.delete({ where: byKey }).catch((e: unknown) => e))).toBe(true);

    // A persona grounded in a segment holds it by its own foreign key, rows or not.
    const grounded = (await createSegment(db, ws, { name: "Grounding", definition: def(US) }, { now: NOW })).segment;
    await db.persona.create({ data: { workspaceId: ws, name: "Grounded", segmentId: grounded.id } });
    expect(isForeignKeyError(await db.segment.delete({ where: { workspaceId_id: { workspaceId: ws, id: grounded.id } } }).catch((e: unknown) => e))).toBe(true);

    // A persona a segment matches cannot be deleted either.
    const persona = await db.persona.create({ data: { workspaceId: ws, name: "Matched", definition: def(US) } });
    const matcher = (await createSegment(db, ws, { name: "Matcher", definition: def(matches(persona.id)) }, { now: NOW })).segment;
    expect(isForeignKeyError(await db.persona.delete({ where: { workspaceId_id: { workspaceId: ws, id: persona.id } } }).catch((e: unknown) => e))).toBe(true);
    expect(await findUsages(db, ws, { type: "PERSONA", id: persona.id })).toEqual({ segments: [{ id: matcher.id, name: "Matcher" }], personas: [], strategies: [] });

    // A strategy's rows go with it; the store names the users of a segment.
    const strategy = await db.targetingStrategy.create({
      data: { workspaceId: ws, name: "Focus", type: "CONCENTRATED", config: { targets: [{ segmentId: base.id }] } },
    });
    await syncReferences(db, ws, { type: "STRATEGY", id: strategy.id, config: strategy.config });
    await expect(deleteSegment(db, ws, base.id)).rejects.toThrow("it is used by segment “Referrer” and strategy “Focus”");
    await db.targetingStrategy.delete({ where: { workspaceId_id: { workspaceId: ws, id: strategy.id } } });
    expect((await findUsages(db, ws, { type: "SEGMENT", id: base.id })).strategies).toEqual([]);
  });

  it("let a whole workspace go, references and all", async () => {
    const doomed = await createTestWorkspace(db);
    const a = (await createSegment(db, doomed, { name: "A", definition: def(US) }, { now: NOW })).segment;
    const persona = await db.persona.create({ data: { workspaceId: doomed, name: "P", segmentId: a.id, definition: def(inSeg(a.id)) } });
    await syncReferences(db, doomed, { type: "PERSONA", id: persona.id, definition: def(inSeg(a.id)), segmentId: a.id });
    await createSegment(db, doomed, { name: "B", definition: def(inSeg(a.id), matches(persona.id)) }, { now: NOW });
    expect((await rowsOf(db, doomed)).length).toBe(3);
    await db.workspace.delete({ where: { id: doomed } });
    expect(await db.definitionReference.count({ where: { workspaceId: doomed } })).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the cycle check and the size limit read the rows", () => {
  it("refuses a cycle the rows close, naming the chain", async () => {
    const a = (await createSegment(db, ws, { name: "Cycle A", definition: def(US) }, { now: NOW })).segment;
    const b = (await createSegment(db, ws, { name: "Cycle B", definition: def(inSeg(a.id)) }, { now: NOW })).segment;
    const c = (await createSegment(db, ws, { name: "Cycle C", definition: def(US, inSeg(b.id)) }, { now: NOW })).segment;
    await expect(updateSegment(db, ws, a.id, { expectedVersion: 1, definition: def(US, inSeg(c.id)) })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [
        {
          path: "root.children[1].id",
          message: "This reference goes round in a circle (this segment → segment “Cycle C” → segment “Cycle B” → this segment); remove one of the references.",
        },
      ],
    });
  });

  it("finds a cycle recorded only in the rows", async () => {
    // The rows are what is checked: a row the definitions do not show still closes the circle.
    const x = (await createSegment(db, ws, { name: "Row X", definition: def(US) }, { now: NOW })).segment;
    const y = (await createSegment(db, ws, { name: "Row Y", definition: def(US) }, { now: NOW })).segment;
    await db.definitionReference.create({
      data: { workspaceId: ws, sourceType: "SEGMENT", sourceId: y.id, sourceSegmentId: y.id, targetType: "SEGMENT", targetId: x.id, targetSegmentId: x.id },
    });
    const error = await updateSegment(db, ws, x.id, { expectedVersion: 1, definition: def(inSeg(y.id)) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentError);
    expect((error as SegmentError).message).toContain("this segment → segment “Row Y” → this segment");
    await db.definitionReference.deleteMany({ where: { workspaceId: ws, sourceId: y.id } });
    await expect(updateSegment(db, ws, x.id, { expectedVersion: 1, definition: def(inSeg(y.id)) })).resolves.toMatchObject({ segment: { version: 2 } });
  });

  it("refuses a change that pushes a persona referring to the segment past the limit, naming it", async () => {
    const tenTimes = (node: SegmentNode) => ({ version: 1 as const, root: { type: "group" as const, op: "or" as const, children: Array.from({ length: 10 }, () => node) } });
    const base = (await createSegment(db, ws, { name: "Limit base", definition: def(US) }, { now: NOW })).segment;
    const middle = (await createSegment(db, ws, { name: "Limit middle", definition: tenTimes(inSeg(base.id)) }, { now: NOW })).segment;
    const definition = tenTimes(inSeg(middle.id));
    const persona = await db.persona.create({ data: { workspaceId: ws, name: "Big persona", definition } });
    await syncReferences(db, ws, { type: "PERSONA", id: persona.id, definition, segmentId: null });
    // Base grows from 1 condition to 9: the persona would expand to 10 × (1 + 10 × (1 + 9)) = 1,010.
    const bigger: SegmentDefinition = { version: 1, root: { type: "group", op: "or", children: Array.from({ length: 9 }, () => US) } };
    const error = await updateSegment(db, ws, base.id, { expectedVersion: 1, definition: bigger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentError);
    expect((error as SegmentError).message).toContain("persona “Big persona”, which refers to this segment");
    expect((await getSegment(db, ws, base.id)).version).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

/** A database migrated up to (not including) the references migration, on the same kind of server as the tests. */
async function databaseBeforeReferences(): Promise<{ client: PrismaClient; migrateRest(): Promise<string[]>; close(): Promise<void> }> {
  const migration = readMigrationsList().migrationDirectories.map((d) => d.path).find((p) => p.endsWith("_definition_references"));
  if (!migration) throw new Error("the definition_references migration is missing");
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const url = new URL(base);
    const name = `segmently_refs_${process.pid}_${randomBytes(4).toString("hex")}`;
    url.pathname = `/${name}`;
    await ensurePostgresDatabase(url.toString());
    const handle = await openAdapter({ kind: "postgres", url: url.toString() });
    await applyMigrations(handle.factory, { before: migration });
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 2 }) });
    return {
      client,
      migrateRest: () => applyMigrations(handle.factory),
      close: async () => {
        await client.$disconnect();
        const admin = new URL(base);
        admin.pathname = "/postgres";
        const pgClient = new pg.Client({ connectionString: admin.toString() });
        await pgClient.connect();
        await pgClient.query(`drop database if exists "${name}" with (force)`);
        await pgClient.end();
      },
    };
  }
  const handle = await openAdapter({ kind: "pglite", dataDir: "memory://" });
  await applyMigrations(handle.factory, { before: migration });
  const client = new PrismaClient({ adapter: handle.factory });
  return {
    client,
    migrateRest: () => applyMigrations(handle.factory),
    close: async () => {
      await client.$disconnect();
      await handle.close();
    },
  };
}

describe("the migration's backfill", () => {
  it("writes the rows extractReferences gives for the saved definitions", async () => {
    const scratch = await databaseBeforeReferences();
    try {
      const { client } = scratch;
      const workspace = await client.workspace.create({ data: { name: "Backfill", slug: `backfill-${randomBytes(4).toString("hex")}` } });
      const workspaceId = workspace.id;
      const segmentIds = Array.from({ length: 8 }, (_, i) => `seg${i}`);
      const personaIds = ["per0", "per1", "per2"];
      // Segment i refers to segments before it (and to personas); a few definitions also refer to
      // what does not exist, or to themselves — rows that cannot be, and are left out.
      const segmentDefs = segmentIds.map((_, i) =>
        fc.sample(definitionArb([...segmentIds.slice(0, i), "gone"], personaIds), { numRuns: 1, seed: 7000 + i })[0]!,
      );
      segmentDefs[5] = { version: 1, root: { type: "group", op: "or", children: [inSeg("seg5"), inSeg("seg1"), inSeg("seg1", "not_in")] } };
      const personaDefs = personaIds.map((_, i) => (i === 2 ? null : fc.sample(definitionArb(segmentIds, ["per0", "gone"]), { numRuns: 1, seed: 8000 + i })[0]!));
      const configs = [0, 1, 2].map((i) => fc.sample(strategyConfigArb([...segmentIds, "gone"], [...personaIds, "gone"]), { numRuns: 1, seed: 9000 + i })[0]!);

      await client.segment.createMany({
        data: [
          ...segmentIds.map((id, i) => ({ workspaceId, id, name: `Segment ${i}`, definition: segmentDefs[i]! as Prisma.InputJsonValue })),
          { workspaceId, id: "static", name: "Static", kind: "STATIC" as const, definition: def() as Prisma.InputJsonValue },
        ],
      });
      // In SQL, with the columns "Persona" had then (the client knows today's columns).
      for (const [i, id] of personaIds.entries()) {
        const definition = personaDefs[i] === null ? null : JSON.stringify(personaDefs[i]);
        await client.$executeRaw`INSERT INTO "Persona" ("workspaceId", "id", "name", "definition", "segmentId", "updatedAt")
          VALUES (${workspaceId}::uuid, ${id}, ${`Persona ${i}`}, ${definition}::jsonb, ${[segmentIds[3]!, null, "gone"][i]}, now())`;
      }
      // Likewise "TargetingStrategy" with the columns it had then.
      for (const [i, config] of configs.entries())
        await client.$executeRaw`INSERT INTO "TargetingStrategy" ("workspaceId", "id", "name", "type", "config", "updatedAt")
          VALUES (${workspaceId}::uuid, ${`strat${i}`}, ${`Strategy ${i}`}, 'DIFFERENTIATED'::"StrategyType", ${JSON.stringify(config)}::jsonb, now())`;

      // The backfill is the next migration applied (later ones follow it).
      expect((await scratch.migrateRest())[0]).toMatch(/_definition_references$/);

      const exists = new Set([...segmentIds.map((id) => `SEGMENT:${id}`), "SEGMENT:static", ...personaIds.map((id) => `PERSONA:${id}`)]);
      const sources: ReferencingDefinition[] = [
        ...segmentIds.map((id, i): ReferencingDefinition => ({ type: "SEGMENT", id, definition: segmentDefs[i]! })),
        { type: "SEGMENT", id: "static", definition: null },
        // The grounding segment that no longer exists was cleared by the migration.
        ...personaIds.map((id, i): ReferencingDefinition => ({ type: "PERSONA", id, definition: personaDefs[i]!, segmentId: [segmentIds[3]!, null, null][i]! })),
        ...configs.map((config, i): ReferencingDefinition => ({ type: "STRATEGY", id: `strat${i}`, config })),
      ];
      const expected = sources.flatMap((source) =>
        referencesOf(source)
          .filter((t) => exists.has(`${t.type}:${t.id}`) && !(t.type === source.type && t.id === source.id))
          .map((t) => ({ sourceType: source.type, sourceId: source.id, targetType: t.type, targetId: t.id })),
      );
      expect(expected.length).toBeGreaterThan(10);
      expect(await rowsOf(client, workspaceId)).toEqual(sortRows(expected));
      expect((await client.persona.findMany({ where: { workspaceId }, orderBy: { id: "asc" } })).map((p) => p.segmentId)).toEqual(["seg3", null, null]);
    } finally {
      await scratch.close();
    }
  });
});
