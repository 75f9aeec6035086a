/**
 * Helpers for segment tests: a workspace with trait definitions, and populations of customers with
 * orders and events inserted exactly as the in-memory matcher sees them.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildCatalog, type TraitDefinitionRow } from "@/lib/segments/catalog";
import type { CustomerHistory, CustomerRecord } from "@/lib/segments/match";
import { computeRfmScores, type RfmScores } from "@/lib/analytics/rfm";
import { toCents } from "@/lib/analytics/money";

export const TEST_TRAITS: TraitDefinitionRow[] = [
  { key: "plan", label: "Plan", type: "TEXT", family: "VALUE" },
  { key: "score", label: "Score", type: "NUMBER", family: "BEHAVIORAL" },
  { key: "renewal", label: "Renewal date", type: "DATE", family: "FIRMOGRAPHIC" },
  { key: "beta", label: "Beta tester", type: "BOOLEAN", family: "TECHNOGRAPHIC" },
  { key: "badges", label: "Badges", type: "TAGS", family: "PSYCHOGRAPHIC" },
];

export const testCatalog = () => buildCatalog(TEST_TRAITS);

export type PopulationMember = { customer: CustomerRecord; history: CustomerHistory };

let counter = 0;

export async function createTestWorkspace(db: PrismaClient, settings: Prisma.InputJsonValue = {}): Promise<string> {
  counter += 1;
  const ws = await db.workspace.create({
    data: { name: `Segments ${counter}`, slug: `seg-${process.pid}-${Date.now()}-${counter}`, settings },
  });
  await db.customerTraitDefinition.createMany({
    data: TEST_TRAITS.map((t) => ({ workspaceId: ws.id, key: t.key, label: t.label, type: t.type, family: t.family })),
  });
  return ws.id;
}

export function blankCustomer(id: number, overrides: Partial<CustomerRecord> = {}): CustomerRecord {
  return {
    id,
    externalId: `c-${id}`,
    email: null,
    firstName: null,
    lastName: null,
    gender: null,
    birthDate: null,
    annualIncome: null,
    occupation: null,
    country: null,
    region: null,
    city: null,
    industry: null,
    companySize: null,
    lifecycleStage: null,
    acquisitionChannel: null,
    emailOptIn: false,
    firstSeenAt: null,
    interests: [],
    needs: [],
    technologies: [],
    traits: {},
    createdAt: new Date("2023-01-01T00:00:00.000Z"),
    ...overrides,
  };
}

/** Inserts customers (with their ids), orders and events into the workspace. */
export async function insertPopulation(db: PrismaClient, workspaceId: string, members: PopulationMember[]): Promise<void> {
  if (members.length === 0) return;
  await db.customer.createMany({
    data: members.map(({ customer: c }) => ({
      workspaceId,
      id: c.id,
      externalId: c.externalId,
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      gender: c.gender,
      birthDate: c.birthDate,
      annualIncome: c.annualIncome === null ? null : String(c.annualIncome),
      occupation: c.occupation,
      country: c.country,
      region: c.region,
      city: c.city,
      industry: c.industry,
      companySize: c.companySize,
      lifecycleStage: c.lifecycleStage,
      acquisitionChannel: c.acquisitionChannel,
      emailOptIn: c.emailOptIn,
      firstSeenAt: c.firstSeenAt,
      interests: c.interests,
      needs: c.needs,
      technologies: c.technologies,
      // JSON null is kept (a customer whose traits are JSON null has no trait set).
      traits: c.traits === null ? Prisma.JsonNull : ((c.traits ?? {}) as Prisma.InputJsonValue),
      createdAt: c.createdAt,
    })),
  });
  const orders = members.flatMap(({ customer, history }) =>
    history.orders.map((o) => ({
      workspaceId,
      customerId: customer.id,
      orderedAt: o.orderedAt,
      amount: String(o.amount),
      category: o.category,
      channel: o.channel,
    })),
  );
  if (orders.length) await db.order.createMany({ data: orders });
  const events = members.flatMap(({ customer, history }) =>
    history.events.map((e) => ({
      workspaceId,
      customerId: customer.id,
      name: e.name,
      occurredAt: e.occurredAt,
      properties: (e.properties ?? {}) as Prisma.InputJsonValue,
    })),
  );
  if (events.length) await db.event.createMany({ data: events });
}

/** RFM scores of a population computed in memory (the matcher's view of the workspace). */
export function populationRfm(members: PopulationMember[]): (id: number) => RfmScores | null {
  const rows = members
    .filter((m) => m.history.orders.length > 0)
    .map((m) => ({
      customerId: m.customer.id,
      orderCount: m.history.orders.length,
      totalCents: m.history.orders.reduce((s, o) => s + toCents(o.amount), 0),
      lastOrderAt: new Date(Math.max(...m.history.orders.map((o) => o.orderedAt.getTime()))),
    }));
  const scores = computeRfmScores(rows);
  return (id) => scores.get(id) ?? null;
}
