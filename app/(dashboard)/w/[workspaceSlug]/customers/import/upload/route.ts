import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { withWorkspace } from "@/lib/http/with-workspace";
import { cleanFileName } from "@/lib/imports/jobs";
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from "@/lib/imports/upload-limit";
import { uploadImport } from "@/lib/imports/service";

/**
 * POST /w/<slug>/customers/import/upload?kind=CUSTOMERS|ORDERS|EVENTS — the file is the raw request
 * body (streamed to disk, never held in memory), its name in the `X-File-Name` header. Answers
 * `{ id }` of the new import, or `{ error }` with a message for the person uploading.
 */
export const dynamic = "force-dynamic";

const kindSchema = z.enum(["CUSTOMERS", "ORDERS", "EVENTS"]);

export const POST = withWorkspace(
  async (request, { ctx }) => {
    const kind = kindSchema.safeParse(new URL(request.url).searchParams.get("kind"));
    if (!kind.success) throw new DomainError("BAD_REQUEST", "Choose what the file holds: customers, orders or events.");
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > MAX_FILE_BYTES) {
      throw new DomainError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_FILE_LABEL}. Split it into smaller files and import them one after another.`);
    }
    if (!request.body) throw new DomainError("BAD_REQUEST", "The file is empty. Choose a CSV file with a header row and at least one row of data.");
    let fileName: string;
    try {
      fileName = cleanFileName(decodeURIComponent(request.headers.get("x-file-name") ?? ""));
    } catch {
      fileName = cleanFileName(null);
    }
    const job = await uploadImport(ctx, { kind: kind.data, fileName, body: request.body });
    return Response.json({ id: job.id }, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { permission: "data.write", sameOrigin: true },
);
