import { z } from "zod";
import { isCountryCode } from "@/lib/customers/countries";
import { isCalendarDay, splitTags, TAG_MAX, TAGS_MAX } from "@/lib/customers/traits";
import { EDITABLE_FIELDS, type EditableField, type FieldValidation } from "@/lib/customers/field-registry";

/**
 * The rules that check one built-in customer field's input, by the name the field registry gives
 * (lib/customers/field-registry.ts), and the form's shape derived from the registry. The form sends
 * what people type (strings); these schemas turn it into typed column values with field messages.
 */
export const EXTERNAL_ID_MAX = 100;
export const NAME_MAX = 100;
export const SHORT_TEXT_MAX = 100;
export const CODE_TEXT_MAX = 60;
export const EMAIL_MAX = 254;
/** Decimal(14,2): twelve digits before the point. */
const MONEY_INTEGER_DIGITS = 12;
export const INT32_MAX = 2_147_483_647;

export const tooLong = (max: number) => `Use at most ${max} characters.`;

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


/** Each registry validation name → its schema, given the field's maximum length. */
export const FIELD_VALIDATORS = {
  externalId: () => externalIdField,
  email: () => emailField,
  text: (max?: number) => optionalText(max ?? SHORT_TEXT_MAX),
  birthDate: () => birthDateField,
  money: () => moneyField,
  employees: () => companySizeField,
  country: () => countryField,
  boolean: () => z.boolean().default(false),
  tags: () => tagsField,
} satisfies Record<FieldValidation, (max?: number) => z.ZodType>;

type Validators = typeof FIELD_VALIDATORS;

/** The zod shape of the editable built-in fields, one entry per registry field, in registry order. */
export type CustomerFieldsShape = { [F in EditableField as F["key"]]: ReturnType<Validators[F["validation"]]> };

export const customerFieldsShape = Object.fromEntries(
  EDITABLE_FIELDS.map((f) => [f.key, FIELD_VALIDATORS[f.validation](f.max)]),
) as CustomerFieldsShape;
