import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { can, type Permission } from "@/lib/auth/permissions";

/**
 * The request path, enforced from the code itself so a new action or route cannot miss it:
 * every "use server" export is built by the action chain (lib/actions/safe-action.ts) and every
 * route.ts under a workspace goes through withWorkspace; actions and pages do not reach the
 * database or the audit log themselves; environment variables are read in lib/env.ts only.
 */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("@/lib/auth/auth", () => ({ signIn: async () => undefined, signOut: async () => undefined, auth: async () => null }));
vi.mock("next-auth", () => ({ AuthError: class extends Error {}, CredentialsSignin: class extends Error {}, default: () => ({}) }));

const ROOT = path.resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", ".next", ".next-e2e", "generated", ".data", "e2e", "test"]);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const source = ["app", "lib", "components"].flatMap((d) => files(path.join(ROOT, d)));
const rel = (f: string) => path.relative(ROOT, f);
const read = (f: string) => readFileSync(f, "utf8");
const isServerModule = (text: string) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["'];/.test(text);

type ActionExport = { file: string; name: string; kind: "workspace" | "user" | "public" | "auth"; permission?: Permission };

/** Sign-in and sign-out are Auth.js' own; they take no workspace data. */
const AUTH_EXPORTS = new Set(["signOutAction", "signInWithProvider"]);

function actionExports(): ActionExport[] {
  const out: ActionExport[] = [];
  for (const file of source.filter((f) => isServerModule(read(f)))) {
    const text = read(file);
    for (const m of text.matchAll(/^export\s+(const|async function|function)\s+(\w+)/gm)) {
      const name = m[2]!;
      if (m[1] !== "const") {
        out.push({ file: rel(file), name, kind: AUTH_EXPORTS.has(name) ? "auth" : ("unknown" as never) });
        continue;
      }
      const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 200);
      const built = /^\s*=\s*(workspaceAction|userAction|publicAction)\(\s*(?:"([\w.]+)")?/.exec(after);
      if (!built) {
        out.push({ file: rel(file), name, kind: "unknown" as never });
        continue;
      }
      const kind = built[1] === "workspaceAction" ? "workspace" : built[1] === "userAction" ? "user" : "public";
      out.push({ file: rel(file), name, kind, permission: built[2] as Permission | undefined });
    }
  }
  return out;
}

const ACTIONS = actionExports();

describe("server actions", () => {
  it("are found (the scan works)", () => {
    expect(ACTIONS.filter((a) => a.kind === "workspace").length).toBeGreaterThan(20);
  });

  it("are every one built by the action chain", () => {
    const strays = ACTIONS.filter((a) => !["workspace", "user", "public", "auth"].includes(a.kind)).map((a) => `${a.file}: ${a.name}`);
    expect(strays).toEqual([]);
  });

  it("live only in lib/actions, and do not touch the database, the audit log or transactions themselves", () => {
    const problems: string[] = [];
    for (const file of new Set(ACTIONS.map((a) => a.file))) {
      if (!file.startsWith("lib/actions/")) problems.push(`${file}: a "use server" module outside lib/actions`);
      const text = read(path.join(ROOT, file));
      if (/from\s+["']@\/lib\/db["']/.test(text)) problems.push(`${file}: imports @/lib/db`);
      if (/recordAudit/.test(text)) problems.push(`${file}: writes the audit log (services do, inside their transaction)`);
      if (/\$transaction/.test(text)) problems.push(`${file}: opens a transaction (services do)`);
    }
    expect(problems).toEqual([]);
  });

  describe("refuse, before doing anything, whoever the chain refuses", () => {
    let workspaceId = "";
    let viewer = "";
    let outsider = "";
    const modules = new Map<string, Record<string, unknown>>();

    beforeAll(async () => {
      const ws = await db.workspace.create({ data: { name: "Architecture", slug: `arch-${Date.now()}` } });
      workspaceId = ws.id;
      viewer = (await db.user.create({ data: { email: `arch-viewer-${Date.now()}@example.test` } })).id;
      outsider = (await db.user.create({ data: { email: `arch-outsider-${Date.now()}@example.test` } })).id;
      await db.membership.create({ data: { workspaceId, userId: viewer, role: "VIEWER" } });
      for (const file of new Set(ACTIONS.map((a) => a.file))) {
        modules.set(file, (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>);
      }
    });

    const call = (a: ActionExport, ...args: unknown[]) =>
      (modules.get(a.file)![a.name] as (...x: unknown[]) => Promise<{ ok: boolean; code?: string }>)(...args);

    it("a workspace action answers an outsider as for an unknown workspace, and a signed-out caller with a new sign-in", async () => {
      for (const action of ACTIONS.filter((a) => a.kind === "workspace")) {
        session.userId = outsider;
        expect(await call(action, workspaceId, {}), `${action.file} ${action.name}`).toMatchObject({ ok: false, code: "NOT_FOUND" });
        session.userId = null;
        expect(await call(action, workspaceId, {}), `${action.file} ${action.name}`).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
        expect(await call(action, randomUUID(), {}), `${action.file} ${action.name}`).toMatchObject({ ok: false });
      }
    });

    it("a workspace action checks its permission on the server: a viewer is refused every write", async () => {
      session.userId = viewer;
      const writes = ACTIONS.filter((a) => a.kind === "workspace" && a.permission && !can("VIEWER", a.permission));
      expect(writes.length).toBeGreaterThan(15);
      for (const action of writes) {
        expect(await call(action, workspaceId, {}), `${action.file} ${action.name}`).toMatchObject({ ok: false, code: "FORBIDDEN" });
      }
    });

    it("a user action refuses a signed-out caller", async () => {
      session.userId = null;
      for (const action of ACTIONS.filter((a) => a.kind === "user")) {
        const result = await call(action, {});
        expect(result.ok, `${action.file} ${action.name}`).toBe(false);
        expect(["UNAUTHENTICATED", "VALIDATION"], `${action.file} ${action.name}`).toContain(result.code);
      }
    });
  });
});

describe("routes", () => {
  const routes = source.filter((f) => f.endsWith(`${path.sep}route.ts`));

  it("under a workspace go through withWorkspace", () => {
    const workspaceRoutes = routes.filter((f) => rel(f).includes("[workspaceSlug]"));
    expect(workspaceRoutes.length).toBeGreaterThanOrEqual(4);
    const problems: string[] = [];
    for (const file of workspaceRoutes) {
      const text = read(file);
      const handlers = [...text.matchAll(/^export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b(.*)$/gm)];
      if (handlers.length === 0) problems.push(`${rel(file)}: no handler found`);
      for (const h of handlers) if (!/^\s*=\s*withWorkspace\b/.test(h[2]!)) problems.push(`${rel(file)}: ${h[1]} is not wrapped in withWorkspace`);
    }
    expect(problems).toEqual([]);
  });

  it("under /share go through withShareToken (the token is their only credential)", () => {
    const shareRoutes = routes.filter((f) => rel(f).startsWith(path.join("app", "share") + path.sep));
    const problems: string[] = [];
    for (const file of shareRoutes) {
      const handlers = [...read(file).matchAll(/^export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b(.*)$/gm)];
      if (handlers.length === 0) problems.push(`${rel(file)}: no handler found`);
      for (const h of handlers) if (!/^\s*=\s*withShareToken\b/.test(h[2]!) || h[1] !== "GET") problems.push(`${rel(file)}: ${h[1]} is not a GET wrapped in withShareToken`);
    }
    expect(problems).toEqual([]);
  });

  it("elsewhere are only Auth.js' own", () => {
    const others = routes.filter((f) => !rel(f).includes("[workspaceSlug]") && !rel(f).startsWith(path.join("app", "share") + path.sep)).map(rel);
    expect(others).toEqual([path.join("app", "api", "auth", "[...nextauth]", "route.ts")]);
  });
});

describe("layers", () => {
  it("pages and components read through lib/dal or services, never the database client", () => {
    const problems = source
      .filter((f) => rel(f).startsWith("app") || rel(f).startsWith("components"))
      .filter((f) => /from\s+["']@\/lib\/db["']/.test(read(f)))
      .map(rel);
    expect(problems).toEqual([]);
  });

  it("services do not depend on Next.js", () => {
    const services = source.filter((f) => /service\.ts$/.test(f));
    expect(services.length).toBeGreaterThanOrEqual(7);
    const problems = services.filter((f) => /from\s+["']next(\/|["'])/.test(read(f))).map(rel);
    expect(problems).toEqual([]);
  });

  it("environment variables are read in lib/env.ts only", () => {
    // Test support sets variables for the code under test.
    const allowed = new Set(["lib/env.ts", "lib/imports/test-helpers.ts"]);
    const problems = source
      .filter((f) => !allowed.has(rel(f)))
      .filter((f) => /process\.env(?!\.NEXT_RUNTIME)/.test(read(f)))
      .map(rel);
    expect(problems).toEqual([]);
  });
});
