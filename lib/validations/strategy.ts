import { z } from "zod";

/**
 * A targeting strategy as forms, actions and the service accept it. The type decides how many
 * segments it may choose (STRATEGY_TYPES); weights sum to 100; the holdout is 0–50 % of the
 * audience. Segment and persona ids are checked against the workspace by the service.
 */
const id = z.string().min(1).max(64);
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable();

export const STRATEGY_TYPE_KEYS = ["UNDIFFERENTIATED", "DIFFERENTIATED", "CONCENTRATED", "CUSTOMIZED"] as const;
export type StrategyTypeKey = (typeof STRATEGY_TYPE_KEYS)[number];

/** Each type's meaning, trade-offs and when to use it — shown where the type is chosen. */
export const STRATEGY_TYPES: Record<StrategyTypeKey, { label: string; meaning: string; tradeOffs: string; when: string; minSegments: number; maxSegments: number }> = {
  UNDIFFERENTIATED: {
    label: "Undifferentiated",
    meaning: "The whole market with one offer and one message.",
    tradeOffs: "Cheapest to run and widest reach; speaks to no one in particular, so response is lower.",
    when: "A product most customers need in the same way, or a first campaign before segments are known.",
    minSegments: 0,
    maxSegments: 0,
  },
  DIFFERENTIATED: {
    label: "Differentiated",
    meaning: "Several segments, each with its own offer and message.",
    tradeOffs: "Higher response and share of wallet; more creative, more cost, and overlapping segments must be deduplicated.",
    when: "Segments differ in what they value and are each worth the cost of their own offer.",
    minSegments: 2,
    maxSegments: 12,
  },
  CONCENTRATED: {
    label: "Concentrated",
    meaning: "One or two segments with a specialised offer.",
    tradeOffs: "Strong position and efficient spend; all eggs in one basket if the segment shrinks.",
    when: "Limited resources, or one segment clearly more attractive and compatible than the rest.",
    minSegments: 1,
    maxSegments: 2,
  },
  CUSTOMIZED: {
    label: "Customized",
    meaning: "Individuals or micro-segments: an offer per customer from a rule or a hand-picked list.",
    tradeOffs: "The most relevant offers; the most data and operations per customer.",
    when: "High-value customers (key accounts, VIPs) where a personal offer pays for itself.",
    minSegments: 1,
    maxSegments: 12,
  },
};

export const strategyTargetSchema = z.object({
  segmentId: id,
  positioning: text(300).optional().default(null),
  offer: text(200).optional().default(null),
  channel: text(80).optional().default(null),
  /** The persona this segment's offer addresses. */
  personaId: id.nullable().optional().default(null),
  /** Margin % on this segment's revenue (0–100) and cost to serve one customer, entered by the team. */
  marginPercent: z.number().min(0, "Use 0–100 %.").max(100, "Use 0–100 %.").nullable().optional().default(null),
  costToServe: z.number().min(0, "Use 0 or more.").max(1_000_000, "Use at most 1,000,000.").nullable().optional().default(null),
});
export type StrategyTarget = z.infer<typeof strategyTargetSchema>;

export const weightsSchema = z
  .object({
    attractiveness: z.number().int().min(0).max(100),
    profitability: z.number().int().min(0).max(100),
    compatibility: z.number().int().min(0).max(100),
  })
  .refine((w) => w.attractiveness + w.profitability + w.compatibility === 100, { error: "The weights must add up to 100 %." });
export type Weights = z.infer<typeof weightsSchema>;
export const DEFAULT_WEIGHTS: Weights = { attractiveness: 40, profitability: 40, compatibility: 20 };

export const strategyConfigSchema = z.object({
  /** In priority order: a customer matching several goes to the first (the waterfall). */
  targets: z.array(strategyTargetSchema).max(12, "Choose at most 12 segments."),
  /** UNDIFFERENTIATED: the one offer for everyone. */
  offer: z.object({ positioning: text(300), offer: text(200), channel: text(80) }).partial().optional(),
  weights: weightsSchema.default(DEFAULT_WEIGHTS),
  exclusions: z
    .object({
      /** Negative personas apply by default; these are switched off, each with a reason. */
      personasOff: z.array(z.object({ personaId: id, reason: z.string().trim().min(1, "Say why this negative persona is not excluded.").max(300) })).max(50),
      /** Further segments to leave out. */
      segmentIds: z.array(id).max(10, "Exclude at most 10 segments."),
      /** Leave out customers who opted out of e-mail (the suppression list). */
      suppressOptedOut: z.boolean(),
    })
    .default({ personasOff: [], segmentIds: [], suppressOptedOut: true }),
  /** Percent of the audience held out as a control group (0: none). */
  holdoutPercent: z.number().int().min(0).max(50, "Hold out at most 50 %.").default(0),
});
export type StrategyConfig = z.infer<typeof strategyConfigSchema>;

const base = {
  name: z.string().trim().min(1, "Give the strategy a name.").max(120, "Use at most 120 characters."),
  type: z.enum(STRATEGY_TYPE_KEYS, { error: "Choose a strategy type." }),
  description: text(1000).optional().default(null),
  periodStart: z.iso.date({ error: "Use a date like 2027-01-31." }).nullable().optional().default(null),
  periodEnd: z.iso.date({ error: "Use a date like 2027-01-31." }).nullable().optional().default(null),
  budget: z.number().min(0, "Use 0 or more.").max(1e11).nullable().optional().default(null),
  status: z.enum(["DRAFT", "ACTIVE", "ARCHIVED"]).default("DRAFT"),
  ownerId: id.nullable().optional().default(null),
  config: strategyConfigSchema,
};

/** What every save checks beyond the fields: the type's number of segments, the period. */
function checkStrategy(s: { type: StrategyTypeKey; periodStart: string | null; periodEnd: string | null; config: StrategyConfig }, ctx: z.RefinementCtx) {
  const rule = STRATEGY_TYPES[s.type];
  const n = s.config.targets.length;
  if (n < rule.minSegments || n > rule.maxSegments) {
    const message =
      s.type === "UNDIFFERENTIATED"
        ? "An undifferentiated strategy targets everyone: remove the chosen segments, or choose another type."
        : s.type === "CONCENTRATED"
          ? "A concentrated strategy targets one or two segments."
          : s.type === "DIFFERENTIATED"
            ? "A differentiated strategy needs at least two segments, each with its own offer."
            : "A customized strategy needs a rule or a hand-picked list (a segment) to target.";
    ctx.addIssue({ code: "custom", path: ["config", "targets"], message });
  }
  const seen = new Set<string>();
  s.config.targets.forEach((t, i) => {
    if (seen.has(t.segmentId)) ctx.addIssue({ code: "custom", path: ["config", "targets", i, "segmentId"], message: "This segment is already chosen." });
    seen.add(t.segmentId);
  });
  if (s.periodStart && s.periodEnd && s.periodEnd < s.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The period ends before it starts." });
}

export const createStrategySchema = z.object(base).superRefine(checkStrategy);
export type CreateStrategyInput = z.input<typeof createStrategySchema>;
export const updateStrategySchema = z
  .object({ ...base, id, expectedVersion: z.number().int().min(1) })
  .superRefine(checkStrategy);
export type UpdateStrategyInput = z.input<typeof updateStrategySchema>;

export const rateSegmentSchema = z.object({
  strategyId: id,
  segmentId: id,
  score: z.number().int().min(1, "Rate 1–5.").max(5, "Rate 1–5."),
  note: text(500).optional().default(null),
});
export const strategyIdSchema = z.object({ id });
