/**
 * Demo data for the "Acme Outdoor Co." workspace: customers, orders, events and custom traits,
 * generated from a seed. Pure: no database, no clock (the caller passes `now`), no Math.random, so
 * the same options always give the same data.
 *
 * The shapes are plain objects ready for `createMany`. Orders and events name their customer by
 * `customerExternalId`; the seeder maps that to the database id.
 *
 * E-mail addresses use the reserved example domains (RFC 2606), so nothing in the demo can ever
 * reach a real inbox.
 */
import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";
import { createRng, type Rng, type Weighted } from "@/lib/demo/random";

// ---------------------------------------------------------------------------------------------
// Public shapes and constants

export const DEMO_NOW = new Date("2026-11-01T00:00:00.000Z");
/** Customers are first seen, and orders placed, within this many days before `now`. */
export const DEMO_HISTORY_DAYS = 730;
/** A customer whose last order is older than this is `churned`. */
export const CHURN_AFTER_DAYS = 180;

export const GENDERS = ["female", "male", "non-binary", "unspecified"] as const;
export const COUNTRY_CODES = ["US", "GB", "DE", "FR", "CA", "AU", "NL", "ES", "IT", "SE", "BR", "IN", "JP"] as const;
export const DEMO_LIFECYCLE_STAGES = ["lead", "prospect", "customer", "repeat", "churned"] as const;
export const ACQUISITION_CHANNELS = [
  "organic_search",
  "paid_search",
  "social",
  "email",
  "referral",
  "direct",
  "partner",
] as const;
export const INTERESTS = [
  "fitness",
  "travel",
  "cooking",
  "gaming",
  "sustainability",
  "fashion",
  "tech",
  "outdoors",
  "finance",
  "parenting",
  "music",
  "art",
] as const;
export const NEEDS = [
  "price",
  "quality",
  "convenience",
  "speed",
  "support",
  "sustainability",
  "customization",
  "security",
] as const;
export const TECHNOLOGIES = [
  "shopify",
  "salesforce",
  "hubspot",
  "wordpress",
  "stripe",
  "slack",
  "aws",
  "ios",
  "android",
  "windows",
  "macos",
] as const;
export const ORDER_CATEGORIES = ["electronics", "apparel", "home", "beauty", "sports", "books", "grocery"] as const;
export const ORDER_CHANNELS = ["web", "mobile_app", "store", "marketplace"] as const;
export const EVENT_NAMES = [
  "page_view",
  "email_open",
  "email_click",
  "cart_abandoned",
  "support_ticket",
  "app_login",
  "webinar_attended",
] as const;
export const LOYALTY_TIERS = ["bronze", "silver", "gold", "platinum"] as const;
export const NEWSLETTER_TOPICS = [
  "new_arrivals",
  "deals",
  "how_to_guides",
  "sustainability",
  "events",
  "product_updates",
] as const;

export type Gender = (typeof GENDERS)[number];
export type CountryCode = (typeof COUNTRY_CODES)[number];
export type DemoLifecycleStage = (typeof DEMO_LIFECYCLE_STAGES)[number];
export type AcquisitionChannel = (typeof ACQUISITION_CHANNELS)[number];
export type Interest = (typeof INTERESTS)[number];
export type Need = (typeof NEEDS)[number];
export type Technology = (typeof TECHNOLOGIES)[number];
export type OrderCategory = (typeof ORDER_CATEGORIES)[number];
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
export type EventName = (typeof EVENT_NAMES)[number];
export type LoyaltyTier = (typeof LOYALTY_TIERS)[number];
export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number];

export type DemoTraitDefinition = { key: string; label: string; type: TraitType; family: AttributeFamily };

export const DEMO_TRAIT_DEFINITIONS: readonly DemoTraitDefinition[] = [
  { key: "loyalty_tier", label: "Loyalty tier", type: "TEXT", family: "VALUE" },
  { key: "nps_score", label: "NPS score", type: "NUMBER", family: "PSYCHOGRAPHIC" },
  { key: "newsletter_topics", label: "Newsletter topics", type: "TAGS", family: "NEEDS" },
  { key: "has_mobile_app", label: "Has the mobile app", type: "BOOLEAN", family: "TECHNOGRAPHIC" },
];

export type DemoTraits = {
  loyalty_tier: LoyaltyTier;
  /** 0–10; only customers who answered the survey. */
  nps_score?: number;
  /** Only customers who opted in to e-mail. */
  newsletter_topics?: NewsletterTopic[];
  has_mobile_app: boolean;
};

export type DemoCustomer = {
  externalId: string;
  email: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  /** UTC midnight. */
  birthDate: Date;
  /** Yearly, USD-equivalent, whole hundreds; null when not disclosed. */
  annualIncome: number | null;
  occupation: string;
  country: CountryCode;
  region: string;
  city: string;
  industry: string | null;
  companySize: number | null;
  lifecycleStage: DemoLifecycleStage;
  acquisitionChannel: AcquisitionChannel;
  emailOptIn: boolean;
  firstSeenAt: Date;
  interests: Interest[];
  needs: Need[];
  technologies: Technology[];
  traits: DemoTraits;
};

export type DemoOrder = {
  externalId: string;
  customerExternalId: string;
  orderedAt: Date;
  /** Order total in dollars, rounded to cents. */
  amount: number;
  currency: "USD";
  category: OrderCategory;
  channel: OrderChannel;
  quantity: number;
};

export type DemoEvent = {
  customerExternalId: string;
  name: EventName;
  occurredAt: Date;
  properties: Record<string, string | number | boolean>;
};

export type DemoData = {
  seed: number;
  now: Date;
  traitDefinitions: DemoTraitDefinition[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
  events: DemoEvent[];
};

export type GenerateDemoOptions = {
  seed?: number;
  /** Number of customers (orders and events scale with it: about 5 and 3 per customer). */
  customers?: number;
  now?: Date;
};

// ---------------------------------------------------------------------------------------------
// Reference lists

export type Place = readonly [region: string, city: string];
export type CountryProfile = {
  weight: number;
  /** Income relative to the US, for the same occupation. */
  incomeFactor: number;
  places: Weighted<Place>;
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
};

/** Per country: regions with their cities, name lists and relative income. */
export const COUNTRIES: Record<CountryCode, CountryProfile> = {
  US: {
    weight: 34,
    incomeFactor: 1,
    places: [
      [["California", "Los Angeles"], 8],
      [["California", "San Francisco"], 5],
      [["California", "San Diego"], 3],
      [["New York", "New York"], 9],
      [["New York", "Buffalo"], 1],
      [["Texas", "Austin"], 4],
      [["Texas", "Houston"], 4],
      [["Texas", "Dallas"], 4],
      [["Illinois", "Chicago"], 5],
      [["Washington", "Seattle"], 4],
      [["Colorado", "Denver"], 4],
      [["Colorado", "Boulder"], 2],
      [["Florida", "Miami"], 3],
      [["Florida", "Orlando"], 2],
      [["Massachusetts", "Boston"], 4],
      [["Georgia", "Atlanta"], 3],
      [["Oregon", "Portland"], 3],
      [["Utah", "Salt Lake City"], 2],
      [["Minnesota", "Minneapolis"], 2],
    ],
    female: ["Emily", "Olivia", "Madison", "Sarah", "Jessica", "Ashley", "Hannah", "Abigail", "Megan", "Lauren", "Brianna", "Kayla", "Rachel", "Jennifer", "Ava", "Grace"],
    male: ["James", "Michael", "Ethan", "Tyler", "Christopher", "Daniel", "Matthew", "Andrew", "Joshua", "Ryan", "Brandon", "Justin", "Noah", "Jacob", "David", "Kevin"],
    last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Hernandez", "Lopez", "Nguyen", "Kim"],
  },
  GB: {
    weight: 12,
    incomeFactor: 0.78,
    places: [
      [["England", "London"], 12],
      [["England", "Manchester"], 4],
      [["England", "Bristol"], 3],
      [["England", "Leeds"], 3],
      [["England", "Birmingham"], 3],
      [["Scotland", "Edinburgh"], 3],
      [["Scotland", "Glasgow"], 2],
      [["Wales", "Cardiff"], 2],
      [["Northern Ireland", "Belfast"], 1],
    ],
    female: ["Amelia", "Isla", "Poppy", "Charlotte", "Sophie", "Freya", "Imogen", "Eleanor", "Harriet", "Chloe", "Lucy", "Niamh"],
    male: ["Oliver", "George", "Harry", "Jack", "Alfie", "Charlie", "Thomas", "William", "Callum", "Rhys", "Finlay", "Oscar"],
    last: ["Smith", "Jones", "Taylor", "Brown", "Evans", "Wilson", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Edwards", "Green", "Hall", "Wood", "Campbell", "MacDonald", "Patel", "O'Neill", "Clarke"],
  },
  DE: {
    weight: 9,
    incomeFactor: 0.82,
    places: [
      [["Berlin", "Berlin"], 6],
      [["Bavaria", "Munich"], 5],
      [["Bavaria", "Nuremberg"], 2],
      [["Hamburg", "Hamburg"], 4],
      [["North Rhine-Westphalia", "Cologne"], 3],
      [["North Rhine-Westphalia", "Düsseldorf"], 2],
      [["Hesse", "Frankfurt am Main"], 3],
      [["Baden-Württemberg", "Stuttgart"], 3],
      [["Saxony", "Leipzig"], 2],
    ],
    female: ["Lena", "Anna", "Lea", "Hannah", "Laura", "Julia", "Katharina", "Sophie", "Jana", "Sabine", "Miriam", "Jülide"],
    male: ["Lukas", "Jonas", "Felix", "Maximilian", "Leon", "Paul", "Tobias", "Stefan", "Florian", "Jan", "Matthias", "Jürgen"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun", "Zimmermann", "Krüger", "Yılmaz"],
  },
  FR: {
    weight: 7,
    incomeFactor: 0.72,
    places: [
      [["Île-de-France", "Paris"], 9],
      [["Auvergne-Rhône-Alpes", "Lyon"], 4],
      [["Auvergne-Rhône-Alpes", "Grenoble"], 2],
      [["Provence-Alpes-Côte d'Azur", "Marseille"], 3],
      [["Provence-Alpes-Côte d'Azur", "Nice"], 2],
      [["Occitanie", "Toulouse"], 3],
      [["Nouvelle-Aquitaine", "Bordeaux"], 3],
      [["Hauts-de-France", "Lille"], 2],
      [["Pays de la Loire", "Nantes"], 2],
    ],
    female: ["Camille", "Léa", "Manon", "Chloé", "Inès", "Juliette", "Émilie", "Sarah", "Clémence", "Margaux", "Océane", "Amandine"],
    male: ["Lucas", "Hugo", "Louis", "Théo", "Nathan", "Julien", "Antoine", "Maxime", "Thomas", "Nicolas", "Mathieu", "Karim"],
    last: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fontaine", "Rousseau", "Benali"],
  },
  CA: {
    weight: 7,
    incomeFactor: 0.84,
    places: [
      [["Ontario", "Toronto"], 8],
      [["Ontario", "Ottawa"], 3],
      [["Quebec", "Montreal"], 5],
      [["Quebec", "Quebec City"], 2],
      [["British Columbia", "Vancouver"], 5],
      [["British Columbia", "Victoria"], 1],
      [["Alberta", "Calgary"], 3],
      [["Alberta", "Edmonton"], 2],
      [["Nova Scotia", "Halifax"], 1],
    ],
    female: ["Emma", "Olivia", "Charlotte", "Chloé", "Maya", "Avery", "Sophie", "Élodie", "Jasmine", "Leah", "Zoë", "Harpreet"],
    male: ["Liam", "Noah", "Benjamin", "William", "Logan", "Félix", "Gabriel", "Owen", "Nathan", "Samuel", "Arjun", "Mathis"],
    last: ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Smith", "Brown", "Wilson", "MacDonald", "Campbell", "Anderson", "Gill", "Chen", "Wong", "Martin", "Leblanc", "Singh", "Fraser"],
  },
  AU: {
    weight: 5,
    incomeFactor: 0.88,
    places: [
      [["New South Wales", "Sydney"], 7],
      [["Victoria", "Melbourne"], 6],
      [["Queensland", "Brisbane"], 4],
      [["Western Australia", "Perth"], 3],
      [["South Australia", "Adelaide"], 2],
      [["Australian Capital Territory", "Canberra"], 1],
      [["Tasmania", "Hobart"], 1],
    ],
    female: ["Charlotte", "Isla", "Matilda", "Ruby", "Mia", "Chloe", "Sienna", "Zara", "Georgia", "Tahlia", "Emily", "Jessica"],
    male: ["Oliver", "Jack", "Lachlan", "Cooper", "Hunter", "Riley", "Mitchell", "Harrison", "Flynn", "Angus", "Liam", "Thomas"],
    last: ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson", "Martin", "White", "Anderson", "Walker", "Kelly", "Ryan", "Murphy", "Chen", "Harris", "O'Brien"],
  },
  NL: {
    weight: 4,
    incomeFactor: 0.84,
    places: [
      [["North Holland", "Amsterdam"], 6],
      [["North Holland", "Haarlem"], 1],
      [["South Holland", "Rotterdam"], 4],
      [["South Holland", "The Hague"], 3],
      [["Utrecht", "Utrecht"], 3],
      [["North Brabant", "Eindhoven"], 2],
      [["Groningen", "Groningen"], 1],
    ],
    female: ["Sanne", "Lotte", "Fleur", "Anouk", "Femke", "Iris", "Sophie", "Eva", "Noor", "Marieke", "Esther", "Yasmina"],
    male: ["Daan", "Sem", "Lars", "Bram", "Thijs", "Ruben", "Jesse", "Joris", "Pieter", "Sven", "Niels", "Mohamed"],
    last: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "El Amrani"],
  },
  ES: {
    weight: 4,
    incomeFactor: 0.58,
    places: [
      [["Community of Madrid", "Madrid"], 7],
      [["Catalonia", "Barcelona"], 6],
      [["Valencian Community", "Valencia"], 3],
      [["Andalusia", "Seville"], 2],
      [["Andalusia", "Málaga"], 2],
      [["Basque Country", "Bilbao"], 2],
      [["Aragon", "Zaragoza"], 1],
    ],
    female: ["Lucía", "María", "Paula", "Sofía", "Carmen", "Laura", "Marta", "Elena", "Alba", "Claudia", "Irene", "Nerea"],
    male: ["Hugo", "Pablo", "Alejandro", "Daniel", "Javier", "Sergio", "Adrián", "Álvaro", "Diego", "Jorge", "Carlos", "Iker"],
    last: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero"],
  },
  IT: {
    weight: 4,
    incomeFactor: 0.6,
    places: [
      [["Lombardy", "Milan"], 6],
      [["Lazio", "Rome"], 6],
      [["Piedmont", "Turin"], 3],
      [["Tuscany", "Florence"], 2],
      [["Campania", "Naples"], 3],
      [["Emilia-Romagna", "Bologna"], 2],
      [["Veneto", "Verona"], 1],
    ],
    female: ["Giulia", "Sofia", "Aurora", "Alice", "Chiara", "Francesca", "Martina", "Sara", "Elisa", "Valentina", "Federica", "Beatrice"],
    male: ["Leonardo", "Francesco", "Alessandro", "Lorenzo", "Matteo", "Andrea", "Marco", "Luca", "Giuseppe", "Davide", "Riccardo", "Niccolò"],
    last: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Lombardi"],
  },
  SE: {
    weight: 3,
    incomeFactor: 0.76,
    places: [
      [["Stockholm County", "Stockholm"], 6],
      [["Västra Götaland", "Gothenburg"], 3],
      [["Skåne", "Malmö"], 2],
      [["Uppsala County", "Uppsala"], 1],
      [["Västerbotten", "Umeå"], 1],
    ],
    female: ["Alice", "Maja", "Elsa", "Astrid", "Ebba", "Wilma", "Saga", "Linnea", "Ingrid", "Klara", "Frida", "Amira"],
    male: ["William", "Lucas", "Oscar", "Elias", "Hugo", "Erik", "Axel", "Gustav", "Anton", "Viktor", "Johan", "Björn"],
    last: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Lindberg", "Lindström", "Berg", "Åberg", "Holm", "Sjöberg"],
  },
  BR: {
    weight: 4,
    incomeFactor: 0.3,
    places: [
      [["São Paulo", "São Paulo"], 8],
      [["São Paulo", "Campinas"], 2],
      [["Rio de Janeiro", "Rio de Janeiro"], 5],
      [["Minas Gerais", "Belo Horizonte"], 3],
      [["Paraná", "Curitiba"], 2],
      [["Rio Grande do Sul", "Porto Alegre"], 2],
      [["Santa Catarina", "Florianópolis"], 1],
    ],
    female: ["Ana", "Maria", "Júlia", "Beatriz", "Larissa", "Fernanda", "Camila", "Gabriela", "Letícia", "Mariana", "Luana", "Isabela"],
    male: ["João", "Pedro", "Lucas", "Gabriel", "Rafael", "Matheus", "Guilherme", "Felipe", "Bruno", "Thiago", "Rodrigo", "Caio"],
    last: ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Araújo", "Barbosa", "Nakamura"],
  },
  IN: {
    weight: 4,
    incomeFactor: 0.16,
    places: [
      [["Maharashtra", "Mumbai"], 6],
      [["Maharashtra", "Pune"], 3],
      [["Karnataka", "Bengaluru"], 6],
      [["Delhi", "New Delhi"], 5],
      [["Tamil Nadu", "Chennai"], 3],
      [["Telangana", "Hyderabad"], 4],
      [["West Bengal", "Kolkata"], 2],
    ],
    female: ["Priya", "Ananya", "Aditi", "Kavya", "Sneha", "Pooja", "Neha", "Divya", "Ishita", "Meera", "Lakshmi", "Riya"],
    male: ["Aarav", "Vivaan", "Rahul", "Arjun", "Rohan", "Vikram", "Amit", "Karthik", "Siddharth", "Aditya", "Sanjay", "Nikhil"],
    last: ["Sharma", "Verma", "Patel", "Gupta", "Singh", "Kumar", "Reddy", "Iyer", "Nair", "Rao", "Mehta", "Joshi", "Chatterjee", "Banerjee", "Das", "Kapoor", "Menon", "Desai"],
  },
  JP: {
    weight: 2,
    incomeFactor: 0.68,
    places: [
      [["Tokyo", "Tokyo"], 8],
      [["Osaka", "Osaka"], 4],
      [["Kanagawa", "Yokohama"], 3],
      [["Aichi", "Nagoya"], 2],
      [["Fukuoka", "Fukuoka"], 2],
      [["Hokkaido", "Sapporo"], 2],
      [["Kyoto", "Kyoto"], 1],
    ],
    female: ["Yui", "Sakura", "Haruka", "Aoi", "Yuna", "Mei", "Rin", "Misaki", "Nanami", "Ayaka", "Emi", "Kaori"],
    male: ["Haruto", "Sota", "Yuto", "Ren", "Takumi", "Hiroshi", "Kenji", "Daiki", "Shota", "Riku", "Kaito", "Takeshi"],
    last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura"],
  },
};

type Occupation = {
  title: string;
  weight: number;
  /** US median; null when the occupation has no income of its own. */
  medianIncome: number | null;
  minAge: number;
  maxAge: number;
  /** Share of people in this occupation who buy for a business (firmographics filled in). */
  b2b: number;
  industries: readonly string[];
  /** Small-company people (owners, freelancers) never work at a 5,000-person firm. */
  smallCompany?: boolean;
  techSavvy?: boolean;
};

const OCCUPATIONS: readonly Occupation[] = [
  { title: "Student", weight: 7, medianIncome: 14_000, minAge: 18, maxAge: 29, b2b: 0, industries: [] },
  { title: "Retail Associate", weight: 5, medianIncome: 32_000, minAge: 18, maxAge: 70, b2b: 0.05, industries: ["Retail"] },
  { title: "Teacher", weight: 6, medianIncome: 54_000, minAge: 23, maxAge: 67, b2b: 0.08, industries: ["Education"] },
  { title: "Registered Nurse", weight: 5, medianIncome: 74_000, minAge: 22, maxAge: 67, b2b: 0.08, industries: ["Healthcare"] },
  { title: "Software Engineer", weight: 6, medianIncome: 125_000, minAge: 21, maxAge: 65, b2b: 0.5, industries: ["Software", "Financial Services", "Media", "Retail"], techSavvy: true },
  { title: "Data Analyst", weight: 4, medianIncome: 80_000, minAge: 21, maxAge: 62, b2b: 0.45, industries: ["Software", "Financial Services", "Retail", "Healthcare"], techSavvy: true },
  { title: "Product Manager", weight: 3, medianIncome: 118_000, minAge: 25, maxAge: 62, b2b: 0.6, industries: ["Software", "Media", "Retail"], techSavvy: true },
  { title: "Marketing Manager", weight: 5, medianIncome: 92_000, minAge: 24, maxAge: 64, b2b: 0.65, industries: ["Retail", "Software", "Hospitality", "Media", "Professional Services"] },
  { title: "Sales Representative", weight: 5, medianIncome: 62_000, minAge: 20, maxAge: 65, b2b: 0.55, industries: ["Software", "Manufacturing", "Real Estate", "Logistics"] },
  { title: "Accountant", weight: 4, medianIncome: 72_000, minAge: 22, maxAge: 67, b2b: 0.4, industries: ["Financial Services", "Professional Services"] },
  { title: "Graphic Designer", weight: 3, medianIncome: 56_000, minAge: 20, maxAge: 62, b2b: 0.3, industries: ["Media", "Professional Services"], techSavvy: true },
  { title: "Small Business Owner", weight: 5, medianIncome: 82_000, minAge: 24, maxAge: 75, b2b: 0.85, industries: ["Retail", "Hospitality", "Professional Services", "Construction"], smallCompany: true },
  { title: "Operations Manager", weight: 4, medianIncome: 90_000, minAge: 26, maxAge: 65, b2b: 0.6, industries: ["Logistics", "Manufacturing", "Retail"] },
  { title: "Electrician", weight: 3, medianIncome: 60_000, minAge: 19, maxAge: 67, b2b: 0.15, industries: ["Construction"] },
  { title: "Chef", weight: 2, medianIncome: 46_000, minAge: 19, maxAge: 65, b2b: 0.2, industries: ["Hospitality"] },
  { title: "Physician", weight: 2, medianIncome: 215_000, minAge: 28, maxAge: 75, b2b: 0.08, industries: ["Healthcare"] },
  { title: "Lawyer", weight: 2, medianIncome: 150_000, minAge: 26, maxAge: 75, b2b: 0.35, industries: ["Professional Services"] },
  { title: "Consultant", weight: 3, medianIncome: 108_000, minAge: 24, maxAge: 72, b2b: 0.7, industries: ["Professional Services", "Financial Services"] },
  { title: "Executive", weight: 2, medianIncome: 235_000, minAge: 32, maxAge: 75, b2b: 0.8, industries: ["Software", "Manufacturing", "Financial Services", "Retail"] },
  { title: "Freelancer", weight: 3, medianIncome: 50_000, minAge: 20, maxAge: 72, b2b: 0.4, industries: ["Media", "Professional Services", "Software"], smallCompany: true },
  { title: "Civil Servant", weight: 3, medianIncome: 60_000, minAge: 22, maxAge: 67, b2b: 0.1, industries: ["Public Sector"] },
  { title: "Outdoor Guide", weight: 1, medianIncome: 42_000, minAge: 20, maxAge: 65, b2b: 0.3, industries: ["Hospitality", "Education"], smallCompany: true },
  { title: "Homemaker", weight: 2, medianIncome: null, minAge: 22, maxAge: 80, b2b: 0, industries: [] },
  { title: "Retired", weight: 7, medianIncome: 40_000, minAge: 62, maxAge: 80, b2b: 0, industries: [] },
];

/** Company size buckets (employees). */
const COMPANY_SIZES: Weighted<readonly [number, number]> = [
  [[1, 10], 32],
  [[11, 50], 25],
  [[51, 200], 18],
  [[201, 1000], 13],
  [[1001, 10_000], 9],
  [[10_001, 80_000], 3],
];

const COMPANY_FIRST = ["north", "blue", "summit", "bright", "atlas", "pine", "river", "nova", "apex", "cedar", "harbor", "iron", "silver", "maple", "granite", "copper", "lumen", "orbit"];
const COMPANY_SECOND = ["labs", "works", "systems", "logistics", "health", "retail", "studio", "partners", "foods", "capital", "digital", "supply", "group", "outfitters"];
const CONSUMER_DOMAINS: Weighted<string> = [
  ["example.com", 6],
  ["example.net", 3],
  ["example.org", 1],
];

const CATEGORY_PRICE: Record<OrderCategory, { median: number; sigma: number; bulky: boolean }> = {
  electronics: { median: 150, sigma: 0.75, bulky: false },
  apparel: { median: 52, sigma: 0.5, bulky: false },
  home: { median: 58, sigma: 0.65, bulky: false },
  beauty: { median: 26, sigma: 0.45, bulky: true },
  sports: { median: 64, sigma: 0.6, bulky: false },
  books: { median: 18, sigma: 0.4, bulky: true },
  grocery: { median: 30, sigma: 0.45, bulky: true },
};
const CATEGORY_BASE: Record<OrderCategory, number> = {
  electronics: 10,
  apparel: 20,
  home: 14,
  beauty: 9,
  sports: 18,
  books: 8,
  grocery: 12,
};
const INTEREST_CATEGORY: Record<Interest, Partial<Record<OrderCategory, number>>> = {
  fitness: { sports: 3, apparel: 1.5 },
  travel: { apparel: 1.5, electronics: 1.2, books: 1.2 },
  cooking: { home: 2.5, grocery: 3 },
  gaming: { electronics: 3 },
  sustainability: { grocery: 1.3, home: 1.3 },
  fashion: { apparel: 3, beauty: 2.5 },
  tech: { electronics: 3 },
  outdoors: { sports: 3, apparel: 2 },
  finance: { books: 1.5 },
  parenting: { home: 2, grocery: 2, apparel: 1.3 },
  music: { electronics: 1.5, books: 1.2 },
  art: { books: 2, home: 1.5 },
};

const PRODUCT_SLUGS: Record<OrderCategory, readonly string[]> = {
  electronics: ["trail-gps-watch", "solar-power-bank", "action-camera-4k", "wireless-earbuds", "headlamp-pro"],
  apparel: ["merino-base-layer", "rain-shell-jacket", "down-vest", "hiking-pants", "wool-socks-3-pack"],
  home: ["camp-cookset", "insulated-bottle", "hammock-lite", "enamel-mug", "cedar-candle"],
  beauty: ["mineral-sunscreen-spf50", "lip-balm-trio", "after-sun-gel", "travel-soap-bar"],
  sports: ["trekking-poles", "climbing-harness", "yoga-mat-cork", "trail-running-shoes", "daypack-28l"],
  books: ["national-parks-guide", "the-long-trail", "backcountry-cooking", "map-and-compass"],
  grocery: ["trail-mix-bulk", "freeze-dried-meals", "cold-brew-coffee", "energy-bar-box"],
};
const BLOG_SLUGS = ["layering-guide", "best-day-hikes", "leave-no-trace", "winter-camping-checklist", "gear-repair-basics"];
const WEBINAR_TITLES = [
  "Layering 101 for Cold-Weather Hikes",
  "Trail Running Basics",
  "Packing Light for Long Trips",
  "Gear Care and Repair",
  "Sustainable Materials Explained",
  "Wholesale Program Q&A",
  "Team Offsites Outdoors",
];
const SUPPORT_TOPICS: Weighted<string> = [
  ["shipping", 30],
  ["returns", 25],
  ["product_question", 20],
  ["billing", 10],
  ["account", 10],
  ["warranty", 5],
];
const APP_VERSIONS = ["4.8.2", "4.9.0", "4.9.1", "5.0.0", "5.0.3", "5.1.0"];

/** Share of customers first seen before the two-year window. */
const ESTABLISHED_SHARE = 0.15;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const YEAR = 365.2425 * DAY;

// ---------------------------------------------------------------------------------------------
// Generation

type BuyerKind = "none" | "one_time" | "occasional" | "regular" | "loyal";

export function generateDemoData(options: GenerateDemoOptions = {}): DemoData {
  const seed = options.seed ?? 42;
  const customerCount = options.customers ?? 5000;
  const now = new Date((options.now ?? DEMO_NOW).getTime());
  if (!Number.isInteger(customerCount) || customerCount < 0 || customerCount > 999_999) {
    throw new RangeError("customers must be an integer between 0 and 999,999");
  }
  if (Number.isNaN(now.getTime())) throw new RangeError("now must be a valid date");

  const rng = createRng(seed);
  const nowMs = now.getTime();
  const historyStart = nowMs - DEMO_HISTORY_DAYS * DAY;

  // First-seen instants, oldest first, so CUST-000001 is the oldest customer. A fifth of the base
  // predates the two-year window (an established business); the rest arrive over the window, more
  // of them lately (a mix of a uniform and a sqrt draw: the business grows).
  const firstSeen: number[] = [];
  for (let i = 0; i < customerCount; i++) {
    if (rng.chance(ESTABLISHED_SHARE)) {
      firstSeen.push(Math.floor(historyStart - rng.float(1, 2 * 365) * DAY));
    } else {
      const f = rng.chance(0.6) ? rng.next() : Math.sqrt(rng.next());
      firstSeen.push(Math.floor(historyStart + f * (nowMs - 2 * HOUR - historyStart)));
    }
  }
  firstSeen.sort((a, b) => a - b);

  const usedEmails = new Set<string>();
  const customers: DemoCustomer[] = [];
  const orders: Omit<DemoOrder, "externalId">[] = [];
  const events: DemoEvent[] = [];

  for (let i = 0; i < customerCount; i++) {
    const externalId = `CUST-${String(i + 1).padStart(6, "0")}`;
    const firstSeenMs = firstSeen[i] ?? historyStart;

    // Demographic and geographic.
    const countryCode = rng.weighted(COUNTRY_CODES.map((c) => [c, COUNTRIES[c].weight] as const));
    const country = COUNTRIES[countryCode];
    const [region, city] = rng.weighted(country.places);
    const gender = rng.weighted<Gender>([
      ["female", 48],
      ["male", 47],
      ["non-binary", 2],
      ["unspecified", 3],
    ]);
    // Names mostly from the customer's country, some from elsewhere.
    const nameSource = rng.chance(0.12) ? COUNTRIES[rng.pick(COUNTRY_CODES)] : country;
    const firstNames =
      gender === "female" ? nameSource.female : gender === "male" ? nameSource.male : rng.chance(0.5) ? nameSource.female : nameSource.male;
    const firstName = rng.pick(firstNames);
    const lastName = rng.pick(nameSource.last);

    const age = clamp(rng.normal(41, 14), 18.05, 80.9);
    const birthDate = utcMidnight(nowMs - age * YEAR);
    const ageYears = Math.floor(age);

    const occupation = rng.weighted(
      OCCUPATIONS.filter((o) => ageYears >= o.minAge && ageYears <= o.maxAge).map(
        (o) => [o, occupationWeight(o, ageYears)] as const,
      ),
    );
    const annualIncome =
      occupation.medianIncome === null || rng.chance(0.06)
        ? null
        : Math.max(
            3_000,
            Math.round(rng.lognormal(occupation.medianIncome * country.incomeFactor * ageIncomeFactor(ageYears), 0.35) / 100) *
              100,
          );

    // Firmographic (a business-buyer subset).
    const b2b = occupation.industries.length > 0 && rng.chance(occupation.b2b);
    const industry = b2b ? rng.pick(occupation.industries) : null;
    let companySize: number | null = null;
    if (b2b) {
      const buckets = occupation.smallCompany ? COMPANY_SIZES.slice(0, 2) : COMPANY_SIZES;
      const [lo, hi] = rng.weighted(buckets);
      companySize = Math.round(Math.exp(rng.float(Math.log(lo), Math.log(hi + 1))));
      companySize = clamp(companySize, lo, hi);
    }

    // Psychographic, needs, technographic.
    const interests = pickInterests(rng, ageYears, occupation, annualIncome);
    const categoryWeights = categoryWeightsFor(interests);
    const needs = pickNeeds(rng, annualIncome, interests, b2b);
    const technologies = pickTechnologies(rng, b2b, occupation, industry, ageYears);

    const acquisitionChannel = rng.weighted<AcquisitionChannel>([
      ["organic_search", 25],
      ["paid_search", 18],
      ["social", 17 * (ageYears < 30 ? 2 : ageYears > 55 ? 0.5 : 1)],
      ["email", 10 * (b2b ? 1.2 : 1)],
      ["referral", 12 * (b2b ? 1.5 : 1)],
      ["direct", 13 * (ageYears > 55 ? 1.5 : 1)],
      ["partner", 5 * (b2b ? 4 : 1)],
    ]);
    const emailOptIn = rng.chance(acquisitionChannel === "email" ? 0.9 : acquisitionChannel === "referral" ? 0.6 : 0.52);

    // Buying behaviour: how many orders, over which stretch of the customer's tenure.
    // Orders and events are only generated inside the window.
    const windowStartMs = Math.max(firstSeenMs, historyStart);
    const established = firstSeenMs < historyStart;
    const tenureDays = (nowMs - firstSeenMs) / DAY;
    const young = tenureDays < 60 ? 0.3 : 1;
    const kind = rng.weighted<BuyerKind>([
      ["none", 15],
      ["one_time", 27],
      ["occasional", 28],
      ["regular", 18 * young],
      ["loyal", 12 * young],
    ]);
    const hasMobileApp = rng.chance(
      clamp(
        0.12 +
          (technologies.includes("ios") || technologies.includes("android") ? 0.3 : 0) +
          (ageYears < 35 ? 0.12 : ageYears > 60 ? -0.08 : 0) +
          (kind === "regular" || kind === "loyal" ? 0.18 : 0),
        0.02,
        0.95,
      ),
    );

    const customerOrders: Omit<DemoOrder, "externalId">[] = [];
    let activeUntilMs = nowMs;
    if (kind !== "none") {
      let count =
        kind === "one_time"
          ? 1
          : kind === "occasional"
            ? rng.int(2, 4)
            : kind === "regular"
              ? rng.int(5, 14)
              : clamp(Math.round(rng.lognormal(22, 0.35)), 15, 60);
      // The first purchase: often the same day, otherwise days or weeks after first contact. A
      // customer who predates the window was already buying: no first purchase inside it.
      const delay = rng.chance(0.5) ? rng.float(0.05, 8) * HOUR : rng.lognormal(7, 1.1) * DAY;
      let startMs = established ? historyStart : windowStartMs + delay;
      if (startMs >= nowMs - HOUR) startMs = windowStartMs + (nowMs - windowStartMs) * rng.float(0.05, 0.6);
      // Some repeat buyers lapse: their orders stop more than CHURN_AFTER_DAYS before now.
      const lapseLatest = nowMs - (CHURN_AFTER_DAYS + 1) * DAY;
      if ((count > 1 || established) && startMs < lapseLatest - 45 * DAY && rng.chance(0.15)) {
        activeUntilMs = rng.float(startMs + 30 * DAY, lapseLatest);
      }
      const activeDays = (activeUntilMs - startMs) / DAY;
      count = Math.max(1, Math.min(count, Math.floor(activeDays / 6) + 1));

      const priceFactor = Math.pow(clamp((annualIncome ?? 50_000) / 60_000, 0.4, 3), 0.3);
      const times = established ? [] : [startMs];
      while (times.length < count) times.push(seasonalInstant(rng, startMs, activeUntilMs));
      times.sort((a, b) => a - b);
      for (const t of times) {
        const category = rng.weighted(categoryWeights);
        const price = CATEGORY_PRICE[category];
        const unit = Math.max(3, rng.lognormal(price.median * priceFactor, price.sigma));
        const quantity = rng.weighted<number>(
          unit > 250
            ? [[1, 85], [2, 12], [3, 3]]
            : price.bulky
              ? [[1, 35], [2, 30], [3, 18], [4, 10], [5, 7]]
              : [[1, 58], [2, 24], [3, 10], [4, 5], [5, 3]],
        );
        const channel = rng.weighted<OrderChannel>([
          ["web", 50],
          ["mobile_app", hasMobileApp ? 45 : 0],
          ["store", 15 * (ageYears > 55 ? 1.8 : 1)],
          ["marketplace", 10],
        ]);
        customerOrders.push({
          customerExternalId: externalId,
          orderedAt: new Date(Math.floor(t)),
          amount: Math.round(unit * quantity * 100) / 100,
          currency: "USD",
          category,
          channel,
          quantity,
        });
      }
    }
    orders.push(...customerOrders);

    const lastOrderMs = customerOrders.at(-1)?.orderedAt.getTime() ?? null;
    const lifecycleStage: DemoLifecycleStage =
      lastOrderMs === null
        ? rng.chance(emailOptIn ? 0.55 : 0.3)
          ? "prospect"
          : "lead"
        : lastOrderMs < nowMs - CHURN_AFTER_DAYS * DAY
          ? "churned"
          : customerOrders.length === 1
            ? "customer"
            : "repeat";

    // Events: engagement grows with purchases, e-mail consent and the app.
    const engagedOrders = Math.min(customerOrders.length, 20);
    const lambda =
      (lifecycleStage === "lead" ? 0.8 : lifecycleStage === "prospect" ? 2.6 : 1.0 + 0.22 * engagedOrders) +
      (emailOptIn ? 0.8 : 0) +
      (hasMobileApp ? 0.9 : 0) +
      (b2b ? 0.3 : 0);
    const eventCount = rng.poisson(lambda);
    let supportTickets = 0;
    const eventWeights: Weighted<EventName> = [
      ["page_view", 35],
      ["email_open", emailOptIn ? 22 : 0],
      ["email_click", emailOptIn ? 7 : 0],
      ["cart_abandoned", lifecycleStage === "prospect" ? 12 : lifecycleStage === "lead" ? 3 : 7],
      ["support_ticket", customerOrders.length > 0 ? 4 + (b2b ? 2 : 0) : 1],
      ["app_login", hasMobileApp ? 25 : 0],
      ["webinar_attended", b2b ? 6 : 1],
    ];
    const eventEnd = lifecycleStage === "churned" && lastOrderMs !== null ? Math.min(nowMs, lastOrderMs + 45 * DAY) : nowMs;
    for (let k = 0; k < eventCount; k++) {
      const name = rng.weighted(eventWeights);
      // Mostly while the customer is active; e-mail keeps arriving after a customer lapses.
      const end = name === "email_open" || rng.chance(0.2) ? nowMs : eventEnd;
      const occurredAt = new Date(Math.floor(rng.float(windowStartMs, end)));
      if (name === "support_ticket") supportTickets++;
      events.push({
        customerExternalId: externalId,
        name,
        occurredAt,
        properties: eventProperties(rng, name, occurredAt, categoryWeights, technologies),
      });
    }

    // Custom traits.
    const lifetimeValue = customerOrders.reduce((sum, o) => sum + o.amount, 0);
    const traits: DemoTraits = {
      loyalty_tier: lifetimeValue >= 3000 ? "platinum" : lifetimeValue >= 1000 ? "gold" : lifetimeValue >= 250 ? "silver" : "bronze",
      has_mobile_app: hasMobileApp,
    };
    if (customerOrders.length > 0 && rng.chance(0.5)) {
      const score =
        7.2 + 0.08 * engagedOrders - (lifecycleStage === "churned" ? 2 : 0) - 0.8 * supportTickets + rng.normal(0, 1.8);
      traits.nps_score = clamp(Math.round(score), 0, 10);
    }
    if (emailOptIn) {
      traits.newsletter_topics = rng.weightedSample<NewsletterTopic>(
        [
          ["new_arrivals", 10],
          ["deals", needs.includes("price") ? 18 : 8],
          ["how_to_guides", interests.includes("outdoors") || interests.includes("fitness") ? 12 : 5],
          ["sustainability", interests.includes("sustainability") || needs.includes("sustainability") ? 14 : 3],
          ["events", 4],
          ["product_updates", b2b ? 10 : 4],
        ],
        rng.int(1, 3),
      );
    }

    customers.push({
      externalId,
      email: uniqueEmail(rng, usedEmails, firstName, lastName, birthDate, b2b),
      firstName,
      lastName,
      gender,
      birthDate,
      annualIncome,
      occupation: occupation.title,
      country: countryCode,
      region,
      city,
      industry,
      companySize,
      lifecycleStage,
      acquisitionChannel,
      emailOptIn,
      firstSeenAt: new Date(firstSeenMs),
      interests,
      needs,
      technologies,
      traits,
    });
  }

  // Number orders in the order they were placed; keep events in time order too.
  const order = orders.map((o, index) => ({ o, index }));
  order.sort((a, b) => a.o.orderedAt.getTime() - b.o.orderedAt.getTime() || a.index - b.index);
  const numbered: DemoOrder[] = order.map(({ o }, n) => ({ externalId: `ORD-${String(n + 1).padStart(7, "0")}`, ...o }));
  const timedEvents = events.map((e, index) => ({ e, index }));
  timedEvents.sort((a, b) => a.e.occurredAt.getTime() - b.e.occurredAt.getTime() || a.index - b.index);

  return {
    seed,
    now,
    traitDefinitions: DEMO_TRAIT_DEFINITIONS.map((d) => ({ ...d })),
    customers,
    orders: numbered,
    events: timedEvents.map(({ e }) => e),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function utcMidnight(ms: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Most people over 66 are retired and most under 23 are students. */
function occupationWeight(occupation: Occupation, age: number): number {
  if (occupation.title === "Retired") return age >= 67 ? 90 : 12;
  if (occupation.title === "Student") return age <= 22 ? 60 : 5;
  return occupation.weight;
}

function ageIncomeFactor(age: number): number {
  if (age < 25) return 0.7;
  if (age < 32) return 0.88;
  if (age < 50) return 1;
  if (age < 62) return 1.08;
  return 1;
}

function pickInterests(rng: Rng, age: number, occupation: Occupation, income: number | null): Interest[] {
  const rich = (income ?? 0) > 120_000;
  const w: Record<Interest, number> = {
    fitness: 10,
    travel: 12 * (rich ? 1.4 : 1) * (age > 55 ? 1.3 : 1),
    cooking: 10 * (age > 55 ? 1.3 : 1),
    gaming: 7 * (age < 30 ? 2 : age > 55 ? 0.3 : 1) * (occupation.techSavvy ? 1.5 : 1),
    sustainability: 8 * (age < 35 ? 1.3 : 1),
    fashion: 8 * (age < 30 ? 1.4 : 1),
    tech: 9 * (occupation.techSavvy ? 2.5 : 1),
    outdoors: 14,
    finance: 6 * (rich ? 1.6 : 1) * (age > 55 ? 1.5 : 1),
    parenting: 6 * (age >= 28 && age <= 50 ? 2.2 : age < 24 ? 0.1 : 0.5) * (occupation.title === "Student" ? 0 : 1),
    music: 9 * (age < 30 ? 1.4 : 1),
    art: 6 * (occupation.title === "Graphic Designer" ? 4 : 1),
  };
  return rng.weightedSample(
    INTERESTS.map((i) => [i, w[i]] as const),
    rng.weighted<number>([
      [2, 30],
      [3, 35],
      [4, 22],
      [5, 13],
    ]),
  );
}

function pickNeeds(rng: Rng, income: number | null, interests: readonly Interest[], b2b: boolean): Need[] {
  const low = income !== null && income < 40_000;
  const high = income !== null && income > 110_000;
  const w: Record<Need, number> = {
    price: 14 * (low ? 2.5 : high ? 0.4 : 1),
    quality: 12 * (high ? 2 : 1),
    convenience: 11 * (interests.includes("parenting") ? 1.8 : 1),
    speed: 8,
    support: 6 * (b2b ? 1.8 : 1),
    sustainability: 5 * (interests.includes("sustainability") ? 4 : 1),
    customization: 4 * (b2b ? 2 : 1),
    security: 3 * (b2b ? 3 : 1),
  };
  return rng.weightedSample(
    NEEDS.map((n) => [n, w[n]] as const),
    rng.weighted<number>([
      [1, 40],
      [2, 40],
      [3, 20],
    ]),
  );
}

function pickTechnologies(rng: Rng, b2b: boolean, occupation: Occupation, industry: string | null, age: number): Technology[] {
  const count = rng.weighted<number>(
    b2b
      ? [[0, 4], [1, 14], [2, 30], [3, 30], [4, 22]]
      : [[0, 16], [1, 34], [2, 32], [3, 13], [4, 5]],
  );
  const savvy = occupation.techSavvy ? 2.5 : 1;
  const w: Record<Technology, number> = b2b
    ? {
        shopify: industry === "Retail" ? 16 : 5,
        salesforce: 8,
        hubspot: 8,
        wordpress: 8,
        stripe: 7 * (industry === "Software" || industry === "Retail" ? 1.6 : 1),
        slack: 12,
        aws: 5 * (industry === "Software" ? 3 : 1) * savvy,
        ios: 8,
        android: 6,
        windows: 8,
        macos: 7 * savvy,
      }
    : {
        shopify: 0.5,
        salesforce: 0.2,
        hubspot: 0.2,
        wordpress: 2,
        stripe: 0.5,
        slack: 2 * savvy,
        aws: 0.6 * savvy,
        ios: 20 * (age < 40 ? 1.2 : 1),
        android: 20,
        windows: 15,
        macos: 10 * savvy,
      };
  return rng.weightedSample(
    TECHNOLOGIES.map((t) => [t, w[t]] as const),
    count,
  );
}

function categoryWeightsFor(interests: readonly Interest[]): Weighted<OrderCategory> {
  return ORDER_CATEGORIES.map((category) => {
    let weight = CATEGORY_BASE[category];
    for (const interest of interests) weight *= INTEREST_CATEGORY[interest][category] ?? 1;
    return [category, weight] as const;
  });
}

/** Relative order volume by UTC month: a holiday peak and a quiet January. */
const MONTH_WEIGHT = [0.75, 0.8, 0.9, 0.95, 1.0, 1.05, 1.05, 0.95, 0.9, 1.0, 1.45, 1.6] as const;

/** An instant in [start, end), drawn with the seasonal month weights (rejection sampling). */
function seasonalInstant(rng: Rng, startMs: number, endMs: number): number {
  let t = rng.float(startMs, endMs);
  for (let tries = 0; tries < 8; tries++) {
    const weight = MONTH_WEIGHT[new Date(t).getUTCMonth()] ?? 1;
    if (rng.next() * 1.6 < weight) return t;
    t = rng.float(startMs, endMs);
  }
  return t;
}

function campaignFor(rng: Rng, at: Date): string {
  if (rng.chance(0.4)) return "weekly_digest";
  const month = at.getUTCMonth();
  const year = at.getUTCFullYear();
  const name =
    month === 10
      ? "black_friday"
      : month === 11
        ? "holiday_gift_guide"
        : month === 0
          ? "new_year_reset"
          : month <= 4
            ? "spring_collection"
            : month <= 7
              ? "summer_adventures"
              : "fall_layers";
  return `${name}_${year}`;
}

function eventProperties(
  rng: Rng,
  name: EventName,
  at: Date,
  categoryWeights: Weighted<OrderCategory>,
  technologies: readonly Technology[],
): Record<string, string | number | boolean> {
  switch (name) {
    case "page_view": {
      const category = rng.weighted(categoryWeights);
      const path = rng.weighted<string>([
        ["/", 20],
        [`/collections/${category}`, 25],
        [`/products/${rng.pick(PRODUCT_SLUGS[category])}`, 35],
        [`/blog/${rng.pick(BLOG_SLUGS)}`, 12],
        ["/sale", 8],
      ]);
      return {
        path,
        device: rng.weighted<string>([
          ["desktop", 48],
          ["mobile", 45],
          ["tablet", 7],
        ]),
        source: rng.weighted<string>([
          ["google", 40],
          ["direct", 30],
          ["instagram", 12],
          ["newsletter", 10],
          ["partner_site", 8],
        ]),
      };
    }
    case "email_open":
      return { campaign: campaignFor(rng, at), device: rng.chance(0.6) ? "mobile" : "desktop" };
    case "email_click":
      return {
        campaign: campaignFor(rng, at),
        link: rng.weighted<string>([
          ["hero", 50],
          ["product", 35],
          ["footer", 15],
        ]),
      };
    case "cart_abandoned": {
      const category = rng.weighted(categoryWeights);
      const items = rng.int(1, 4);
      const value = Math.round(rng.lognormal(CATEGORY_PRICE[category].median, CATEGORY_PRICE[category].sigma) * items * 100) / 100;
      return { items, value, category };
    }
    case "support_ticket":
      return {
        topic: rng.weighted(SUPPORT_TOPICS),
        priority: rng.weighted<string>([
          ["low", 35],
          ["normal", 50],
          ["high", 15],
        ]),
        channel: rng.weighted<string>([
          ["chat", 45],
          ["email", 40],
          ["phone", 15],
        ]),
        resolved: rng.chance(0.88),
      };
    case "app_login": {
      const platform = technologies.includes("ios")
        ? "ios"
        : technologies.includes("android")
          ? "android"
          : rng.chance(0.5)
            ? "ios"
            : "android";
      return { platform, appVersion: rng.pick(APP_VERSIONS) };
    }
    case "webinar_attended":
      return { title: rng.pick(WEBINAR_TITLES), minutesAttended: rng.int(8, 60) };
  }
}

function emailSlug(value: string): string {
  return value
    .replace(/ß/g, "ss")
    .replace(/[Øø]/g, "o")
    .replace(/[Ææ]/g, "ae")
    .replace(/[Œœ]/g, "oe")
    .replace(/ı/g, "i")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function uniqueEmail(
  rng: Rng,
  used: Set<string>,
  firstName: string,
  lastName: string,
  birthDate: Date,
  b2b: boolean,
): string {
  const first = emailSlug(firstName) || "customer";
  const last = emailSlug(lastName) || "demo";
  const domain =
    b2b && rng.chance(0.6) ? `${rng.pick(COMPANY_FIRST)}${rng.pick(COMPANY_SECOND)}.example` : rng.weighted(CONSUMER_DOMAINS);
  const year = String(birthDate.getUTCFullYear());
  const local = rng.weighted<string>([
    [`${first}.${last}`, 40],
    [`${first}${last}`, 12],
    [`${first[0] ?? "x"}${last}`, 14],
    [`${first}_${last}`, 8],
    [`${first}.${last}${year.slice(2)}`, 14],
    [`${first}${year}`, 6],
    [`${last}.${first}`, 6],
  ]);
  let candidate = `${local}@${domain}`;
  for (let n = 2; used.has(candidate); n++) candidate = `${local}${n}@${domain}`;
  used.add(candidate);
  return candidate;
}
