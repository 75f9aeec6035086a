"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/**
 * A link shown once (an invitation, a reset link, a share link): read-only, selected on focus, with
 * a Copy button that says when it worked and what to do when the clipboard refuses.
 */
export function CopyLinkField({ url, label, testId }: { url: string; label: string; testId?: string }) {
  const [copiedUrl, setCopiedUrl] = useState<string | null>(null);
  const copied = copiedUrl === url;
  return (
    <div className="flex gap-2">
      <Input readOnly value={url} aria-label={label} data-testid={testId} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
      <Button
        variant="secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(url);
            setCopiedUrl(url);
            toast.success("Link copied");
          } catch {
            toast.error("Copy failed: select the link and copy it by hand.");
          }
        }}
      >
        {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />} Copy
      </Button>
    </div>
  );
}
