/** Our own JSON export of personas (see lib/personas/upload/export.ts and docs/personas.md). */
export const EXPORT_FORMAT = "segmently.personas";
export const EXPORT_VERSION = 1;

/** Keys of an exported persona that are not card fields. `id` and the dates are informative only. */
export const EXPORT_META_KEYS = ["id", "photo", "definition", "segmentId", "segmentName", "createdAt", "updatedAt"] as const;
