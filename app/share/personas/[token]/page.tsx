import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Download, Eye } from "lucide-react";
import { Logo } from "@/components/brand/logo";
import { buttonClasses } from "@/components/ui/button";
import { PrintButton } from "@/components/personas/print-button";
import { SharedEvidencePanel } from "@/components/personas/shared-evidence";
import { SharedPersonaCard } from "@/components/personas/shared-persona-card";
import { formatDate } from "@/lib/format";
import { sharedPersona } from "@/lib/personas/share-service";

/**
 * A persona shared read-only by link: no session, the token is the only credential. Shows the card
 * and aggregate figures (each over 5 or more customers), never a customer. A malformed, unknown,
 * revoked or expired token gives the same 404 page (not-found.tsx next to this one).
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Shared persona",
  robots: { index: false, follow: false, nocache: true, googleBot: { index: false, follow: false } },
  referrer: "no-referrer",
};

export default async function SharedPersonaPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await sharedPersona(token, { countView: true });
  if (!shared) notFound();
  const { card, evidence, expiresAt } = shared;
  const base = `/share/personas/${token}`;
  return (
    <div className="print-page min-h-screen bg-slate-50">
      <header className="print-hidden border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <div className="flex items-center gap-3">
            <Logo />
            <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-600">
              <Eye className="size-3.5" aria-hidden /> Shared persona · read only
            </span>
          </div>
          <div className="flex items-center gap-2">
            <PrintButton />
            <a href={`${base}/pdf`} className={buttonClasses("primary", "sm")} download>
              <Download className="size-4" aria-hidden /> Download PDF
            </a>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        <SharedPersonaCard
          card={card}
          photoUrl={card.photoVersion ? `${base}/photo?v=${card.photoVersion}` : null}
          evidence={<SharedEvidencePanel evidence={evidence} negative={card.isNegative} />}
        />
        <footer className="print-footer mt-8 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-400">
          <span>
            Updated {formatDate(new Date(card.updatedAt))} · figures computed live
            {expiresAt ? ` · this link works until ${formatDate(new Date(expiresAt))}` : ""}
          </span>
          <span>Made with Segmently · aggregates only, no individual customer is shown</span>
        </footer>
      </main>
    </div>
  );
}
