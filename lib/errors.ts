/**
 * Errors a user may see. Services throw a `DomainError`; server actions turn it into an
 * `ActionResult`, routes into an HTTP status through `HTTP_STATUS`. Anything else that escapes is
 * logged on the server and reaches the browser only as a generic message.
 */
export type FieldErrors = Record<string, string[]>;

export type DomainErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "BAD_REQUEST"
  | "PAYLOAD_TOO_LARGE"
  /** A segment or analytics query ran over its time limit (see lib/db/statement-timeout.ts). */
  | "TIMEOUT";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: DomainErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** The one table from an error code to an HTTP status, used by every route (lib/http). */
export const HTTP_STATUS: Record<DomainErrorCode | "INTERNAL", number> = {
  VALIDATION: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TIMEOUT: 503,
  INTERNAL: 500,
};

/** The name server actions have always used; the same class. */
export { DomainError as ActionError };
export type ActionErrorCode = DomainErrorCode;

export const notFound = (what = "That page") => new DomainError("NOT_FOUND", `${what} could not be found.`);
export const forbidden = (message = "Your role does not allow this.") => new DomainError("FORBIDDEN", message);
