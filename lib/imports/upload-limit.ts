import "server-only";
import { rawEnv } from "@/lib/env";

/**
 * Upload limit in MB, from MAX_UPLOAD_MB. The default fits 5 million orders: a row of
 * public/demo/orders.csv takes about 79 bytes, so 5M rows are about 400 MB.
 */
export const DEFAULT_MAX_UPLOAD_MB = 512;
export function maxUploadMb(value: string | undefined = rawEnv("MAX_UPLOAD_MB")): number {
  const raw = value?.trim();
  if (!raw) return DEFAULT_MAX_UPLOAD_MB;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1 || mb > 100_000) throw new Error("MAX_UPLOAD_MB must be a whole number of megabytes (1–100000)");
  return mb;
}
export const MAX_FILE_BYTES = maxUploadMb() * 1024 * 1024;
export const MAX_FILE_LABEL = `${maxUploadMb()} MB`;
