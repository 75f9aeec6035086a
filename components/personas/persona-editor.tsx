"use client";

import { useState, type ReactNode } from "react";
import type { PersonaCardData } from "@/lib/dal/personas";
import type { CatalogEntry, ReferenceOptions } from "@/components/segments/rule-builder";
import { CardBody } from "./editor/card-body";
import { CardHeader } from "./editor/card-header";
import { ConflictDialog } from "./editor/conflict-dialog";
import { GroundingEditor, type PreviewFn } from "./editor/grounding-editor";
import { PhotoControl } from "./editor/photo-control";
import { SaveStatus } from "./editor/save-status";
import { useAutosave, type LoadFn, type Result, type SaveFn } from "./editor/use-autosave";

export type PersonaEditorProps = {
  slug: string;
  card: PersonaCardData;
  canEdit: boolean;
  save: SaveFn;
  load: LoadFn;
  removePhoto: (input: unknown) => Promise<Result<{ removed: boolean }>>;
  /** The builder's live count (nothing saved). */
  preview: PreviewFn;
  segments: { id: string; name: string }[];
  catalog: CatalogEntry[];
  refs: ReferenceOptions;
  /** The evidence panel (rendered on the server). */
  evidence: ReactNode;
};

/** The persona card, edited in place: the card's fields autosave; its rules save explicitly. */
export function PersonaEditor({ slug, card, canEdit, save, load, removePhoto, preview, segments, catalog, refs, evidence }: PersonaEditorProps) {
  const readOnly = !canEdit;
  const [photoVersion, setPhotoVersion] = useState(card.photoVersion);
  const [tagsText, setTagsText] = useState(card.tags.join(", "));
  const autosave = useAutosave({ card, save, load, readOnly, onReplaced: (d) => setTagsText(d.tags.join(", ")) });
  const { draft, change } = autosave;

  return (
    <div className="space-y-6">
      <CardHeader
        slug={slug}
        personaId={card.id}
        draft={draft}
        change={change}
        readOnly={readOnly}
        photoVersion={photoVersion}
        photoControl={canEdit && <PhotoControl slug={slug} personaId={card.id} photoVersion={photoVersion} onChange={setPhotoVersion} removePhoto={removePhoto} />}
        status={<SaveStatus status={autosave.status} onResolve={autosave.openConflict} />}
        tagsText={tagsText}
        setTagsText={setTagsText}
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <CardBody draft={draft} change={change} readOnly={readOnly} />
        </div>
        <aside className="space-y-6" aria-label="Grounded in data">
          {evidence}
        </aside>
      </div>

      <GroundingEditor
        slug={slug}
        card={card}
        readOnly={readOnly}
        save={save}
        preview={preview}
        flush={autosave.flush}
        enqueue={autosave.enqueue}
        versionRef={autosave.version}
        segments={segments}
        catalog={catalog}
        refs={refs}
      />

      <ConflictDialog
        conflict={autosave.conflict}
        open={autosave.conflictOpen}
        mine={draft}
        onClose={autosave.closeConflict}
        keepTheirs={autosave.keepTheirs}
        overwriteWithMine={autosave.overwriteWithMine}
      />
    </div>
  );
}
