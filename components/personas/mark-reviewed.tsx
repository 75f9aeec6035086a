"use client";

import { useRouter } from "next/navigation";
import { ClipboardCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";

type Action = (input: unknown) => Promise<{ ok: true; data: unknown } | { ok: false; code: string; error: string }>;

/** Stores the evidence as it is now, so later changes show as drift. */
export function MarkReviewedButton({ id, markReviewed }: { id: string; markReviewed: Action }) {
  const router = useRouter();
  const { execute, pending } = useAction(markReviewed, { success: "Marked reviewed", onSuccess: () => router.refresh() });
  return (
    <Button size="sm" variant="secondary" pending={pending} onClick={() => void execute({ id })}>
      <ClipboardCheck className="size-4 shrink-0" /> <span className="whitespace-nowrap">Mark reviewed</span>
    </Button>
  );
}
