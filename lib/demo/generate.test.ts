import { beforeAll, describe, expect, it } from "vitest";
import {
  ACQUISITION_CHANNELS,
  CHURN_AFTER_DAYS,
  COUNTRIES,
  COUNTRY_CODES,
  DEMO_HISTORY_DAYS,
  DEMO_NOW,
  DEMO_LIFECYCLE_STAGES,
  EVENT_NAMES,
  GENDERS,
  INTERESTS,
  LOYALTY_TIERS,
  NEEDS,
  NEWSLETTER_TOPICS,
  ORDER_CATEGORIES,
  ORDER_CHANNELS,
  TECHNOLOGIES,
  generateDemoData,
  type DemoCustomer,
  type DemoData,
  type DemoOrder,
} from "@/lib/demo/generate";

const DAY = 86_400_000;

let data: DemoData;
let ordersByCustomer: Map<string, DemoOrder[]>;
let byExternalId: Map<string, DemoCustomer>;

beforeAll(() => {
  data = generateDemoData();
  ordersByCustomer = new Map();
  for (const o of data.orders) {
    const list = ordersByCustomer.get(o.customerExternalId) ?? [];
    list.push(o);
    ordersByCustomer.set(o.customerExternalId, list);
  }
  byExternalId = new Map(data.customers.map((c) => [c.externalId, c]));
});

function share(predicate: (c: DemoCustomer) => boolean): number {
  return data.customers.filter(predicate).length / data.customers.length;
}

/** Items failing a check (asserted empty: the failure message lists them). */
function offenders<T>(items: readonly T[], ok: (item: T) => boolean): T[] {
  return items.filter((item) => !ok(item)).slice(0, 5);
}

function ageAt(birth: Date, now: Date): number {
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const m = now.getUTCMonth() - birth.getUTCMonth();
  if (m < 0 || (m === 0 && now.getUTCDate() < birth.getUTCDate())) age--;
  return age;
}

describe("generateDemoData determinism", () => {
  it("gives identical data for the same seed (default options included)", () => {
    expect(JSON.stringify(generateDemoData())).toBe(JSON.stringify(data));
    expect(generateDemoData({ seed: 7, customers: 300 })).toEqual(generateDemoData({ seed: 7, customers: 300 }));
  }, 30_000);

  it("gives different data for a different seed or a different now", () => {
    const a = generateDemoData({ seed: 1, customers: 300 });
    const b = generateDemoData({ seed: 2, customers: 300 });
    expect(a.customers.map((c) => c.email)).not.toEqual(b.customers.map((c) => c.email));
    expect(a.orders.length === b.orders.length && a.events.length === b.events.length).toBe(false);
    const later = generateDemoData({ seed: 1, customers: 300, now: new Date("2027-03-01T00:00:00Z") });
    expect(later.orders[0]?.orderedAt).not.toEqual(a.orders[0]?.orderedAt);
  });

  it("defaults to seed 42, 5,000 customers and a fixed now", () => {
    expect(data.seed).toBe(42);
    expect(data.now.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(data.now.getTime()).toBe(DEMO_NOW.getTime());
    expect(data.customers).toHaveLength(5000);
  });

  it("handles an empty request and refuses nonsense", () => {
    const empty = generateDemoData({ customers: 0 });
    expect(empty.customers).toEqual([]);
    expect(empty.orders).toEqual([]);
    expect(empty.events).toEqual([]);
    expect(() => generateDemoData({ customers: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ customers: 2.5 })).toThrow(RangeError);
    expect(() => generateDemoData({ now: new Date("nope") })).toThrow(RangeError);
  });
});

describe("generated volumes", () => {
  it("has about 25,000 orders, 15,000 events and 3-4 trait definitions", () => {
    expect(data.orders.length).toBeGreaterThan(22_000);
    expect(data.orders.length).toBeLessThan(28_000);
    expect(data.events.length).toBeGreaterThan(13_000);
    expect(data.events.length).toBeLessThan(17_000);
    expect(data.traitDefinitions.length).toBeGreaterThanOrEqual(3);
    expect(data.traitDefinitions.length).toBeLessThanOrEqual(4);
  });

  it("scales orders and events with the number of customers", () => {
    const small = generateDemoData({ customers: 500 });
    expect(small.customers).toHaveLength(500);
    expect(small.orders.length / 500).toBeGreaterThan(3.5);
    expect(small.orders.length / 500).toBeLessThan(6.5);
    expect(small.events.length / 500).toBeGreaterThan(2.2);
    expect(small.events.length / 500).toBeLessThan(3.8);
  });

  it("mixes buyers: no orders, one-time buyers, a loyal core", () => {
    const counts = data.customers.map((c) => ordersByCustomer.get(c.externalId)?.length ?? 0);
    const none = counts.filter((n) => n === 0).length / counts.length;
    const once = counts.filter((n) => n === 1).length / counts.length;
    const loyal = counts.filter((n) => n >= 13).length / counts.length;
    expect(none).toBeGreaterThan(0.1);
    expect(none).toBeLessThan(0.2);
    expect(once).toBeGreaterThan(0.2);
    expect(loyal).toBeGreaterThan(0.05);
    // The loyal core places a large share of all orders.
    const loyalOrders = counts.filter((n) => n >= 13).reduce((s, n) => s + n, 0);
    expect(loyalOrders / data.orders.length).toBeGreaterThan(0.35);
  });
});

describe("identifiers and references", () => {
  it("numbers customers and orders in sequence and keeps e-mails unique", () => {
    const customerIds = data.customers.map((c) => c.externalId);
    const expectedIds = customerIds.map((_, i) => `CUST-${String(i + 1).padStart(6, "0")}`);
    expect(customerIds).toEqual(expectedIds);
    const orderIds = data.orders.map((o) => o.externalId);
    expect(orderIds.slice(0, 2)).toEqual(["ORD-0000001", "ORD-0000002"]);
    expect(orderIds.at(-1)).toBe(`ORD-${String(orderIds.length).padStart(7, "0")}`);
    expect(new Set(orderIds).size).toBe(orderIds.length);
    const emails = data.customers.map((c) => c.email);
    expect(new Set(emails).size).toBe(emails.length);
    // Only reserved example domains: no demo address can reach a real inbox.
    expect(offenders(emails, (e) => /^[a-z0-9._]+@(example\.(com|net|org)|[a-z]+\.example)$/.test(e))).toEqual([]);
  });

  it("points every order and event at an existing customer, inside [firstSeenAt, now)", () => {
    const now = data.now.getTime();
    const windowStart = now - DEMO_HISTORY_DAYS * DAY;
    expect(
      offenders(data.orders, (o) => {
        const c = byExternalId.get(o.customerExternalId);
        const t = o.orderedAt.getTime();
        return c !== undefined && t >= c.firstSeenAt.getTime() && t >= windowStart && t < now;
      }),
    ).toEqual([]);
    expect(
      offenders(data.events, (e) => {
        const c = byExternalId.get(e.customerExternalId);
        const t = e.occurredAt.getTime();
        return c !== undefined && t >= c.firstSeenAt.getTime() && t >= windowStart && t < now;
      }),
    ).toEqual([]);
  });

  it("spreads orders over the two years before now, in time order", () => {
    const first = data.orders[0]?.orderedAt.getTime() ?? 0;
    const last = data.orders.at(-1)?.orderedAt.getTime() ?? 0;
    const now = data.now.getTime();
    expect(first - (now - DEMO_HISTORY_DAYS * DAY)).toBeLessThan(30 * DAY);
    expect(now - last).toBeLessThan(3 * DAY);
    const times = data.orders.map((o) => o.orderedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const months = new Set(data.orders.map((o) => o.orderedAt.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(24);
  });
});

describe("orders", () => {
  it("uses the listed categories and channels, USD, quantities 1-5 and amounts in cents", () => {
    const categories: readonly string[] = ORDER_CATEGORIES;
    const channels: readonly string[] = ORDER_CHANNELS;
    expect(
      offenders(
        data.orders,
        (o) =>
          categories.includes(o.category) &&
          channels.includes(o.channel) &&
          o.currency === "USD" &&
          Number.isInteger(o.quantity) &&
          o.quantity >= 1 &&
          o.quantity <= 5 &&
          o.amount > 0 &&
          Math.round(o.amount * 100) / 100 === o.amount,
      ),
    ).toEqual([]);
    expect(new Set(data.orders.map((o) => o.category)).size).toBe(ORDER_CATEGORIES.length);
    expect(new Set(data.orders.map((o) => o.channel)).size).toBe(ORDER_CHANNELS.length);
  });

  it("prices categories differently (electronics above books)", () => {
    const median = (category: string) => {
      const xs = data.orders
        .filter((o) => o.category === category)
        .map((o) => o.amount / o.quantity)
        .sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)] ?? 0;
    };
    expect(median("electronics")).toBeGreaterThan(3 * median("books"));
    expect(median("apparel")).toBeGreaterThan(median("beauty"));
  });

  it("only lets app users order in the app", () => {
    const inApp = data.orders.filter((o) => o.channel === "mobile_app");
    expect(inApp.length).toBeGreaterThan(0);
    expect(offenders(inApp, (o) => byExternalId.get(o.customerExternalId)?.traits.has_mobile_app === true)).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("is consistent with each customer's orders", () => {
    const now = data.now.getTime();
    const wrong = offenders(data.customers, (c) => {
      const orders = ordersByCustomer.get(c.externalId) ?? [];
      const last = orders.at(-1)?.orderedAt.getTime();
      const expected =
        last === undefined
          ? ["lead", "prospect"]
          : last < now - CHURN_AFTER_DAYS * DAY
            ? ["churned"]
            : orders.length === 1
              ? ["customer"]
              : ["repeat"];
      return expected.includes(c.lifecycleStage);
    });
    expect(wrong).toEqual([]);
  });

  it("uses every stage, none of them dominating", () => {
    for (const stage of DEMO_LIFECYCLE_STAGES) {
      const s = share((c) => c.lifecycleStage === stage);
      expect(s, stage).toBeGreaterThan(0.03);
      expect(s, stage).toBeLessThan(0.5);
    }
  });
});

describe("attribute families", () => {
  it("fills demographics: gender, age 18-80, occupation, income for most", () => {
    const genders: readonly string[] = GENDERS;
    expect(
      offenders(data.customers, (c) => {
        const age = ageAt(c.birthDate, data.now);
        return (
          genders.includes(c.gender) &&
          age >= 18 &&
          age <= 80 &&
          c.birthDate.getTime() % DAY === 0 &&
          c.occupation.length > 0 &&
          c.firstName.length > 0 &&
          c.lastName.length > 0
        );
      }),
    ).toEqual([]);
    const ages = data.customers.map((c) => ageAt(c.birthDate, data.now));
    expect(Math.min(...ages)).toBeLessThan(22);
    expect(Math.max(...ages)).toBeGreaterThan(72);
    expect(share((c) => c.annualIncome !== null)).toBeGreaterThan(0.85);
    for (const g of GENDERS) expect(share((c) => c.gender === g), g).toBeGreaterThan(0.01);
    expect(new Set(data.customers.map((c) => c.firstName)).size).toBeGreaterThan(150);
  });

  it("correlates income with occupation and country", () => {
    const meanIncome = (f: (c: DemoCustomer) => boolean) => {
      const xs = data.customers.filter((c) => f(c) && c.annualIncome !== null).map((c) => c.annualIncome ?? 0);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(meanIncome((c) => c.occupation === "Physician")).toBeGreaterThan(3 * meanIncome((c) => c.occupation === "Student"));
    expect(meanIncome((c) => c.occupation === "Software Engineer")).toBeGreaterThan(
      meanIncome((c) => c.occupation === "Retail Associate"),
    );
    expect(meanIncome((c) => c.country === "US")).toBeGreaterThan(2 * meanIncome((c) => c.country === "IN"));
    // Students are young, retirees are not.
    expect(offenders(data.customers.filter((c) => c.occupation === "Student"), (c) => ageAt(c.birthDate, data.now) < 30)).toEqual([]);
    expect(offenders(data.customers.filter((c) => c.occupation === "Retired"), (c) => ageAt(c.birthDate, data.now) >= 62)).toEqual([]);
  });

  it("fills geography with a region and city that belong to the country", () => {
    expect(
      offenders(data.customers, (c) =>
        (COUNTRIES[c.country]?.places ?? []).some(([[region, city]]) => region === c.region && city === c.city),
      ),
    ).toEqual([]);
    expect(share((c) => c.country === "US")).toBeGreaterThan(0.25);
    expect(new Set(data.customers.map((c) => c.country)).size).toBe(COUNTRY_CODES.length);
  });

  it("fills firmographics for a business subset, both fields together", () => {
    const firmographicsOk = (c: DemoCustomer) =>
      (c.industry === null) === (c.companySize === null) &&
      (c.companySize === null || (Number.isInteger(c.companySize) && c.companySize >= 1));
    expect(offenders(data.customers, firmographicsOk)).toEqual([]);
    const b2b = share((c) => c.industry !== null);
    expect(b2b).toBeGreaterThan(0.15);
    expect(b2b).toBeLessThan(0.5);
  });

  it("fills behavioural attributes: channel, opt-in, first seen", () => {
    const channels: readonly string[] = ACQUISITION_CHANNELS;
    expect(offenders(data.customers, (c) => channels.includes(c.acquisitionChannel))).toEqual([]);
    for (const ch of ACQUISITION_CHANNELS) expect(share((c) => c.acquisitionChannel === ch), ch).toBeGreaterThan(0.02);
    const optIn = share((c) => c.emailOptIn);
    expect(optIn).toBeGreaterThan(0.35);
    expect(optIn).toBeLessThan(0.8);
    const seen = data.customers.map((c) => c.firstSeenAt.getTime());
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("fills interests (2-5), needs (1-3) and technologies (0-4) from their lists, without repeats", () => {
    const fits = (list: readonly string[], allowed: readonly string[], min: number, max: number) =>
      list.length >= min && list.length <= max && new Set(list).size === list.length && list.every((v) => allowed.includes(v));
    expect(
      offenders(
        data.customers,
        (c) => fits(c.interests, INTERESTS, 2, 5) && fits(c.needs, NEEDS, 1, 3) && fits(c.technologies, TECHNOLOGIES, 0, 4),
      ),
    ).toEqual([]);
    expect(share((c) => c.technologies.length > 0)).toBeGreaterThan(0.7);
    // Business buyers use business tools far more often.
    const businessTools = ["salesforce", "hubspot", "slack", "aws", "stripe", "shopify"];
    const toolShare = (group: DemoCustomer[]) =>
      group.filter((c) => c.technologies.some((t) => businessTools.includes(t))).length / group.length;
    const b2b = data.customers.filter((c) => c.industry !== null);
    const consumers = data.customers.filter((c) => c.industry === null);
    expect(toolShare(b2b)).toBeGreaterThan(3 * toolShare(consumers));
  });

  it("fills the custom traits with values of their declared types", () => {
    expect(data.traitDefinitions.map((d) => d.key)).toEqual(["loyalty_tier", "nps_score", "newsletter_topics", "has_mobile_app"]);
    expect(new Set(data.traitDefinitions.map((d) => d.family)).size).toBe(data.traitDefinitions.length);
    const keys = data.traitDefinitions.map((d) => d.key);
    const tiers: readonly string[] = LOYALTY_TIERS;
    const topics: readonly string[] = NEWSLETTER_TOPICS;
    expect(
      offenders(data.customers, (c) => {
        const { nps_score: nps, newsletter_topics: news } = c.traits;
        return (
          Object.keys(c.traits).every((k) => keys.includes(k)) &&
          tiers.includes(c.traits.loyalty_tier) &&
          typeof c.traits.has_mobile_app === "boolean" &&
          (nps === undefined || (Number.isInteger(nps) && nps >= 0 && nps <= 10 && ordersByCustomer.has(c.externalId))) &&
          (news !== undefined) === c.emailOptIn &&
          (news ?? []).every((t) => topics.includes(t)) &&
          (news === undefined || news.length >= 1)
        );
      }),
    ).toEqual([]);
    expect(share((c) => c.traits.nps_score !== undefined)).toBeGreaterThan(0.25);
    for (const tier of LOYALTY_TIERS) expect(share((c) => c.traits.loyalty_tier === tier), tier).toBeGreaterThan(0.01);
  });

  it("ties the loyalty tier to lifetime spend", () => {
    expect(
      offenders(data.customers, (c) => {
        const spend = (ordersByCustomer.get(c.externalId) ?? []).reduce((s, o) => s + o.amount, 0);
        const tier = spend >= 3000 ? "platinum" : spend >= 1000 ? "gold" : spend >= 250 ? "silver" : "bronze";
        return c.traits.loyalty_tier === tier;
      }),
    ).toEqual([]);
  });
});

describe("events", () => {
  it("uses every event name with small flat properties", () => {
    for (const name of EVENT_NAMES) expect(data.events.some((e) => e.name === name), name).toBe(true);
    expect(
      offenders(data.events, (e) => {
        const values = Object.values(e.properties);
        return values.length > 0 && values.length <= 4 && values.every((v) => ["string", "number", "boolean"].includes(typeof v));
      }),
    ).toEqual([]);
  });

  it("sends e-mail events only to opted-in customers and app logins only to app users", () => {
    const email = data.events.filter((e) => e.name === "email_open" || e.name === "email_click");
    const app = data.events.filter((e) => e.name === "app_login");
    expect(offenders(email, (e) => byExternalId.get(e.customerExternalId)?.emailOptIn === true)).toEqual([]);
    expect(offenders(app, (e) => byExternalId.get(e.customerExternalId)?.traits.has_mobile_app === true)).toEqual([]);
  });
});
