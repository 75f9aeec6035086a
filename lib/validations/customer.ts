import { z } from "zod";
import { isCountryCode } from "@/lib/customers/countries";
import { isCalendarDay, splitTags, TAG_MAX, TAGS_MAX, TRAIT_KEY_PATTERN } from "@/lib/customers/traits";

/**
 * Customer and custom-trait input, shared by the forms and the server actions. The form sends what
 * people type (strings); these schemas turn it into typed column values with field-level messages.
 */
export const EXTERNAL_ID_MAX = 100;
export const NAME_MAX = 100;
export const SHORT_TEXT_MAX = 100;
export const CODE_TEXT_MAX = 60;
export const EMAIL_MAX = 254;
export const BULK_DELETE_MAX = 500;
/** Decimal(14,2): twelve digits before the point. */
const MONEY_INTEGER_DIGITS = 12;
const INT32_MAX = 2_147_483_647;

const tooLong = (max: number) => `Use at most ${max} characters.`;

/** Accepts strings (and numbers from API callers); undefined and null read as "". */
const text = z.preprocess((v) => (v === undefined || v === null ? "" : typeof v === "number" ? String(v) : v), z.string({ error: "Enter text." }));

const optionalText = (max: number) =>
  text.pipe(
    z
      .string()
      .trim()
      .max(max, tooLong(max))
      .transform((v) => (v === "" ? null : v)),
  );

export const emailField = text.pipe(
  z
    .string()
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX, "That e-mail address is too long.")
    .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid e-mail address, like name@company.com.")
    .transform((v) => (v === "" ? null : v)),
);

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export const birthDateField = text.pipe(
  z
    .string()
    .trim()
    .refine((v) => v === "" || isCalendarDay(v), "Enter a date as YYYY-MM-DD.")
    .refine((v) => v === "" || !isCalendarDay(v) || v <= todayUtc(), "A birth date cannot be in the future.")
    .refine((v) => v === "" || !isCalendarDay(v) || v >= "1900-01-01", "Enter a birth date after 1900.")
    .transform((v) => (v === "" ? null : new Date(`${v}T00:00:00.000Z`))),
);

/** "85,000.50" → "85000.50" (kept as a string: stored as an exact decimal). */
export const moneyField = text.pipe(
  z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s,_]/g, "").replace(/^\$/, ""))
    .superRefine((v, ctx) => {
      if (v === "") return;
      if (v.startsWith("-")) ctx.addIssue({ code: "custom", message: "Income cannot be negative." });
      else if (!/^\d+(\.\d{1,2})?$/.test(v)) ctx.addIssue({ code: "custom", message: "Enter an amount, like 85000 or 85000.50." });
      else if (v.split(".")[0]!.replace(/^0+(?=\d)/, "").length > MONEY_INTEGER_DIGITS)
        ctx.addIssue({ code: "custom", message: "That amount is too large." });
    })
    .transform((v) => (v === "" ? null : v)),
);

export const companySizeField = text.pipe(
  z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s,_]/g, ""))
    .superRefine((v, ctx) => {
      if (v === "") return;
      if (!/^\d+$/.test(v)) ctx.addIssue({ code: "custom", message: "Enter a whole number of employees, like 250." });
      else if (Number(v) > INT32_MAX) ctx.addIssue({ code: "custom", message: "That number is too large." });
    })
    .transform((v) => (v === "" ? null : Number(v))),
);

export const countryField = text.pipe(
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === "" || isCountryCode(v), "Use a two-letter ISO 3166 country code, like US or DE.")
    .transform((v) => (v === "" ? null : v)),
);

/** Comma-separated in the form (an array from API callers). */
export const tagsField = z
  .preprocess(
    (v) => (Array.isArray(v) ? v.filter((x) => typeof x === "string").join(",") : v === undefined || v === null ? "" : v),
    z.string({ error: "Enter tags separated by commas." }).max(5000, "That list is too long."),
  )
  .transform((v) => splitTags(v))
  .refine((tags) => tags.length <= TAGS_MAX, `Use at most ${TAGS_MAX} tags.`)
  .refine((tags) => tags.every((t) => t.length <= TAG_MAX), `Keep each tag to ${TAG_MAX} characters or fewer.`);

export const externalIdField = text.pipe(
  z
    .string()
    .trim()
    .max(EXTERNAL_ID_MAX, tooLong(EXTERNAL_ID_MAX))
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters from the external id."),
);

/** Raw trait inputs by key; each is checked against its definition's type by the action. */
export const traitInputsField = z
  .record(
    z.string().max(40),
    z.union([z.string().max(5000, "That value is too long."), z.boolean(), z.null()]),
  )
  .default({})
  .refine((r) => Object.keys(r).length <= 200, "Too many traits.");

export const customerInputSchema = z.object({
  externalId: externalIdField,
  email: emailField,
  firstName: optionalText(NAME_MAX),
  lastName: optionalText(NAME_MAX),
  gender: optionalText(CODE_TEXT_MAX),
  birthDate: birthDateField,
  annualIncome: moneyField,
  occupation: optionalText(SHORT_TEXT_MAX),
  country: countryField,
  region: optionalText(SHORT_TEXT_MAX),
  city: optionalText(SHORT_TEXT_MAX),
  industry: optionalText(SHORT_TEXT_MAX),
  companySize: companySizeField,
  lifecycleStage: optionalText(CODE_TEXT_MAX),
  acquisitionChannel: optionalText(CODE_TEXT_MAX),
  emailOptIn: z.boolean().default(false),
  interests: tagsField,
  needs: tagsField,
  technologies: tagsField,
  traits: traitInputsField,
});
export type CustomerInput = z.infer<typeof customerInputSchema>;
/** What the form holds and sends. */
export type CustomerFormValues = z.input<typeof customerInputSchema>;

export const customerIdField = z.coerce
  .number({ error: "Unknown customer." })
  .int("Unknown customer.")
  .positive("Unknown customer.")
  .max(INT32_MAX, "Unknown customer.");

export const updateCustomerSchema = customerInputSchema.extend({ id: customerIdField });
export const customerIdSchema = z.object({ id: customerIdField });
export const bulkDeleteSchema = z.object({
  ids: z
    .array(customerIdField)
    .min(1, "Select at least one customer.")
    .max(BULK_DELETE_MAX, `Delete at most ${BULK_DELETE_MAX} customers at a time.`),
});

// ---------------------------------------------------------------------------------------------
// Custom trait definitions

export const TRAIT_LABEL_MAX = 60;
export const traitTypeSchema = z.enum(["TEXT", "NUMBER", "DATE", "BOOLEAN", "TAGS"], { error: "Pick a type." });
export const familySchema = z.enum(
  ["DEMOGRAPHIC", "GEOGRAPHIC", "PSYCHOGRAPHIC", "BEHAVIORAL", "NEEDS", "VALUE", "FIRMOGRAPHIC", "TECHNOGRAPHIC"],
  { error: "Pick a family." },
);

export const traitKeyField = z
  .string({ error: "Enter a key." })
  .trim()
  .min(1, "Enter a key.")
  .max(40, tooLong(40))
  .regex(TRAIT_KEY_PATTERN, "Start with a lowercase letter; then use lowercase letters, digits and underscores (like nps_score).");

export const traitLabelField = z
  .string({ error: "Enter a label." })
  .trim()
  .min(1, "Enter a label.")
  .max(TRAIT_LABEL_MAX, tooLong(TRAIT_LABEL_MAX));

const traitId = z.string().min(1).max(64);

export const createTraitSchema = z.object({
  key: traitKeyField,
  label: traitLabelField,
  type: traitTypeSchema,
  family: familySchema,
});
export const updateTraitSchema = z.object({ id: traitId, label: traitLabelField, family: familySchema });
export const changeTraitTypeSchema = z.object({ id: traitId, type: traitTypeSchema });
export const traitIdSchema = z.object({ id: traitId });
