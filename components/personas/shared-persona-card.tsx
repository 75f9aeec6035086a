import type { ReactNode } from "react";
import { Ban, Frown, Heart, Lightbulb, Megaphone, Monitor, Newspaper, ShieldQuestion, Sparkles, Target, Zap } from "lucide-react";
import type { SharedCard } from "@/lib/personas/share-service";
import { PERSONALITY_POINTS, type PersonaListField } from "@/lib/validations/persona";
import { cn } from "@/components/ui/cn";
import { PersonaAvatar } from "@/components/personas/avatar";

/**
 * The persona card read-only, as plain text (no form fields): the shared page and its print view.
 * `print-*` classes shape the one-page print (app/globals.css).
 */
const LISTS: { key: PersonaListField; title: string; icon: ReactNode; accent: string }[] = [
  { key: "goals", title: "Goals", icon: <Target className="size-3.5" />, accent: "bg-emerald-500" },
  { key: "painPoints", title: "Pain points", icon: <Frown className="size-3.5" />, accent: "bg-red-500" },
  { key: "motivations", title: "Motivations", icon: <Heart className="size-3.5" />, accent: "bg-violet-500" },
  { key: "needs", title: "Needs / jobs to be done", icon: <Lightbulb className="size-3.5" />, accent: "bg-brand-500" },
  { key: "objections", title: "Objections", icon: <ShieldQuestion className="size-3.5" />, accent: "bg-amber-500" },
  { key: "buyingTriggers", title: "Buying triggers", icon: <Zap className="size-3.5" />, accent: "bg-emerald-500" },
];

const CHIPS: { key: PersonaListField; title: string; icon: ReactNode }[] = [
  { key: "preferredChannels", title: "Preferred channels", icon: <Megaphone className="size-3.5" /> },
  { key: "brandsMedia", title: "Brands & media", icon: <Newspaper className="size-3.5" /> },
  { key: "technology", title: "Technology", icon: <Monitor className="size-3.5" /> },
];

const DEMOGRAPHICS = [
  ["ageRange", "Age"],
  ["gender", "Gender"],
  ["location", "Location"],
  ["occupation", "Occupation"],
  ["incomeBand", "Income"],
  ["education", "Education"],
  ["family", "Family"],
] as const;

function Box({ title, icon, children, className }: { title: string; icon?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={cn("print-box break-inside-avoid rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200", className)}>
      <h2 className="mb-2 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {icon}
        {title}
      </h2>
      {children}
    </section>
  );
}

export function SharedPersonaCard({ card, photoUrl, evidence }: { card: SharedCard; photoUrl: string | null; evidence: ReactNode }) {
  const negative = card.isNegative;
  const demographics = DEMOGRAPHICS.filter(([key]) => !!card[key]);
  return (
    <article className="print-card space-y-6" aria-label={`Persona ${card.name}`}>
      <section className={cn("print-box relative overflow-hidden rounded-2xl bg-white shadow-sm ring-1", negative ? "ring-red-200" : "ring-slate-200")}>
        <div className={cn("print-band h-24", negative ? "bg-gradient-to-r from-red-600 to-rose-400" : "bg-gradient-to-r from-brand-600 to-sky-400")} aria-hidden />
        <div className="flex flex-col gap-6 px-6 pb-6 md:flex-row">
          <div className="-mt-16 flex justify-center md:block">
            <PersonaAvatar name={card.name} photoUrl={photoUrl} size="lg" negative={negative} />
          </div>
          <div className="min-w-0 flex-1 md:pt-4">
            {negative && (
              <p className="mb-1 inline-flex items-center gap-1 rounded-md bg-red-50 px-2 py-0.5 text-xs font-semibold tracking-wide text-red-700 uppercase ring-1 ring-red-200">
                <Ban className="size-3.5" /> Negative persona
              </p>
            )}
            <h1 className="text-3xl font-bold tracking-tight text-slate-900">{card.name}</h1>
            {card.headline && <p className="mt-1 text-lg text-slate-600">{card.headline}</p>}
            {card.quote && (
              <blockquote className={cn("mt-4 border-l-4 pl-4 text-lg text-slate-700 italic", negative ? "border-red-300" : "border-brand-300")}>“{card.quote}”</blockquote>
            )}
            {demographics.length > 0 && (
              <dl className="mt-5 grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
                {demographics.map(([key, label]) => (
                  <div key={key}>
                    <dt className="text-xs font-medium text-slate-500">{label}</dt>
                    <dd className="text-sm font-medium text-slate-900">{card[key]}</dd>
                  </div>
                ))}
              </dl>
            )}
            {card.tags.length > 0 && (
              <ul className="mt-4 flex flex-wrap gap-1.5" aria-label="Tags">
                {card.tags.map((t) => (
                  <li key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
                    {t}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>

      <div className="print-columns grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {card.description && (
            <Box title="Story" icon={<Sparkles className="size-3.5" />}>
              <p className="print-clamp-text text-sm whitespace-pre-line text-slate-700">{card.description}</p>
            </Box>
          )}
          <div className="print-lists grid gap-4 md:grid-cols-2">
            {LISTS.filter(({ key }) => card[key].length > 0).map(({ key, title, icon, accent }) => (
              <Box key={key} title={title} icon={icon}>
                <ul className="print-clamp space-y-1.5 text-sm text-slate-700">
                  {card[key].map((item, i) => (
                    <li key={i} className="flex gap-2">
                      <span className={cn("mt-1.5 size-1.5 shrink-0 rounded-full", accent)} aria-hidden />
                      <span>{item}</span>
                    </li>
                  ))}
                </ul>
              </Box>
            ))}
            {card.personality.length > 0 && (
              <Box title="Personality">
                <ul className="space-y-2.5">
                  {card.personality.map((p) => (
                    <li key={p.key} className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-center gap-2 text-xs leading-tight">
                      <span className={cn("text-right", p.value <= 2 ? "font-medium text-slate-900" : "text-slate-500")}>{p.left}</span>
                      <span className="flex items-center gap-1" role="img" aria-label={`${p.left} to ${p.right}: ${p.value} of ${PERSONALITY_POINTS}`}>
                        {Array.from({ length: PERSONALITY_POINTS }, (_, k) => (
                          <span key={k} className={cn("block size-3.5 rounded-full ring-2", k + 1 === p.value ? (negative ? "bg-red-500 ring-red-500" : "bg-brand-600 ring-brand-600") : "bg-white ring-slate-200")} />
                        ))}
                      </span>
                      <span className={cn(p.value >= 4 ? "font-medium text-slate-900" : "text-slate-500")}>{p.right}</span>
                    </li>
                  ))}
                </ul>
              </Box>
            )}
            {CHIPS.filter(({ key }) => card[key].length > 0).map(({ key, title, icon }) => (
              <Box key={key} title={title} icon={icon}>
                <ul className="print-clamp flex flex-wrap gap-1.5">
                  {card[key].map((item, i) => (
                    <li key={i} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                      {item}
                    </li>
                  ))}
                </ul>
              </Box>
            ))}
          </div>
          {card.sections.length > 0 && (
            <div className="print-hidden space-y-4">
              {card.sections.map((s, i) => (
                <Box key={i} title={s.title || "Notes"}>
                  <p className="text-sm whitespace-pre-line text-slate-700">{s.body}</p>
                </Box>
              ))}
            </div>
          )}
        </div>
        <aside className="space-y-6" aria-label="Grounded in data">
          {evidence}
        </aside>
      </div>
    </article>
  );
}
