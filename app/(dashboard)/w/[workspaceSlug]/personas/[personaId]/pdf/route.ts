import { findPersonaPhoto } from "@/lib/dal/personas";
import { withWorkspace } from "@/lib/http/with-workspace";
import { pdfFileName, photoForPdf, renderPersonaPdf } from "@/lib/personas/pdf";
import { personaForPdf } from "@/lib/personas/share-service";

/**
 * GET /w/<slug>/personas/<id>/pdf — the one-page card as a PDF (members). Its figures follow the
 * shared-view rule, so the file can be passed on (lib/personas/share.ts).
 */
export const dynamic = "force-dynamic";

type Params = { workspaceSlug: string; personaId: string };

export const GET = withWorkspace<Params>(
  async (_request, { ctx, params }) => {
    const { card, evidence } = await personaForPdf(ctx, params.personaId);
    const photo = card.photoVersion ? await photoForPdf(await findPersonaPhoto(ctx.workspaceId, params.personaId)) : null;
    const pdf = await renderPersonaPdf({ card, evidence, photo, generatedAt: new Date() });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(pdf.byteLength),
        "Content-Disposition": `attachment; filename="${pdfFileName(card.name)}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "workspace.read", errors: "text" },
);
