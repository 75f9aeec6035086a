import { z } from "zod";

/**
 * Insights → Clusters: the features a clustering run may use and the zod schemas of its options
 * and of "save a cluster". Shared by the page, the actions and the job (no server-only imports).
 */

export type NumericFeatureKey = "age" | "income" | "spend" | "frequency" | "recency" | "aov" | "companySize";

export type NumericFeatureInfo = {
  key: NumericFeatureKey;
  label: string;
  /** Words for a cluster well above / below the average, for suggested names. */
  high: string;
  low: string;
  unit?: "money" | "days" | "years";
  hint: string;
};

/** Built-in numeric features, in the chooser's order. Numeric custom traits come as `trait:<key>`. */
export const NUMERIC_FEATURES: readonly NumericFeatureInfo[] = [
  { key: "age", label: "Age", high: "Older", low: "Younger", unit: "years", hint: "Whole years, from the birth date" },
  { key: "income", label: "Income", high: "High income", low: "Low income", unit: "money", hint: "Annual income" },
  { key: "spend", label: "Spend", high: "Big spenders", low: "Low spend", unit: "money", hint: "Total spent so far (lifetime value to date); 0 without orders" },
  { key: "frequency", label: "Orders", high: "Frequent buyers", low: "Rare buyers", hint: "Number of orders ever; 0 without orders" },
  { key: "recency", label: "Days since last order", high: "Lapsed", low: "Recent buyers", unit: "days", hint: "Empty without orders" },
  { key: "aov", label: "Average order value", high: "Big baskets", low: "Small baskets", unit: "money", hint: "Spend ÷ orders; empty without orders" },
  { key: "companySize", label: "Company size", high: "Large companies", low: "Small companies", hint: "Employees" },
];

export const DEFAULT_NUMERIC: readonly NumericFeatureKey[] = ["age", "income", "spend", "frequency", "recency"];

export const CATEGORICAL_FEATURES = [
  { key: "gender", label: "Gender" },
  { key: "country", label: "Country" },
  { key: "acquisitionChannel", label: "Acquisition channel" },
  { key: "industry", label: "Industry" },
] as const;
export type CategoricalFeatureKey = (typeof CATEGORICAL_FEATURES)[number]["key"];

export const TRAIT_FEATURE_PREFIX = "trait:";
export const K_MIN = 2;
export const K_MAX = 10;
export const MAX_NUMERIC_FEATURES = 12;

const BUILT_IN_KEYS = new Set<string>(NUMERIC_FEATURES.map((f) => f.key));
const TRAIT_KEY = /^trait:[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function isTraitFeature(key: string): boolean {
  return key.startsWith(TRAIT_FEATURE_PREFIX);
}

const kValue = z
  .number({ error: `Give a whole number from ${K_MIN} to ${K_MAX}.` })
  .int(`Give a whole number from ${K_MIN} to ${K_MAX}.`)
  .min(K_MIN, `Give a whole number from ${K_MIN} to ${K_MAX}.`)
  .max(K_MAX, `Give a whole number from ${K_MIN} to ${K_MAX}.`);

export const clusterOptionsSchema = z
  .object({
    numeric: z
      .array(
        z.string().refine((k) => BUILT_IN_KEYS.has(k) || TRAIT_KEY.test(k), "Unknown feature."),
        { error: "Choose the numeric features." },
      )
      .min(2, "Choose at least two numeric features.")
      .max(MAX_NUMERIC_FEATURES, `Choose at most ${MAX_NUMERIC_FEATURES} numeric features.`)
      .refine((a) => new Set(a).size === a.length, "Each feature may be chosen once."),
    categorical: z
      .array(z.enum(CATEGORICAL_FEATURES.map((f) => f.key) as [CategoricalFeatureKey, ...CategoricalFeatureKey[]], { error: "Unknown categorical feature." }))
      .max(CATEGORICAL_FEATURES.length)
      .refine((a) => new Set(a).size === a.length, "Each feature may be chosen once.")
      .default([]),
    kMin: kValue.default(K_MIN),
    kMax: kValue.default(K_MAX),
    seed: z.number({ error: "Give a whole number." }).int("Give a whole number.").min(1).max(2_147_483_647).default(1),
  })
  .refine((o) => o.kMin <= o.kMax, { path: ["kMax"], message: "The largest k must be at least the smallest." });

export type ClusterOptions = z.infer<typeof clusterOptionsSchema>;

export const clusterRunIdSchema = z.object({ runId: z.string().min(1).max(64) });

export const saveClusterSchema = z.object({
  runId: z.string().min(1).max(64),
  k: kValue,
  cluster: z.number().int().min(0).max(K_MAX - 1),
  as: z.enum(["static", "rules", "persona"], { error: "Choose how to save the cluster." }),
});
export type SaveClusterInput = z.infer<typeof saveClusterSchema>;
