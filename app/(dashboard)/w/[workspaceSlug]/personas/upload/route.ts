import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { readCapped } from "@/lib/http/read-capped";
import { withWorkspace } from "@/lib/http/with-workspace";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL } from "@/lib/personas/upload/common";
import { importPersonas, previewPersonaUpload } from "@/lib/personas/upload/service";

/**
 * POST /w/<slug>/personas/upload?mode=preview|import&name=<file name> — the file as the raw body
 * (at most 5 MB; a route rather than a server action, whose bodies are capped at 1 MB).
 * `preview` answers what the file holds, with its problems and warnings, and writes nothing;
 * `import` reads the file again and creates all its personas in one transaction, or none (422 with
 * the problems). EDITOR and above, from this site only.
 */
export const dynamic = "force-dynamic";

const querySchema = z.object({ mode: z.enum(["preview", "import"]), name: z.string().trim().min(1).max(255) });

export const POST = withWorkspace(
  async (request, { ctx }) => {
    const url = new URL(request.url);
    const query = querySchema.safeParse({ mode: url.searchParams.get("mode"), name: url.searchParams.get("name") });
    if (!query.success) throw new DomainError("BAD_REQUEST", "Say whether to preview or import, and the file's name.");
    const bytes = await readCapped(request, MAX_UPLOAD_BYTES, `The file is larger than ${MAX_UPLOAD_LABEL}. Split it into smaller files.`);
    const file = { name: query.data.name, bytes };
    const body = query.data.mode === "preview" ? await previewPersonaUpload(ctx, file) : await importPersonas(ctx, file);
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  },
  { permission: "personas.write", sameOrigin: true },
);
