import { notFound } from "@/lib/errors";
import { jsonDownload } from "@/lib/http/json-download";
import { withWorkspace } from "@/lib/http/with-workspace";
import { exportPersonas } from "@/lib/personas/upload/service";

/** GET /w/<slug>/personas/<id>/export.json — one persona as our JSON export. Every member. */
export const dynamic = "force-dynamic";

export const GET = withWorkspace<{ workspaceSlug: string; personaId: string }>(
  async (_request, { ctx, params }) => {
    const doc = await exportPersonas(ctx, [params.personaId]);
    const persona = doc.personas[0];
    if (!persona) throw notFound("That persona");
    return jsonDownload(doc, `persona-${persona.name.toLowerCase().slice(0, 40)}`);
  },
  { permission: "workspace.read", errors: "text" },
);
