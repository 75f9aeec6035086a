import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, Download } from "lucide-react";
import { requireWorkspaceResource } from "@/lib/auth/params";
import { findPersona, personaEvidence, segmentChoices, userName } from "@/lib/dal/personas";
import { builderCatalog, referenceOptions } from "@/lib/dal/segments";
import { previewSegmentAction } from "@/lib/actions/segments";
import {
  copyPersonaAction,
  createPersonaCommentAction,
  deletePersonaAction,
  deletePersonaCommentAction,
  editPersonaCommentAction,
  getPersonaAction,
  listPersonaCommentsAction,
  markPersonaReviewedAction,
  personaHistoryAction,
  personaRevisionAction,
  removePersonaPhotoAction,
  restorePersonaRevisionAction,
  updatePersonaAction,
} from "@/lib/actions/personas";
import type { ServiceContext } from "@/lib/domain/context";
import { listComments, mentionableMembers } from "@/lib/personas/comments";
import { copyTargets } from "@/lib/personas/service";
import { directReferences } from "@/lib/segments/definition";
import { formatRelative } from "@/lib/format";
import { CommentsPanel } from "@/components/personas/comments-panel";
import { CopyToWorkspace } from "@/components/personas/copy-to-workspace";
import { DeletePersonaButton } from "@/components/personas/delete-persona";
import { HistoryPanel } from "@/components/personas/history-panel";
import { createShareLinkAction, revokeShareLinkAction } from "@/lib/actions/persona-shares";
import { listShareLinks } from "@/lib/personas/share-service";
import { buttonClasses } from "@/components/ui/button";
import { PrintButton } from "@/components/personas/print-button";
import { SharePersonaButton } from "@/components/personas/share-persona";
import { EvidencePanel } from "@/components/personas/evidence-panel";
import { averagePredictedClvOf } from "@/lib/insights/clv-model";
import { PersonaEditor } from "@/components/personas/persona-editor";

export const metadata: Metadata = { title: "Persona" };

export default async function PersonaPage({ params }: { params: Promise<{ workspaceSlug: string; personaId: string }> }) {
  const { workspace, can, role, user, resource } = await requireWorkspaceResource(await params, (workspaceId, p) => findPersona(workspaceId, p.personaId));
  const { card, reviewedSnapshot, updatedById } = resource;
  const service: ServiceContext = { workspaceId: workspace.id, actor: user, role };
  const [evidence, catalog, refs, segments, savedBy, comments, members, targets, shareLinks] = await Promise.all([
    personaEvidence(
      workspace.id,
      { definition: card.definition, segmentId: card.segmentId },
      { reviewedAt: card.reviewedAt ? new Date(card.reviewedAt) : null, snapshot: reviewedSnapshot },
    ),
    builderCatalog(workspace.id),
    referenceOptions(workspace.id),
    segmentChoices(workspace.id),
    userName(updatedById),
    listComments(service, { personaId: card.id }),
    mentionableMembers(service),
    copyTargets(service),
    listShareLinks(service, card.id),
  ]);
  const predicted =
    evidence.status === "ok" ? await averagePredictedClvOf(workspace.id, { persona: card.id }).catch(() => null) : undefined;
  const ruleRefs = card.definition ? directReferences(card.definition) : { segments: [], personas: [] };
  const hasReferences = !!card.segmentId || ruleRefs.segments.length > 0 || ruleRefs.personas.length > 0;
  const canEdit = can("personas.write");
  const gallery = `/w/${workspace.slug}/personas${card.isNegative ? "?tab=negative" : ""}`;
  return (
    <>
      <div className="print-hidden mb-4 flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={gallery} className="inline-flex items-center gap-1 text-slate-500 hover:text-slate-900">
          <ChevronLeft className="size-4" /> {card.isNegative ? "Negative personas" : "Personas"}
        </Link>
        <span className="flex items-center gap-3 text-xs text-slate-400">
          <span>
            Version {card.version} · saved {formatRelative(new Date(card.updatedAt))}
            {savedBy ? ` by ${savedBy}` : ""}
            {canEdit ? " · changes save as you type" : " · read only"}
          </span>
          <SharePersonaButton
            personaId={card.id}
            name={card.name}
            links={shareLinks}
            canEdit={canEdit}
            create={createShareLinkAction.bind(null, workspace.id)}
            revoke={revokeShareLinkAction.bind(null, workspace.id)}
          />
          <PrintButton />
          <a href={`/w/${workspace.slug}/personas/${card.id}/pdf`} className={buttonClasses("secondary", "sm")} download>
            <Download className="size-4" aria-hidden /> Download PDF
          </a>
          <HistoryPanel
            personaId={card.id}
            canEdit={canEdit}
            load={personaHistoryAction.bind(null, workspace.id)}
            loadRevision={personaRevisionAction.bind(null, workspace.id)}
            restore={restorePersonaRevisionAction.bind(null, workspace.id)}
          />
          {targets.length > 0 && (
            <CopyToWorkspace
              personaId={card.id}
              name={card.name}
              sourceName={workspace.name}
              targets={targets}
              hasReferences={hasReferences}
              copy={copyPersonaAction.bind(null, workspace.id)}
            />
          )}
          {canEdit && <DeletePersonaButton id={card.id} name={card.name} gallery={gallery} remove={deletePersonaAction.bind(null, workspace.id)} />}
        </span>
      </div>
      <PersonaEditor
        slug={workspace.slug}
        card={card}
        canEdit={canEdit}
        save={updatePersonaAction.bind(null, workspace.id)}
        load={getPersonaAction.bind(null, workspace.id)}
        removePhoto={removePersonaPhotoAction.bind(null, workspace.id)}
        preview={previewSegmentAction.bind(null, workspace.id)}
        segments={segments}
        catalog={catalog}
        refs={refs}
        evidence={
          <EvidencePanel
            result={evidence}
            negative={card.isNegative}
            reviewedAt={card.reviewedAt}
            canEdit={canEdit}
            personaId={card.id}
            markReviewed={markPersonaReviewedAction.bind(null, workspace.id)}
            predictedClv={predicted === undefined ? undefined : (predicted?.average ?? null)}
          />
        }
      />
      <div className="mt-6">
        <CommentsPanel
          personaId={card.id}
          initial={comments}
          members={members}
          create={createPersonaCommentAction.bind(null, workspace.id)}
          edit={editPersonaCommentAction.bind(null, workspace.id)}
          remove={deletePersonaCommentAction.bind(null, workspace.id)}
          list={listPersonaCommentsAction.bind(null, workspace.id)}
        />
      </div>
    </>
  );
}
