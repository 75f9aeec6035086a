import { Prisma } from "@/lib/generated/prisma/client";
import { rfmBoundsSql } from "@/lib/analytics/rfm";
import type { Sql } from "@/lib/segments/compiler/sql";

const { sql, join, empty } = Prisma;

/**
 * What one SQL statement shares between the compilers of its definition and of every segment or
 * persona it references: the common table expressions, in dependency order. A referenced segment is
 * compiled once into a CTE however many times (and through however many paths) it is referenced.
 */
export class Program {
  readonly ctes: Sql[] = [];
  /** Reference key (`segment:<id>`) → CTE name. */
  readonly names = new Map<string, string>();
  /** References being compiled (a cycle guard; validation refuses cycles before this). */
  readonly visiting = new Set<string>();
  rfmBounds = false;

  constructor(readonly ws: Sql) {}

  /** `WITH … ` before the statement (empty when nothing is shared). */
  withClause(): Sql {
    const ctes = [...this.ctes];
    if (this.rfmBounds) ctes.unshift(sql`"rfm_bounds" AS MATERIALIZED (${rfmBoundsSql(this.ws)})`);
    return ctes.length ? sql`WITH ${join(ctes, ",\n")}\n` : empty;
  }
}
