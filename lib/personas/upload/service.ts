import "server-only";
import { db, Prisma } from "@/lib/db";
import { withTimedTransactions } from "@/lib/db/statement-timeout";
import { recordAudit } from "@/lib/dal/audit";
import { CARD_SELECT, toCard } from "@/lib/dal/personas";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { PERSONA_FIELDS } from "@/lib/personas/fields";
import { insertPersona } from "@/lib/personas/service";
import type { UploadPreview } from "@/lib/personas/upload/common";
import { EXPORT_FORMAT, EXPORT_VERSION } from "@/lib/personas/upload/format";
import { prepareUpload, uploadProblems, type PreparedPersona, type PreparedUpload } from "@/lib/personas/upload/prepare";
import { isEmptyDefinition } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import { loadEvaluationContext, prepare } from "@/lib/segments/evaluate";
import { toDomainError } from "@/lib/segments/service";

/**
 * Persona upload and export. `previewPersonaUpload` reads a file and says what importing it would
 * do, writing nothing; `importPersonas` reads the same file again (the preview is never trusted)
 * and, if it has no problem, creates every persona in ONE transaction with one audit entry each
 * (`persona.imported`) — any failure rolls all of them back. `exportPersonas` writes our own JSON
 * export, which `importPersonas` reads back.
 *
 * Rules and linked segments come only from the JSON export. They are checked by the segment engine
 * within this workspace: a linked segment that is not here, or rules the engine refuses (a segment
 * or persona they refer to is not in this workspace, a field it does not know), are left out and the
 * persona is imported without them, with a warning in the preview — so an export from another
 * workspace imports as cards.
 */
type Tx = Prisma.TransactionClient;
type Client = Tx | typeof db;

export type UploadFile = { name: string; bytes: Uint8Array };

const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;
export const MAX_EXPORT_PERSONAS = 500;

/** Leaves out a linked segment or rules that do not hold in this workspace, saying so on the persona. */
async function checkGrounding(client: Client, workspaceId: string, personas: PreparedPersona[]) {
  const grounded = personas.filter((p) => p.card && ((p.card.definition !== undefined && p.card.definition !== null) || p.card.segmentId));
  if (grounded.length === 0) return;
  const context = await loadEvaluationContext(client, workspaceId);
  for (const p of grounded) {
    const card = p.card!;
    if (card.segmentId) {
      const segment = await client.segment.findFirst({ where: { workspaceId, id: card.segmentId, archivedAt: null }, select: { id: true } });
      if (!segment) {
        p.warnings.push("Its linked segment is not in this workspace: the persona is imported without the link.");
        card.segmentId = null;
      }
    }
    if (card.definition !== undefined && card.definition !== null) {
      try {
        const { definition } = await prepare(workspaceId, card.definition, context);
        if (isEmptyDefinition(definition)) card.definition = undefined;
      } catch (error) {
        if (!(error instanceof SegmentError)) throw error;
        const issue = error.issues[0]?.message;
        p.warnings.push(`Its rules are left out: ${issue ?? error.message}`);
        card.definition = undefined;
      }
    }
  }
}

function toPreview(upload: PreparedUpload): UploadPreview {
  return {
    format: upload.format,
    problems: upload.problems,
    warnings: upload.warnings,
    importable: uploadProblems(upload).length === 0 && upload.personas.length > 0,
    personas: upload.personas.map((p) => ({
      index: p.index,
      where: p.where,
      name: p.name,
      isNegative: p.card?.isNegative ?? p.isNegative,
      filled: p.filled,
      photo: p.photo !== null,
      rules: p.card?.definition !== undefined && p.card?.definition !== null,
      linkedSegment: !!p.card?.segmentId,
      warnings: p.warnings,
      problems: p.problems,
    })),
  };
}

/** What importing `file` would create, with every problem and warning; writes nothing. */
export async function previewPersonaUpload(ctx: ServiceContext, file: UploadFile): Promise<UploadPreview> {
  authorize(ctx, "personas.write");
  const upload = await prepareUpload(file);
  await checkGrounding(db, ctx.workspaceId, upload.personas);
  return toPreview(upload);
}

/** Creates every persona of `file` in one transaction, or none: a file with any problem is refused. */
export async function importPersonas(ctx: ServiceContext, file: UploadFile, now = new Date()) {
  authorize(ctx, "personas.write");
  const upload = await prepareUpload(file);
  const problems = uploadProblems(upload);
  if (problems.length > 0 || upload.personas.length === 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of problems) (fieldErrors[p.persona === null ? "file" : `personas.${p.persona}.${p.field ?? "persona"}`] ??= []).push(p.message);
    throw new DomainError(
      "VALIDATION",
      `The file has ${problems.length === 1 ? "a problem" : `${problems.length || "no persona and"} problems`}; nothing was imported.`,
      fieldErrors,
    );
  }
  const fileName = file.name.slice(0, 200);
  try {
    return await withTimedTransactions((client) =>
      client.$transaction(async (tx) => {
        await checkGrounding(tx, ctx.workspaceId, upload.personas);
        const created: { id: string; name: string }[] = [];
        for (const p of upload.personas) {
          const row = await insertPersona(tx, ctx, p.card!);
          if (p.photo)
            await tx.persona.updateMany({
              where: { workspaceId: ctx.workspaceId, id: row.id },
              data: { photo: p.photo.bytes, photoType: p.photo.type, photoUpdatedAt: now },
            });
          await recordAudit(
            ctx.workspaceId,
            ctx.actor,
            {
              action: "persona.imported",
              targetType: "persona",
              targetId: row.id,
              metadata: { name: row.name, negative: row.isNegative, file: fileName, format: upload.format, photo: p.photo !== null, warnings: p.warnings.length },
            },
            tx,
          );
          created.push({ id: row.id, name: row.name });
        }
        return { created, warnings: upload.personas.reduce((n, p) => n + p.warnings.length, upload.warnings.length) };
      }, TX_OPTIONS),
    );
  } catch (error) {
    throw toDomainError(error, (path) => `definition${path ? `.${path}` : ""}`);
  }
}

/** Our JSON export of the workspace's personas (all, or those of `ids`), photos as data URLs. */
export async function exportPersonas(ctx: ServiceContext, ids: string[] | null, now = new Date()) {
  authorize(ctx, "workspace.read");
  const rows = await db.persona.findMany({
    where: { workspaceId: ctx.workspaceId, ...(ids ? { id: { in: ids } } : {}) },
    select: { ...CARD_SELECT, photo: true, createdAt: true },
    orderBy: [{ isNegative: "asc" }, { name: "asc" }],
    take: MAX_EXPORT_PERSONAS,
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    personas: rows.map((row) => {
      const card: Record<string, unknown> = { ...toCard(row) };
      const fields = Object.fromEntries(PERSONA_FIELDS.map(({ key }) => [key, card[key] ?? null]));
      return {
        id: row.id,
        name: row.name,
        ...fields,
        segmentId: row.segmentId,
        definition: card.definition ?? null,
        photo: row.photo && row.photoType ? `data:${row.photoType};base64,${Buffer.from(row.photo).toString("base64")}` : null,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      };
    }),
  };
}
