import { z } from "zod";
import { TRAIT_KEY_PATTERN } from "@/lib/customers/traits";
import { customerFieldsShape, INT32_MAX, tooLong } from "@/lib/validations/customer-fields";

export {
  EXTERNAL_ID_MAX,
  NAME_MAX,
  SHORT_TEXT_MAX,
  CODE_TEXT_MAX,
  EMAIL_MAX,
  emailField,
  birthDateField,
  moneyField,
  companySizeField,
  countryField,
  tagsField,
  externalIdField,
} from "@/lib/validations/customer-fields";

/**
 * Customer and custom-trait input, shared by the forms and the server actions. The form sends what
 * people type (strings); these schemas turn it into typed column values with field-level messages.
 * The built-in fields' rules come from the field registry through customer-fields.ts.
 */
export const BULK_DELETE_MAX = 500;

/** Raw trait inputs by key; each is checked against its definition's type by the action. */
export const traitInputsField = z
  .record(
    z.string().max(40),
    z.union([z.string().max(5000, "That value is too long."), z.boolean(), z.null()]),
  )
  .default({})
  .refine((r) => Object.keys(r).length <= 200, "Too many traits.");

/** The built-in fields (derived from the field registry) plus the custom traits. */
export const customerInputSchema = z.object({
  ...customerFieldsShape,
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
