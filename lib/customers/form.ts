import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";
import { traitInputValue, traitsObject } from "@/lib/customers/traits";
import type { CustomerRow } from "@/lib/customers/record";

/** What the customer form holds: text as typed, so nothing is lost while someone edits. */
export type CustomerFormState = {
  externalId: string;
  email: string;
  firstName: string;
  lastName: string;
  gender: string;
  birthDate: string;
  annualIncome: string;
  occupation: string;
  country: string;
  region: string;
  city: string;
  industry: string;
  companySize: string;
  lifecycleStage: string;
  acquisitionChannel: string;
  emailOptIn: boolean;
  interests: string;
  needs: string;
  technologies: string;
  traits: Record<string, string>;
};

export type FormTrait = { key: string; label: string; type: TraitType; family: AttributeFamily };

type StoredCustomer = Omit<CustomerRow, "id" | "firstSeenAt" | "createdAt" | "updatedAt">;

/** The form's starting values: blank for a new customer, the stored values for an edit. */
export function customerFormState(customer: StoredCustomer | null, traits: readonly FormTrait[]): CustomerFormState {
  const stored = traitsObject(customer?.traits);
  return {
    externalId: customer?.externalId ?? "",
    email: customer?.email ?? "",
    firstName: customer?.firstName ?? "",
    lastName: customer?.lastName ?? "",
    gender: customer?.gender ?? "",
    birthDate: customer?.birthDate ? customer.birthDate.toISOString().slice(0, 10) : "",
    annualIncome: customer?.annualIncome ? customer.annualIncome.toString() : "",
    occupation: customer?.occupation ?? "",
    country: customer?.country ?? "",
    region: customer?.region ?? "",
    city: customer?.city ?? "",
    industry: customer?.industry ?? "",
    companySize: customer?.companySize === null || customer?.companySize === undefined ? "" : String(customer.companySize),
    lifecycleStage: customer?.lifecycleStage ?? "",
    acquisitionChannel: customer?.acquisitionChannel ?? "",
    emailOptIn: customer?.emailOptIn ?? false,
    interests: (customer?.interests ?? []).join(", "),
    needs: (customer?.needs ?? []).join(", "),
    technologies: (customer?.technologies ?? []).join(", "),
    traits: Object.fromEntries(traits.map((t) => [t.key, traitInputValue(t.type, stored[t.key])])),
  };
}

/** Suggested values offered while typing (the workspace's own values come first). */
export const DEFAULT_SUGGESTIONS = {
  gender: ["female", "male", "non-binary", "unspecified"],
  lifecycleStage: ["lead", "prospect", "customer", "repeat", "churned"],
  acquisitionChannel: ["organic_search", "paid_search", "social", "email", "referral", "direct", "partner"],
  industry: [] as string[],
};

export type SuggestionField = keyof typeof DEFAULT_SUGGESTIONS;
