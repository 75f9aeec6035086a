import { DomainError } from "@/lib/errors";
import { SHARE_GONE, SHARED_FILE_HEADERS, withShareToken } from "@/lib/http/with-share-token";
import { pdfFileName, photoForPdf, renderPersonaPdf } from "@/lib/personas/pdf";
import { sharedPersona, sharedPersonaPhoto } from "@/lib/personas/share-service";

/** GET /share/personas/<token>/pdf — the shared card as a one-page PDF (no session; the token is the credential). */
export const dynamic = "force-dynamic";

export const GET = withShareToken(async (_request, token) => {
  const shared = await sharedPersona(token);
  if (!shared) throw new DomainError("NOT_FOUND", SHARE_GONE);
  const photo = shared.card.photoVersion ? await photoForPdf(await sharedPersonaPhoto(token)) : null;
  const pdf = await renderPersonaPdf({ card: shared.card, evidence: shared.evidence, photo, generatedAt: new Date() });
  return new Response(new Uint8Array(pdf), {
    headers: {
      ...SHARED_FILE_HEADERS,
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `attachment; filename="${pdfFileName(shared.card.name)}"`,
    },
  });
});
