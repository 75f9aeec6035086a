import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { uploadText } from "@/lib/imports/test-helpers";
import { importSettingsSchema } from "@/lib/imports/mapping";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { runNextJob } from "@/lib/jobs/worker";

// Only the session is faked: each action runs its real chain, and the job runner runs the import.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { previewImport, startImport, cancelImport, deleteImport, changeImportFormat } = await import("@/lib/actions/imports");

const users: Record<Role | "outsider", string> = { OWNER: "", ADMIN: "", EDITOR: "", VIEWER: "", outsider: "" };
let ws = "";
const queued = () => db.job.count({ where: { workspaceId: ws, status: "QUEUED" } });
const runJobs = () => runNextJob(db, { handlers: JOB_HANDLERS, leaseMs: 60_000, perWorkspace: 1 });
const as = (who: keyof typeof users) => {
  session.userId = users[who];
};

beforeAll(async () => {
  ws = (await db.workspace.create({ data: { name: "Imports", slug: `imports-${Date.now()}` } })).id;
  for (const role of ["OWNER", "ADMIN", "EDITOR", "VIEWER"] as Role[]) {
    users[role] = (await db.user.create({ data: { email: `${role.toLowerCase()}@imports.test` } })).id;
    await db.membership.create({ data: { workspaceId: ws, userId: users[role], role } });
  }
  users.outsider = (await db.user.create({ data: { email: "outsider@imports.test" } })).id;
});

beforeEach(() => {
  session.userId = null;
});

async function uploaded(text = "id,email,nps\nA1,a1@example.com,9\nA2,bad,7\n") {
  const { id } = await uploadText(ws, "CUSTOMERS", text);
  const job = await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id } } });
  return { id, settings: importSettingsSchema.parse(job.mapping) };
}

describe("import actions", () => {
  it("previews rows with their problems, then runs the import in the job runner", async () => {
    const { id, settings } = await uploaded();
    as("EDITOR");
    const preview = await previewImport(ws, { id, settings });
    expect(preview).toMatchObject({ ok: true, data: { fieldErrors: {}, rows: [{ line: 2, problems: [] }, { line: 3, problems: [{ column: "email" }] }] } });

    const started = await startImport(ws, { id, settings });
    expect(started).toEqual({ ok: true, data: { id } });
    expect(await queued()).toBe(1);
    expect(await runJobs()).toBe(true);
    expect(await queued()).toBe(0);
    const job = await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id } } });
    expect(job).toMatchObject({ status: "COMPLETED", rowsInserted: 1, rowsFailed: 1 });
    expect(await db.customerTraitDefinition.findFirst({ where: { workspaceId: ws, key: "nps" } })).toMatchObject({ type: "NUMBER" });
    const audit = await db.auditLog.findMany({ where: { workspaceId: ws, action: { in: ["customers.imported", "trait.created"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["customers.imported", "trait.created"]);

    expect(await cancelImport(ws, { id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await deleteImport(ws, { id })).toEqual({ ok: true, data: { id } });
    expect(await db.importJob.count({ where: { workspaceId: ws, id } })).toBe(0);
  });

  it("refuses viewers and outsiders on the server, writing nothing", async () => {
    const { id, settings } = await uploaded("id\nV1\n");
    for (const who of ["VIEWER", "outsider"] as const) {
      as(who);
      const code = who === "VIEWER" ? "FORBIDDEN" : "NOT_FOUND";
      expect(await previewImport(ws, { id, settings })).toMatchObject({ ok: false, code });
      expect(await startImport(ws, { id, settings })).toMatchObject({ ok: false, code });
      expect(await changeImportFormat(ws, { id, encoding: "utf-8", delimiter: ";", hasHeader: true })).toMatchObject({ ok: false, code });
      expect(await deleteImport(ws, { id })).toMatchObject({ ok: false, code });
    }
    expect(await queued()).toBe(0);
    expect(await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id } } })).toMatchObject({ status: "UPLOADED" });
  });

  it("rejects a hostile mapping with messages per column and creates no trait", async () => {
    const { id, settings } = await uploaded("id,a,b\nH1,x,y\n");
    as("OWNER");
    const columns = [
      { type: "field" as const, key: "externalId" },
      { type: "field" as const, key: "\"; drop table \"Customer\"; --" },
      { type: "newTrait" as const, key: "fresh_trait", label: "Fresh", traitType: "TEXT" as const, family: "VALUE" as const },
    ];
    const result = await startImport(ws, { id, settings: { ...settings, columns } });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { "columns.1": [expect.stringMatching(/unknown field/)] } });
    expect(await db.customerTraitDefinition.count({ where: { workspaceId: ws, key: "fresh_trait" } })).toBe(0);
    expect(await startImport(ws, { id, settings: { ...settings, columns: [{ type: "bogus" }] } })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await startImport(ws, { id: "../../etc/passwd", settings })).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("cancels a running import between batches", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `R${i}`).join("\n");
    const { id, settings } = await uploaded(`id\n${rows}\n`);
    as("EDITOR");
    expect(await startImport(ws, { id, settings })).toMatchObject({ ok: true });
    expect(await cancelImport(ws, { id })).toMatchObject({ ok: true, data: { cancelRequested: true } });
    expect(await runJobs()).toBe(true);
    const job = await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id } } });
    expect(job.status).toBe("CANCELLED");
    expect(job.message).toMatch(/Cancelled/);
  });
});
