/**
 * The one error the segment module throws on purpose. `code` tells the server-action layer how to
 * answer; `message` is written for the person using the product; `issues` lists validation problems
 * by path (`root.children[2].value`).
 */
export type SegmentErrorCode =
  | "VALIDATION"
  | "NOT_FOUND"
  | "STALE_VERSION"
  | "IN_USE"
  | "REFERENCE_CYCLE"
  | "REFERENCE_NOT_LOADED";

export type ValidationIssue = { path: string; message: string };

export class SegmentError extends Error {
  readonly code: SegmentErrorCode;
  readonly issues: ValidationIssue[];

  constructor(code: SegmentErrorCode, message: string, issues: ValidationIssue[] = []) {
    super(message);
    this.name = "SegmentError";
    this.code = code;
    this.issues = issues;
  }
}
