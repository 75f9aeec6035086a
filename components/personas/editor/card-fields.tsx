import type { ReactNode } from "react";
import { Frown, Heart, Lightbulb, Megaphone, Monitor, Newspaper, ShieldQuestion, Target, Zap } from "lucide-react";
import type { PersonaCardData } from "@/lib/dal/personas";
import { personaFieldLabel } from "@/lib/personas/fields";
export { showValue } from "@/lib/personas/fields";
import { PERSONA_LIST_FIELDS, type PersonaListField, type PersonaTextField } from "@/lib/validations/persona";

/** What the team edits on the card (not the rules, the photo or the review). */
export type Draft = Omit<PersonaCardData, "id" | "version" | "photoVersion" | "reviewedAt" | "updatedAt" | "definition" | "segmentId">;
export type DraftKey = keyof Draft;

const DRAFT_KEYS: DraftKey[] = [
  "name",
  "isNegative",
  "headline",
  "description",
  "ageRange",
  "gender",
  "occupation",
  "location",
  "incomeBand",
  "education",
  "family",
  "quote",
  ...PERSONA_LIST_FIELDS,
  "notFitReasons",
  "costToServe",
  "personality",
  "tags",
  "sections",
];

export const FIELD_LABELS = Object.fromEntries(DRAFT_KEYS.map((k) => [k, personaFieldLabel(k)])) as Record<DraftKey, string>;

export type Accent = "brand" | "red" | "amber" | "emerald" | "sky" | "violet";

export const LISTS: { key: PersonaListField; placeholder: string; accent: Accent; icon: ReactNode }[] = [
  { key: "goals", placeholder: "What they want to achieve", accent: "emerald", icon: <Target className="size-3.5" /> },
  { key: "painPoints", placeholder: "What frustrates them", accent: "red", icon: <Frown className="size-3.5" /> },
  { key: "motivations", placeholder: "What drives them", accent: "violet", icon: <Heart className="size-3.5" /> },
  { key: "needs", placeholder: "A job they hire a product for", accent: "brand", icon: <Lightbulb className="size-3.5" /> },
  { key: "objections", placeholder: "Why they might say no", accent: "amber", icon: <ShieldQuestion className="size-3.5" /> },
  { key: "buyingTriggers", placeholder: "What makes them buy now", accent: "emerald", icon: <Zap className="size-3.5" /> },
  { key: "preferredChannels", placeholder: "Where to reach them", accent: "sky", icon: <Megaphone className="size-3.5" /> },
  { key: "brandsMedia", placeholder: "Brands and media they love", accent: "violet", icon: <Newspaper className="size-3.5" /> },
  { key: "technology", placeholder: "Devices, apps, tools", accent: "sky", icon: <Monitor className="size-3.5" /> },
];

export const DEMOGRAPHICS: { key: PersonaTextField; placeholder: string }[] = [
  { key: "ageRange", placeholder: "e.g. 25–34" },
  { key: "gender", placeholder: "e.g. Any" },
  { key: "location", placeholder: "e.g. Urban Germany" },
  { key: "incomeBand", placeholder: "e.g. $50–80k" },
  { key: "education", placeholder: "e.g. Bachelor's" },
  { key: "family", placeholder: "e.g. Married, 2 kids" },
  { key: "occupation", placeholder: "e.g. Nurse" },
];

export function draftOf(card: PersonaCardData): Draft {
  const out = {} as Record<DraftKey, unknown>;
  for (const k of DRAFT_KEYS) out[k] = card[k];
  return out as Draft;
}
