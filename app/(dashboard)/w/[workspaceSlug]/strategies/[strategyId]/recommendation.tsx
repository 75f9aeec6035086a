"use client";

import { Sparkles } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useTargetsBridge } from "../targets-bridge";

/** "Use these segments": fills the form's segments with the recommendation (saved with the form). */
export function UseSegmentsButton({ segmentIds, canEdit }: { segmentIds: string[]; canEdit: boolean }) {
  const bridge = useTargetsBridge();
  if (!canEdit || segmentIds.length === 0) return null;
  return (
    <Button
      variant="secondary"
      onClick={() => {
        if (!bridge?.use(segmentIds)) toast.error("The form is not available.");
      }}
    >
      <Sparkles className="size-4" /> Use these segments
    </Button>
  );
}
