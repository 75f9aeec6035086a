/**
 * Seeds the demo workspace ("Acme Outdoor Co.", slug `demo`) and its owner, Dana Demo. Idempotent:
 * when the workspace exists nothing is written. Everything is written in one transaction, so a
 * failure leaves no half-seeded workspace behind.
 */
import { randomBytes } from "node:crypto";
import { refreshPlannerStatistics } from "@/lib/db/analyze";
import { hash } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { generateDemoData } from "@/lib/demo/generate";

export const DEMO_EMAIL = "demo@segmently.dev";
export const DEMO_USER_NAME = "Dana Demo";
export const DEMO_WORKSPACE_NAME = "Acme Outdoor Co.";
export const DEMO_WORKSPACE_SLUG = "demo";

export type SeedDemoOptions = {
  /** Generator seed (default 42). */
  seed?: number;
  /** Number of customers (default 5,000). */
  customers?: number;
  /** The instant the history ends at (default: the current time). */
  now?: Date;
  /** Rows per insert statement (default 1,000). */
  chunkSize?: number;
  /** The client to write with (default: the app's `db`). */
  client?: PrismaClient;
  /**
   * The demo user's password. `npm start` passes DEMO_PASSWORD, generated into .env.local on first
   * start; without it the user gets a random password nobody knows. There is no built-in one.
   */
  password?: string;
};

export type SeedDemoCounts = {
  traitDefinitions: number;
  customers: number;
  orders: number;
  events: number;
  auditLogs: number;
};

export type SeedDemoResult = {
  /** False when the demo workspace already existed (then nothing was written). */
  created: boolean;
  workspaceId: string;
  /** The demo user, when there is one. */
  userId: string | null;
  /** Rows written by this call. */
  counts: SeedDemoCounts;
  elapsedMs: number;
};

const NO_ROWS: SeedDemoCounts = { traitDefinitions: 0, customers: 0, orders: 0, events: 0, auditLogs: 0 };

/** An interactive transaction on the embedded database is slow; leave plenty of room. */
const TRANSACTION_TIMEOUT_MS = 300_000;

export async function seedDemoWorkspace(options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const client = options.client ?? db;
  const chunkSize = options.chunkSize ?? 1000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError("chunkSize must be a positive integer");
  const elapsed = () => Math.round(performance.now() - started);

  const existing = await findExisting(client);
  if (existing) return { created: false, ...existing, counts: { ...NO_ROWS }, elapsedMs: elapsed() };

  const knownUser = await client.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  const passwordHash = knownUser ? null : await hash(options.password ?? randomBytes(24).toString("base64url"));
  const data = generateDemoData({ seed: options.seed, customers: options.customers, now: options.now ?? new Date() });

  try {
    const result = await client.$transaction(
      async (tx) => {
        const userId =
          knownUser?.id ??
          (
            await tx.user.create({
              data: { email: DEMO_EMAIL, name: DEMO_USER_NAME, passwordHash },
              select: { id: true },
            })
          ).id;

        const workspace = await tx.workspace.create({
          data: { name: DEMO_WORKSPACE_NAME, slug: DEMO_WORKSPACE_SLUG },
          select: { id: true },
        });
        const workspaceId = workspace.id;
        await tx.membership.create({ data: { workspaceId, userId, role: "OWNER" } });

        const traitDefinitions = await tx.customerTraitDefinition.createMany({
          data: data.traitDefinitions.map((d) => ({ workspaceId, ...d })),
        });

        // Customers, orders and events are the bulk of the rows. Each chunk is one
        // `insert … select from jsonb_to_recordset($1)`: a single JSON parameter instead of one bind
        // parameter per value, several times faster than createMany on the embedded database. The
        // column types are spelled out here; the integration test compares the stored rows with the
        // generated data.
        const stamp = new Date().toISOString();
        const customerIds = new Map<string, number>();
        for (const part of chunks(data.customers, chunkSize)) {
          const rows = JSON.stringify(
            part.map((c) => ({
              externalId: c.externalId,
              email: c.email,
              firstName: c.firstName,
              lastName: c.lastName,
              gender: c.gender,
              birthDate: c.birthDate.toISOString().slice(0, 10),
              annualIncome: c.annualIncome,
              occupation: c.occupation,
              country: c.country,
              region: c.region,
              city: c.city,
              industry: c.industry,
              companySize: c.companySize,
              lifecycleStage: c.lifecycleStage,
              acquisitionChannel: c.acquisitionChannel,
              emailOptIn: c.emailOptIn,
              firstSeenAt: c.firstSeenAt.toISOString(),
              interests: c.interests,
              needs: c.needs,
              technologies: c.technologies,
              traits: c.traits,
            })),
          );
          const inserted = await tx.$queryRaw<{ id: number; externalId: string }[]>`
            insert into "Customer" (
              "workspaceId", "externalId", "email", "firstName", "lastName", "gender", "birthDate", "annualIncome",
              "occupation", "country", "region", "city", "industry", "companySize", "lifecycleStage",
              "acquisitionChannel", "emailOptIn", "firstSeenAt", "interests", "needs", "technologies", "traits",
              "createdAt", "updatedAt")
            select ${workspaceId}::uuid, r.*, ${stamp}::timestamp, ${stamp}::timestamp
            from jsonb_to_recordset(${rows}::jsonb) as r(
              "externalId" text, "email" text, "firstName" text, "lastName" text, "gender" text, "birthDate" date,
              "annualIncome" numeric, "occupation" text, "country" text, "region" text, "city" text, "industry" text,
              "companySize" integer, "lifecycleStage" text, "acquisitionChannel" text, "emailOptIn" boolean,
              "firstSeenAt" timestamptz, "interests" text[], "needs" text[], "technologies" text[], "traits" jsonb)
            returning "id", "externalId"`;
          for (const row of inserted) customerIds.set(row.externalId, row.id);
        }
        const customerId = (externalId: string): number => {
          const id = customerIds.get(externalId);
          if (id === undefined) throw new Error(`demo data names an unknown customer ${externalId}`);
          return id;
        };

        let orders = 0;
        for (const part of chunks(data.orders, chunkSize)) {
          const rows = JSON.stringify(
            part.map((o) => ({
              customerId: customerId(o.customerExternalId),
              externalId: o.externalId,
              orderedAt: o.orderedAt.toISOString(),
              amount: o.amount.toFixed(2),
              currency: o.currency,
              category: o.category,
              channel: o.channel,
              quantity: o.quantity,
            })),
          );
          orders += await tx.$executeRaw`
            insert into "Order" (
              "workspaceId", "customerId", "externalId", "orderedAt", "amount", "currency", "category", "channel",
              "quantity", "createdAt")
            select ${workspaceId}::uuid, r.*, ${stamp}::timestamp
            from jsonb_to_recordset(${rows}::jsonb) as r(
              "customerId" integer, "externalId" text, "orderedAt" timestamptz, "amount" numeric, "currency" text,
              "category" text, "channel" text, "quantity" integer)`;
        }

        let events = 0;
        for (const part of chunks(data.events, chunkSize)) {
          const rows = JSON.stringify(
            part.map((e) => ({
              customerId: customerId(e.customerExternalId),
              name: e.name,
              occurredAt: e.occurredAt.toISOString(),
              properties: e.properties,
            })),
          );
          events += await tx.$executeRaw`
            insert into "Event" ("workspaceId", "customerId", "name", "occurredAt", "properties", "createdAt")
            select ${workspaceId}::uuid, r.*, ${stamp}::timestamp
            from jsonb_to_recordset(${rows}::jsonb) as r(
              "customerId" integer, "name" text, "occurredAt" timestamptz, "properties" jsonb)`;
        }

        const counts: SeedDemoCounts = {
          traitDefinitions: traitDefinitions.count,
          customers: customerIds.size,
          orders,
          events,
          auditLogs: 1,
        };
        await tx.auditLog.create({
          data: {
            workspaceId,
            actorId: userId,
            actorEmail: DEMO_EMAIL,
            action: "workspace.seeded",
            targetType: "workspace",
            targetId: workspaceId,
            metadata: {
              seed: data.seed,
              historyEndsAt: data.now.toISOString(),
              traitDefinitions: counts.traitDefinitions,
              customers: counts.customers,
              orders: counts.orders,
              events: counts.events,
            },
          },
        });
        return { workspaceId, userId, counts };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
    );
    // Fresh planner statistics, so the first segment counts on the demo data plan well.
    await refreshPlannerStatistics(client);
    return { created: true, ...result, elapsedMs: elapsed() };
  } catch (error) {
    // Another process seeded the demo at the same moment: its transaction won, ours wrote nothing.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await findExisting(client);
      if (winner) return { created: false, ...winner, counts: { ...NO_ROWS }, elapsedMs: elapsed() };
    }
    throw error;
  }
}

async function findExisting(client: PrismaClient): Promise<{ workspaceId: string; userId: string | null } | null> {
  const workspace = await client.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG }, select: { id: true } });
  if (!workspace) return null;
  const user = await client.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  return { workspaceId: workspace.id, userId: user?.id ?? null };
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Gives an existing demo user a new password and ends their sessions; false when there is no demo
 * user. `npm start` calls it when it has just generated DEMO_PASSWORD for a database seeded before.
 */
export async function setDemoPassword(client: PrismaClient, password: string): Promise<boolean> {
  const updated = await client.user.updateMany({
    where: { email: DEMO_EMAIL },
    data: { passwordHash: await hash(password), sessionVersion: { increment: 1 } },
  });
  return updated.count > 0;
}
