import { DomainError } from "@/lib/errors";
import { SHARE_GONE, SHARED_FILE_HEADERS, withShareToken } from "@/lib/http/with-share-token";
import { sharedPersonaPhoto } from "@/lib/personas/share-service";

/** GET /share/personas/<token>/photo — the shared persona's photo, only while the link works. */
export const dynamic = "force-dynamic";

export const GET = withShareToken(async (_request, token) => {
  const photo = await sharedPersonaPhoto(token);
  if (!photo) throw new DomainError("NOT_FOUND", SHARE_GONE);
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      ...SHARED_FILE_HEADERS,
      "Content-Type": photo.type,
      "Content-Length": String(photo.bytes.byteLength),
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
