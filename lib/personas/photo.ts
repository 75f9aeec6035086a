/**
 * A persona's photo. An upload is checked by its content (not its name or the browser's claimed
 * type): JPEG, PNG, WebP or GIF only, at most 2 MB, at most 40 megapixels. It is then re-encoded
 * by sharp — resized to fit 512 × 512, first frame only, metadata (EXIF location and the like)
 * dropped — and stored as WebP in the persona's row. The photo route serves it with that type and
 * `X-Content-Type-Options: nosniff`. Without a photo the card shows a generated avatar
 * (avatar.ts).
 */
import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "@/lib/errors";

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const MAX_PHOTO_LABEL = "2 MB";
export const PHOTO_SIZE = 512;
const MAX_PIXELS = 40_000_000;

const ACCEPTED = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

export type ProcessedPhoto = { bytes: Uint8Array<ArrayBuffer>; type: string };

export async function processPhoto(input: Uint8Array): Promise<ProcessedPhoto> {
  if (input.byteLength === 0) throw new DomainError("BAD_REQUEST", "The file is empty. Choose a JPEG, PNG, WebP or GIF image.");
  if (input.byteLength > MAX_PHOTO_BYTES)
    throw new DomainError("PAYLOAD_TOO_LARGE", `The image is larger than ${MAX_PHOTO_LABEL}. Choose a smaller one.`);
  const detected = await fileTypeFromBuffer(input);
  if (!detected || !ACCEPTED.has(detected.mime))
    throw new DomainError("VALIDATION", "That file is not a JPEG, PNG, WebP or GIF image.", { photo: ["Choose a JPEG, PNG, WebP or GIF image."] });
  const { default: sharp } = await import("sharp");
  try {
    const out = await sharp(input, { limitInputPixels: MAX_PIXELS, animated: false, failOn: "error" })
      .rotate()
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: "cover", position: "attention", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    return { bytes: new Uint8Array(out), type: "image/webp" };
  } catch {
    throw new DomainError("VALIDATION", "That image could not be read. Try another file.", { photo: ["That image could not be read."] });
  }
}
