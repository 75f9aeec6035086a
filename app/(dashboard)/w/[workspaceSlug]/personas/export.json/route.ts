import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { jsonDownload } from "@/lib/http/json-download";
import { withWorkspace } from "@/lib/http/with-workspace";
import { exportPersonas } from "@/lib/personas/upload/service";

/**
 * GET /w/<slug>/personas/export.json[?ids=a,b] — the workspace's personas (all, or those named) as
 * our JSON export (`segmently.personas`, version 1; see docs/personas.md). Every member.
 */
export const dynamic = "force-dynamic";

const idsSchema = z.array(z.string().min(1).max(64)).max(500);

export const GET = withWorkspace(
  async (request, { ctx, workspace }) => {
    const raw = new URL(request.url).searchParams.get("ids");
    const ids = raw === null ? null : idsSchema.safeParse(raw.split(",").filter(Boolean));
    if (ids && !ids.success) throw new DomainError("BAD_REQUEST", "The ids are not valid.");
    const doc = await exportPersonas(ctx, ids ? ids.data : null);
    return jsonDownload(doc, `personas-${workspace.slug}`);
  },
  { permission: "workspace.read", errors: "text" },
);
