/**
 * Guesses the attribute family of a new custom trait from its column header, so an imported "Age"
 * lands in Demographic and "Spending Score (1-100)" in Behavioral instead of everything defaulting to
 * Psychographic. The mapping step shows the guess and the user can change it.
 *
 * The header is split into words (spaces, punctuation, camelCase, snake_case); each word that names a
 * family counts for it (a vague word such as "score" or "last" counts half), and the family with the
 * highest count wins (ties: the order of FAMILY_WORDS).
 * A header with no known word stays Psychographic, the family of attitudes and interests.
 */
import type { AttributeFamily } from "@/lib/generated/prisma/enums";

const FAMILY_WORDS: readonly (readonly [AttributeFamily, readonly string[]])[] = [
  ["VALUE", ["ltv", "clv", "lifetime", "value", "tier", "loyalty", "vip", "points", "margin", "profit", "profitability", "worth", "rfm"]],
  [
    "BEHAVIORAL",
    [
      "spend", "spent", "spending", "score", "visit", "visits", "purchase", "purchases", "purchased", "order", "orders", "bought",
      "session", "sessions", "click", "clicks", "open", "opens", "login", "logins", "frequency", "recency", "usage", "views",
      "cart", "churn", "churned", "signup", "signed", "engagement", "activity", "active", "last", "first", "channel", "source",
      "referral", "acquisition", "campaign", "count", "times", "returns", "subscription", "subscribed", "trial",
    ],
  ],
  [
    "DEMOGRAPHIC",
    [
      "age", "gender", "sex", "income", "salary", "wage", "education", "degree", "marital", "married", "children", "kids",
      "household", "family", "occupation", "profession", "job", "birth", "birthday", "born", "dob", "ethnicity", "language",
      "religion", "generation", "student",
    ],
  ],
  [
    "GEOGRAPHIC",
    [
      "country", "city", "region", "state", "province", "county", "zip", "zipcode", "postal", "postcode", "address", "location",
      "latitude", "lat", "longitude", "lng", "lon", "timezone", "tz", "climate", "urban", "rural", "continent", "territory", "geo",
    ],
  ],
  [
    "FIRMOGRAPHIC",
    [
      "company", "industry", "employees", "employee", "headcount", "revenue", "sector", "business", "organization",
      "organisation", "org", "vertical", "funding", "arr", "b2b", "firm", "seats",
    ],
  ],
  [
    "TECHNOGRAPHIC",
    [
      "device", "browser", "os", "platform", "app", "software", "tech", "technology", "technologies", "stack", "crm", "mobile",
      "ios", "android", "desktop", "version", "integration", "integrations", "tool", "tools",
    ],
  ],
  ["NEEDS", ["need", "needs", "pain", "painpoint", "goal", "goals", "problem", "problems", "requirement", "requirements", "priority", "priorities", "jtbd", "usecase"]],
  [
    "PSYCHOGRAPHIC",
    ["interest", "interests", "hobby", "hobbies", "lifestyle", "values", "attitude", "personality", "opinion", "preference", "preferences", "style", "nps", "satisfaction", "sentiment", "motivation", "motivations"],
  ],
];

/** Words that hint at a family without settling it: they count half. */
const VAGUE = new Set(["score", "count", "times", "last", "first", "value", "active", "open", "source", "version", "state", "app", "tool", "tools", "org", "job", "family", "lat", "lon"]);

const LOOKUP = new Map<string, AttributeFamily[]>();
for (const [family, words] of FAMILY_WORDS) for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), family]);

/** The header's words, lower-case: "AnnualIncome (k$)" → ["annual", "income", "k"]. */
export function headerWords(header: string): string[] {
  return header
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function guessTraitFamily(header: string): AttributeFamily {
  const hits = new Map<AttributeFamily, number>();
  for (const word of headerWords(header)) {
    for (const family of LOOKUP.get(word) ?? []) hits.set(family, (hits.get(family) ?? 0) + (VAGUE.has(word) ? 0.5 : 1));
  }
  let best: AttributeFamily = "PSYCHOGRAPHIC";
  let bestHits = 0;
  for (const [family] of FAMILY_WORDS) {
    const n = hits.get(family) ?? 0;
    if (n > bestHits) {
      best = family;
      bestHits = n;
    }
  }
  return best;
}
