"use client";

import { Printer } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the print stylesheet turns the page into a one-page card. */
export function PrintButton({ size = "sm" }: { size?: "sm" | "md" }) {
  return (
    <Button variant="secondary" size={size} onClick={() => window.print()}>
      <Printer className="size-4" aria-hidden /> Print
    </Button>
  );
}
