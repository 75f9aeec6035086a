import { findPersonaPhoto } from "@/lib/dal/personas";
import { DomainError } from "@/lib/errors";
import { readCapped } from "@/lib/http/read-capped";
import { withWorkspace } from "@/lib/http/with-workspace";
import { MAX_PHOTO_BYTES, MAX_PHOTO_LABEL } from "@/lib/personas/photo";
import { setPersonaPhoto } from "@/lib/personas/service";

/**
 * GET  /w/<slug>/personas/<id>/photo — the persona's photo (members only), with the type it was
 *      stored as (checked and re-encoded on upload) and `nosniff`.
 * POST /w/<slug>/personas/<id>/photo — the image as the raw request body; EDITOR and above.
 */
export const dynamic = "force-dynamic";

type Params = { workspaceSlug: string; personaId: string };

export const GET = withWorkspace<Params>(
  async (_request, { ctx, params }) => {
    const photo = await findPersonaPhoto(ctx.workspaceId, params.personaId);
    if (!photo) throw new DomainError("NOT_FOUND", "This persona has no photo.");
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        "Content-Type": photo.type,
        "Content-Length": String(photo.bytes.byteLength),
        "Cache-Control": "private, max-age=86400",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  },
  { permission: "workspace.read", errors: "text" },
);

export const POST = withWorkspace<Params>(
  async (request, { ctx, params }) => {
    const bytes = await readCapped(request, MAX_PHOTO_BYTES, `The image is larger than ${MAX_PHOTO_LABEL}. Choose a smaller one.`);
    const result = await setPersonaPhoto(ctx, { id: params.personaId, bytes });
    return Response.json(result, { status: 200, headers: { "Cache-Control": "no-store" } });
  },
  { permission: "personas.write", sameOrigin: true },
);
