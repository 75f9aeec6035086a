import { DomainError } from "@/lib/errors";

/**
 * A model could not be fitted because the data are too thin. The message says what is needed and
 * what was found, in words a user can act on; `needed` and `found` carry the same figures.
 */
export class InsufficientDataError extends DomainError {
  readonly needed: Record<string, number>;
  readonly found: Record<string, number>;

  constructor(message: string, needed: Record<string, number>, found: Record<string, number>) {
    super("VALIDATION", message);
    this.name = "InsufficientDataError";
    this.needed = needed;
    this.found = found;
  }
}

/** A model's input that is malformed (negative counts, recency after age, …), not merely thin. */
export function invalidModelInput(message: string): DomainError {
  return new DomainError("VALIDATION", message);
}
