import type { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

/** A zod error as field → messages, the shape forms show next to each input. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
