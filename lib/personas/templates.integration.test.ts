import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { createPersonaFromTemplate, PERSONA_TEMPLATES } from "@/lib/personas/templates";
import { createTestWorkspace } from "@/lib/segments/test-fixtures";

describe("persona templates", () => {
  it("every template creates a persona whose rules hold in a fresh workspace; unknown ones and viewers are refused", async () => {
    const ws = await createTestWorkspace(db);
    const user = await db.user.create({ data: { email: `tpl-${Date.now()}@example.com` } });
    const editor: ServiceContext = { workspaceId: ws, actor: { id: user.id, email: user.email }, role: "EDITOR" };
    expect(PERSONA_TEMPLATES.some((t) => t.isNegative)).toBe(true);
    for (const t of PERSONA_TEMPLATES) {
      const { id } = await createPersonaFromTemplate(editor, { template: t.key });
      const row = await db.persona.findFirstOrThrow({ where: { workspaceId: ws, id }, select: { name: true, isNegative: true, definition: true, personality: true } });
      expect(row).toMatchObject({ name: t.name, isNegative: t.isNegative });
      expect((row.definition as { root: { children: unknown[] } }).root.children).toHaveLength(t.rules);
      expect(row.personality).toHaveLength(5);
    }
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof DomainError ? e.code : String(e)));
    expect(await code(createPersonaFromTemplate(editor, { template: "no-such-template" }))).toBe("NOT_FOUND");
    expect(await code(createPersonaFromTemplate({ ...editor, role: "VIEWER" }, { template: PERSONA_TEMPLATES[0]!.key }))).toBe("FORBIDDEN");
  });
});
