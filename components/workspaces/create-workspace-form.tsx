"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createWorkspace } from "@/lib/actions/workspaces";
import { slugify } from "@/lib/validations/workspace";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const { execute, pending, fieldErrors, error } = useAction(createWorkspace, {
    success: "Workspace created",
    onSuccess: (data) => router.push(`/w/${data.slug}`),
  });
  const shownSlug = slugEdited ? slug : slugify(name);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void execute({ name, slug: slugEdited ? slug : "" });
      }}
    >
      <FormError message={error && Object.keys(fieldErrors).length === 0 ? error : null} />
      <Field id="workspace-name" label="Workspace name" hint="Usually your company or team, e.g. “Acme Growth”." errors={fieldErrors.name}>
        <Input id="workspace-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!fieldErrors.name} autoFocus />
      </Field>
      <Field id="workspace-slug" label="Address" hint={`segmently/w/${shownSlug || "…"}`} errors={fieldErrors.slug}>
        <Input
          id="workspace-slug"
          value={shownSlug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value);
          }}
          invalid={!!fieldErrors.slug}
        />
      </Field>
      <Button type="submit" pending={pending}>
        Create workspace
      </Button>
    </form>
  );
}
