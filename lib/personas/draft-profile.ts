/**
 * A segment's aggregate profile for drafting a persona (see draft.ts): the persona evidence
 * (top countries, industries and channels with lift; RFM and lifecycle mix) plus what the card
 * needs beyond it — members per age band and income band (NULLs left out), and the most common
 * occupations and interests. SQL over the compiled definition, parameters only; the caller runs it
 * under the statement time limit in its transaction.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { AGE_BAND_LOWER, AGE_BANDS, INCOME_BAND_LOWER, INCOME_BANDS, type SegmentProfile, type ValueShare } from "@/lib/personas/draft";
import { computeEvidence, matchingCte } from "@/lib/personas/evidence";
import type { SegmentDefinition } from "@/lib/segments/definition";
import type { EvaluationClient, WorkspaceEvaluationContext } from "@/lib/segments/evaluate";

const { sql } = Prisma;

/** Occupations and interests considered. */
const TOP = 5;

/** `CASE` giving the index of the band a value falls in (0 below the first bound). */
function bandCase(value: Prisma.Sql, lowers: readonly number[]): Prisma.Sql {
  const whens = [...lowers]
    .map((lower, i) => ({ lower, index: i + 1 }))
    .reverse()
    .map(({ lower, index }) => sql`WHEN ${value} >= ${lower}::float8 THEN ${index}::int`);
  return sql`CASE ${Prisma.join(whens, " ")} ELSE 0 END`;
}

export async function computeSegmentProfile(
  db: EvaluationClient,
  workspaceId: string,
  segmentName: string,
  definition: SegmentDefinition,
  context: WorkspaceEvaluationContext,
): Promise<SegmentProfile> {
  const evidence = await computeEvidence(db, workspaceId, definition, context);
  const ws = sql`${workspaceId}::uuid`;
  const persona = await matchingCte(workspaceId, definition, context);
  const today = context.now.toISOString().slice(0, 10);
  const age = sql`date_part('year', age(${today}::date, c."birthDate"))::float8`;
  const income = sql`c."annualIncome"::float8`;

  const bands = await db.$queryRaw<{ kind: string; band: number; n: number }[]>(sql`WITH ${persona}
    SELECT 'age'::text AS "kind", ${bandCase(age, AGE_BAND_LOWER)} AS "band", count(*)::int AS "n"
      FROM "Customer" c JOIN "persona" p ON p."pid" = c."id"
      WHERE c."workspaceId" = ${ws} AND c."birthDate" IS NOT NULL
      GROUP BY 2
    UNION ALL
    SELECT 'income'::text, ${bandCase(income, INCOME_BAND_LOWER)}, count(*)::int
      FROM "Customer" c JOIN "persona" p ON p."pid" = c."id"
      WHERE c."workspaceId" = ${ws} AND c."annualIncome" IS NOT NULL
      GROUP BY 2`);

  const values = await db.$queryRaw<{ kind: string; value: string; n: number }[]>(sql`WITH ${persona},
      "v" AS (
        SELECT 'occupation'::text AS "kind", c."occupation" AS "value", count(*)::int AS "n"
          FROM "Customer" c JOIN "persona" p ON p."pid" = c."id"
          WHERE c."workspaceId" = ${ws} AND c."occupation" IS NOT NULL AND c."occupation" <> ''
          GROUP BY c."occupation"
        UNION ALL
        SELECT 'interest'::text, i."value", count(DISTINCT c."id")::int
          FROM "Customer" c JOIN "persona" p ON p."pid" = c."id"
          CROSS JOIN LATERAL unnest(c."interests") AS i("value")
          WHERE c."workspaceId" = ${ws} AND i."value" <> ''
          GROUP BY i."value")
    SELECT "kind", "value", "n" FROM (
      SELECT v.*, row_number() OVER (PARTITION BY "kind" ORDER BY "n" DESC, "value" ASC) AS "rank" FROM "v" v
    ) r WHERE "rank" <= ${TOP}::int
    ORDER BY "kind", "rank"`);

  const members = evidence.matching;
  const bandCounts = (kind: string, labels: readonly string[]) =>
    labels
      .map((label, i) => ({ label, count: bands.filter((b) => b.kind === kind && Number(b.band) === i).reduce((s, b) => s + Number(b.n), 0) }))
      .filter((b) => b.count > 0);
  const shares = (kind: string): ValueShare[] =>
    values
      .filter((v) => v.kind === kind)
      .map((v) => ({ value: v.value, count: Number(v.n), share: members > 0 ? Number(v.n) / members : 0 }));

  return {
    segmentName,
    members,
    ageBands: bandCounts("age", AGE_BANDS),
    incomeBands: bandCounts("income", INCOME_BANDS),
    countries: evidence.countries,
    industries: evidence.industries,
    channels: evidence.channels,
    occupations: shares("occupation"),
    interests: shares("interest"),
    rfm: evidence.rfm,
    lifecycle: evidence.lifecycle,
  };
}
