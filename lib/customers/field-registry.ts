import type { AttributeFamily } from "@/lib/generated/prisma/enums";

/**
 * The one declaration of the customer's built-in fields (typed columns of "Customer"). Everything
 * that lists those fields derives from here: the segment catalog, the customer form and its
 * validation, the list's columns and sorting, export columns and import targets. Adding a field is
 * one entry below plus the column in prisma/schema.prisma (field-registry.test.ts checks both agree).
 *
 * Keys are column names; SQL identifiers built from this list only ever name these columns.
 */

/** What a value is, which also picks the form's input. */
export type FieldKind = "text" | "email" | "number" | "integer" | "money" | "date" | "datetime" | "boolean" | "tags" | "country";

/** The zod rule that checks a field's form input (lib/validations/customer-fields.ts). */
export type FieldValidation = "externalId" | "email" | "text" | "birthDate" | "money" | "employees" | "country" | "boolean" | "tags";

/** How a date field is stored: a calendar day, an instant, or a UTC wall-clock timestamp. */
export type DateStorage = "date" | "timestamptz" | "timestamp";

/** How the customers list shows a value (the renderers live in customers-columns.tsx). */
export type ListDisplay = "text" | "humanized" | "code" | "email" | "country" | "stage" | "amount" | "count" | "check" | "date";

export type FieldDeclaration = {
  key: string;
  /** The label forms and the profile show. */
  label: string;
  family: AttributeFamily;
  kind: FieldKind;
  /** Whether the column accepts NULL (checked against the Prisma model). */
  nullable: boolean;
  /** Shown in the profile's header rather than in a family card. */
  identity?: boolean;
  /** Set by the system or by imports, not by the form. */
  readOnly?: boolean;
  /** Maximum length of a text value (form and import). */
  max?: number;
  /** The form's input rule; read-only fields have none. */
  validation?: FieldValidation;
  /** Values the form suggests while typing (the workspace's own come first). */
  suggestions?: readonly string[];
  /** In the segment catalog unless false; `label` overrides the label there. */
  segment: false | { label?: string; dateStorage?: DateStorage };
  /** A column of the customers list (`position` orders the columns; 0 is the name). */
  list?: {
    position: number;
    header: string;
    display: ListDisplay;
    /** Sortable through the URL: by the value, or case-insensitively. */
    sort?: "value" | "lower";
    descFirst?: boolean;
    /** Hidden until someone shows it. */
    hidden?: boolean;
  };
  /** The CSV header; `trailing` fields come after the customer's own data in JSON (after traits). */
  export: { header: string; trailing?: boolean };
  /** A target of customer imports: header spellings that map here (normalised), and a stricter kind if any. */
  import?: { synonyms: readonly string[]; kind?: "positiveMoney" };
};

export const CUSTOMER_FIELDS = [
  {
    key: "externalId",
    label: "External id",
    family: "DEMOGRAPHIC",
    kind: "text",
    nullable: false,
    identity: true,
    max: 100,
    validation: "externalId",
    segment: {},
    list: { position: 2, header: "External id", display: "code", sort: "value" },
    export: { header: "external_id" },
    import: { synonyms: ["customerid", "id", "externalid", "customerexternalid", "custid", "clientid", "userid", "customernumber", "customerno", "crmid"] },
  },
  {
    key: "email",
    label: "E-mail",
    family: "DEMOGRAPHIC",
    kind: "email",
    nullable: true,
    identity: true,
    max: 254,
    validation: "email",
    segment: { label: "Email" },
    list: { position: 1, header: "E-mail", display: "email", sort: "lower" },
    export: { header: "email" },
    import: { synonyms: ["email", "emailaddress", "mail", "e-mail"] },
  },
  {
    key: "firstName",
    label: "First name",
    family: "DEMOGRAPHIC",
    kind: "text",
    nullable: true,
    identity: true,
    max: 100,
    validation: "text",
    segment: {},
    export: { header: "first_name" },
    import: { synonyms: ["firstname", "givenname", "forename", "first"] },
  },
  {
    key: "lastName",
    label: "Last name",
    family: "DEMOGRAPHIC",
    kind: "text",
    nullable: true,
    identity: true,
    max: 100,
    validation: "text",
    segment: {},
    export: { header: "last_name" },
    import: { synonyms: ["lastname", "surname", "familyname", "last"] },
  },
  {
    key: "gender",
    label: "Gender",
    family: "DEMOGRAPHIC",
    kind: "text",
    nullable: true,
    max: 60,
    validation: "text",
    suggestions: ["female", "male", "non-binary", "unspecified"],
    segment: {},
    list: { position: 3, header: "Gender", display: "humanized", hidden: true },
    export: { header: "gender" },
    import: { synonyms: ["gender", "sex"] },
  },
  {
    key: "birthDate",
    label: "Birth date",
    family: "DEMOGRAPHIC",
    kind: "date",
    nullable: true,
    validation: "birthDate",
    segment: { dateStorage: "date" },
    export: { header: "birth_date" },
    import: { synonyms: ["birthdate", "dateofbirth", "dob", "birthday"] },
  },
  {
    key: "annualIncome",
    label: "Annual income",
    family: "DEMOGRAPHIC",
    kind: "money",
    nullable: true,
    validation: "money",
    segment: {},
    list: { position: 9, header: "Income", display: "amount", sort: "value", descFirst: true },
    export: { header: "annual_income" },
    import: { synonyms: ["annualincome", "income", "yearlyincome", "salary"], kind: "positiveMoney" },
  },
  {
    key: "occupation",
    label: "Occupation",
    family: "DEMOGRAPHIC",
    kind: "text",
    nullable: true,
    max: 100,
    validation: "text",
    segment: {},
    list: { position: 4, header: "Occupation", display: "text", hidden: true },
    export: { header: "occupation" },
    import: { synonyms: ["occupation", "job", "jobtitle", "profession", "title"] },
  },
  {
    key: "country",
    label: "Country",
    family: "GEOGRAPHIC",
    kind: "country",
    nullable: true,
    validation: "country",
    segment: {},
    list: { position: 5, header: "Country", display: "country", sort: "value" },
    export: { header: "country" },
    import: { synonyms: ["country", "countrycode", "nation"] },
  },
  {
    key: "region",
    label: "Region",
    family: "GEOGRAPHIC",
    kind: "text",
    nullable: true,
    max: 100,
    validation: "text",
    segment: {},
    list: { position: 6, header: "Region", display: "text", hidden: true },
    export: { header: "region" },
    import: { synonyms: ["region", "state", "province", "stateregion", "county"] },
  },
  {
    key: "city",
    label: "City",
    family: "GEOGRAPHIC",
    kind: "text",
    nullable: true,
    max: 100,
    validation: "text",
    segment: {},
    list: { position: 7, header: "City", display: "text", sort: "lower", hidden: true },
    export: { header: "city" },
    import: { synonyms: ["city", "town", "locality"] },
  },
  {
    key: "industry",
    label: "Industry",
    family: "FIRMOGRAPHIC",
    kind: "text",
    nullable: true,
    max: 100,
    validation: "text",
    suggestions: [],
    segment: {},
    list: { position: 10, header: "Industry", display: "text", sort: "lower", hidden: true },
    export: { header: "industry" },
    import: { synonyms: ["industry", "sector", "vertical"] },
  },
  {
    key: "companySize",
    label: "Company size",
    family: "FIRMOGRAPHIC",
    kind: "integer",
    nullable: true,
    validation: "employees",
    segment: {},
    list: { position: 11, header: "Company size", display: "count", sort: "value", descFirst: true, hidden: true },
    export: { header: "company_size" },
    import: { synonyms: ["companysize", "employees", "numberofemployees", "headcount", "employeecount"] },
  },
  {
    key: "lifecycleStage",
    label: "Lifecycle stage",
    family: "BEHAVIORAL",
    kind: "text",
    nullable: true,
    max: 60,
    validation: "text",
    suggestions: ["lead", "prospect", "customer", "repeat", "churned"],
    segment: { label: "Lifecycle stage (imported)" },
    list: { position: 8, header: "Lifecycle", display: "stage", sort: "lower" },
    export: { header: "lifecycle_stage" },
    import: { synonyms: ["lifecyclestage", "lifecycle", "stage", "customerstage"] },
  },
  {
    key: "acquisitionChannel",
    label: "Acquisition channel",
    family: "BEHAVIORAL",
    kind: "text",
    nullable: true,
    max: 60,
    validation: "text",
    suggestions: ["organic_search", "paid_search", "social", "email", "referral", "direct", "partner"],
    segment: {},
    list: { position: 12, header: "Channel", display: "humanized", sort: "lower", hidden: true },
    export: { header: "acquisition_channel" },
    import: { synonyms: ["acquisitionchannel", "source", "channel", "leadsource", "utmsource"] },
  },
  {
    key: "emailOptIn",
    label: "E-mail opt-in",
    family: "BEHAVIORAL",
    kind: "boolean",
    nullable: false,
    validation: "boolean",
    segment: { label: "Email opt-in" },
    list: { position: 13, header: "Opt-in", display: "check", hidden: true },
    export: { header: "email_opt_in" },
    import: { synonyms: ["emailoptin", "optin", "marketingoptin", "subscribed", "newsletter", "consent"] },
  },
  {
    key: "firstSeenAt",
    label: "First seen",
    family: "BEHAVIORAL",
    kind: "datetime",
    nullable: true,
    readOnly: true,
    segment: { dateStorage: "timestamptz" },
    export: { header: "first_seen_at" },
    import: {
      synonyms: ["firstseenat", "firstseen", "signupdate", "signedup", "createdat", "registered", "registrationdate", "customersince", "joined"],
    },
  },
  {
    key: "createdAt",
    label: "Added",
    family: "BEHAVIORAL",
    kind: "datetime",
    nullable: false,
    readOnly: true,
    segment: { dateStorage: "timestamp" },
    list: { position: 14, header: "Added", display: "date", sort: "value", descFirst: true },
    export: { header: "created_at", trailing: true },
  },
  {
    key: "updatedAt",
    label: "Last updated",
    family: "BEHAVIORAL",
    kind: "datetime",
    nullable: false,
    readOnly: true,
    segment: false,
    export: { header: "updated_at", trailing: true },
  },
  {
    key: "interests",
    label: "Interests",
    family: "PSYCHOGRAPHIC",
    kind: "tags",
    nullable: false,
    validation: "tags",
    segment: {},
    export: { header: "interests" },
    import: { synonyms: ["interests", "interest", "hobbies"] },
  },
  {
    key: "needs",
    label: "Needs",
    family: "NEEDS",
    kind: "tags",
    nullable: false,
    validation: "tags",
    segment: {},
    export: { header: "needs" },
    import: { synonyms: ["needs", "need", "painpoints"] },
  },
  {
    key: "technologies",
    label: "Technologies",
    family: "TECHNOGRAPHIC",
    kind: "tags",
    nullable: false,
    validation: "tags",
    segment: {},
    export: { header: "technologies" },
    import: { synonyms: ["technologies", "technology", "techstack", "tools", "stack"] },
  },
] as const satisfies readonly FieldDeclaration[];

export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export type CustomerFieldKey = CustomerField["key"];

/** Fields the customer form edits (they carry a validation rule). */
export type EditableField = Extract<CustomerField, { validation: FieldValidation }>;
export type EditableFieldKey = EditableField["key"];
/** Fields in the segment catalog. */
export type SegmentFieldKey = Exclude<CustomerField, { segment: false }>["key"];
/** Columns of the customers list besides the name. */
export type ListField = Extract<CustomerField, { list: object }>;
export type ListFieldKey = ListField["key"];
/** Sortable list columns. */
export type SortableFieldKey = Extract<ListField, { list: { sort: "value" | "lower" } }>["key"];
/** Fields with suggested values in the form. */
export type SuggestionFieldKey = Extract<CustomerField, { suggestions: readonly string[] }>["key"];

/** The registry as plain declarations (loses the literal types, keeps every optional property visible). */
export const FIELD_DECLARATIONS: readonly FieldDeclaration[] = CUSTOMER_FIELDS;

export function isEditable(field: FieldDeclaration): field is FieldDeclaration & { validation: FieldValidation } {
  return field.validation !== undefined;
}

export const EDITABLE_FIELDS = FIELD_DECLARATIONS.filter(isEditable);

/** List columns in display order. */
export const LIST_FIELDS = FIELD_DECLARATIONS.filter((f) => f.list).sort((a, b) => a.list!.position - b.list!.position) as readonly (FieldDeclaration & {
  key: ListFieldKey;
  list: NonNullable<FieldDeclaration["list"]>;
})[];

/** Keys of sortable list fields in registry order. */
export const SORTABLE_FIELD_KEYS = FIELD_DECLARATIONS.filter((f) => f.list?.sort).map((f) => f.key) as SortableFieldKey[];

export const SUGGESTION_FIELD_KEYS = FIELD_DECLARATIONS.filter((f) => f.suggestions).map((f) => f.key) as SuggestionFieldKey[];

export function fieldDeclaration(key: string): FieldDeclaration | undefined {
  return FIELD_DECLARATIONS.find((f) => f.key === key);
}
