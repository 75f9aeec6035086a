/**
 * Errors a user may see. Anything else that escapes an action is logged on the server and reaches
 * the browser only as a generic message.
 */
export type FieldErrors = Record<string, string[]>;

export type ActionErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "BAD_REQUEST"
  /** A segment or analytics query ran over its time limit (see lib/db/statement-timeout.ts). */
  | "TIMEOUT";

export class ActionError extends Error {
  readonly code: ActionErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ActionErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "ActionError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what = "That page") => new ActionError("NOT_FOUND", `${what} could not be found.`);
export const forbidden = (message = "Your role does not allow this.") => new ActionError("FORBIDDEN", message);
