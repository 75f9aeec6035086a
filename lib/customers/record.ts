import type { Customer } from "@/lib/generated/prisma/client";

/**
 * The one description of a customer's columns, derived from the Prisma model. Views differ only in
 * how values arrive: Prisma returns decimals as Decimal objects, raw SQL reads return them (and
 * dates without a time) as text.
 */
export type DecimalLike = { toString(): string } | number | string;

/** A stored customer, without its workspace key; any decimal representation, traits unparsed. */
export type CustomerRow = Omit<Customer, "workspaceId" | "annualIncome" | "traits"> & {
  annualIncome: DecimalLike | null;
  traits: unknown;
};

/** A customer as raw SQL reads it for lists and exports: income and birth date as text. */
export type CustomerTextRow = Omit<CustomerRow, "annualIncome" | "birthDate"> & {
  annualIncome: string | null;
  birthDate: string | null;
};
