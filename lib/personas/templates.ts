import "server-only";
/**
 * Persona templates: the demo workspace's personas offered as starting points in an empty gallery.
 * A template's rules use built-in fields only (income, RFM segment, channel, opt-in…), so they
 * hold in every workspace; the new persona is an ordinary one, created through createPersona.
 */
import { DEMO_PERSONAS } from "@/lib/demo/personas";
import { parseInput, type ServiceContext } from "@/lib/domain/context";
import { notFound } from "@/lib/errors";
import { createPersona } from "@/lib/personas/service";
import { DEFINITION_VERSION } from "@/lib/segments/definition";
import { DEFAULT_PERSONALITY, personaTemplateSchema } from "@/lib/validations/persona";

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export type PersonaTemplate = { key: string; name: string; isNegative: boolean; headline: string | null; quote: string | null; tags: string[]; rules: number };

/** The templates as the gallery lists them. */
export const PERSONA_TEMPLATES: readonly PersonaTemplate[] = DEMO_PERSONAS.map((p) => ({
  key: slug(p.name),
  name: p.name,
  isNegative: p.isNegative ?? false,
  headline: p.headline ?? null,
  quote: p.quote ?? null,
  tags: [...(p.tags ?? [])],
  rules: p.conditions.length,
}));

/** Creates a persona from a template: its card, sliders and rules (checked like any other). */
export async function createPersonaFromTemplate(ctx: ServiceContext, input: unknown) {
  const { template } = parseInput(personaTemplateSchema, input);
  const spec = DEMO_PERSONAS.find((p) => slug(p.name) === template);
  if (!spec) throw notFound("That template");
  const { conditions, personality, ...card } = spec;
  return createPersona(ctx, {
    ...card,
    personality: DEFAULT_PERSONALITY.map((s, i) => ({ ...s, value: personality[i]! })),
    definition: { version: DEFINITION_VERSION, root: { type: "group", op: "and", children: conditions } },
  });
}
