import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Activity, ArrowLeft, CalendarClock, DollarSign, Pencil, Receipt, ShoppingBag } from "lucide-react";
import { requireWorkspaceCustomer } from "@/lib/auth/params";
import {
  customerSpendByCategory,
  customerSpendByMonth,
  customerTimeline,
  TIMELINE_MAX,
  TIMELINE_STEP,
  type Customer,
  type TimelineItem,
} from "@/lib/dal/customers";
import { listTraitDefinitions, type TraitDefinition } from "@/lib/dal/traits";
import { deleteCustomer } from "@/lib/actions/customers";
import { countryName } from "@/lib/customers/countries";
import { FAMILY_LABELS, displayName, groupByFamily, personName, type BuiltInField } from "@/lib/customers/fields";
import { CustomerAvatar } from "@/components/customers/customer-avatar";
import { ageOn, formatAmount, humanize } from "@/lib/customers/format";
import { formatTraitValue, traitsObject } from "@/lib/customers/traits";
import { formatDate, formatDateTime, formatRelative } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Badge, Card, CardBody, CardHeader, EmptyState } from "@/components/ui/card";
import { SpendChart } from "./spend-chart";
import { DeleteCustomer } from "./delete-customer";
import { ExplanationTree } from "@/components/segments/explanation";
import { customerProfileInsights } from "@/lib/dal/customer-profile";
import { getClvModel, getCustomerPrediction } from "@/lib/insights/clv-model";
import { ValuePanel } from "./value-panel";

export const metadata: Metadata = { title: "Customer" };

type Params = { workspaceSlug: string; customerId: string };

export default async function CustomerProfilePage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace, customer, can } = await requireWorkspaceCustomer(await params);
  const query = await searchParams;
  const requested = Number(Array.isArray(query.timeline) ? query.timeline[0] : query.timeline);
  const timelineLimit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, TIMELINE_MAX) : TIMELINE_STEP;
  const now = new Date();
  const [traits, months, categories, timeline, insights, clvModel, prediction] = await Promise.all([
    listTraitDefinitions(workspace.id),
    customerSpendByMonth(workspace.id, customer.id, now),
    customerSpendByCategory(workspace.id, customer.id),
    customerTimeline(workspace.id, customer.id, timelineLimit),
    customerProfileInsights(workspace.id, customer.id, { now, segmentLimit: 25 }),
    getClvModel(workspace.id),
    getCustomerPrediction(workspace.id, customer.id),
  ]);
  // The customer was deleted between the two reads.
  if (!insights) notFound();
  const { value, totals, segments: matches } = insights;
  const basePath = `/w/${workspace.slug}/customers`;
  const profilePath = `${basePath}/${customer.id}`;
  const name = displayName(customer);
  const stored = traitsObject(customer.traits);

  return (
    <>
      <Link href={basePath} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Customers
      </Link>

      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          <CustomerAvatar name={personName(customer)} size="lg" />
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{name}</h1>
            <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-500">
              {customer.email && <span>{customer.email}</span>}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title="External id">
                {customer.externalId}
              </code>
              {customer.lifecycleStage && <Badge tone="brand">{humanize(customer.lifecycleStage)}</Badge>}
              {customer.emailOptIn && <Badge tone="green">E-mail opt-in</Badge>}
              <span>Added {formatDate(customer.createdAt)}</span>
            </p>
          </div>
        </div>
        {can("data.write") && (
          <div className="flex items-center gap-2">
            <Link href={`${profilePath}/edit`} className={buttonClasses("secondary", "md")}>
              <Pencil className="size-4" aria-hidden /> Edit
            </Link>
            <DeleteCustomer
              id={customer.id}
              name={name}
              orders={totals.orders}
              events={totals.events}
              listHref={basePath}
              remove={deleteCustomer.bind(null, workspace.id)}
            />
          </div>
        )}
      </div>

      <section aria-label="Order totals" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat icon={ShoppingBag} label="Orders" value={totals.orders.toLocaleString("en-US")} sub={`${totals.events.toLocaleString("en-US")} events`} />
        <Stat icon={DollarSign} label="Revenue" value={formatAmount(totals.revenue, { cents: true })} sub="Lifetime" />
        <Stat
          icon={Receipt}
          label="Average order value"
          value={totals.averageOrderValue === null ? "—" : formatAmount(totals.averageOrderValue, { cents: true })}
        />
        <Stat
          icon={CalendarClock}
          label="Last order"
          value={totals.lastOrderAt ? formatDate(totals.lastOrderAt) : "—"}
          sub={totals.firstOrderAt ? `First order ${formatDate(totals.firstOrderAt)}` : "No orders yet"}
        />
      </section>

      <ValuePanel
        summary={value}
        prediction={{
          model: clvModel && { status: clvModel.status, horizonMonths: clvModel.horizonMonths },
          prediction,
          insightsHref: `/w/${workspace.slug}/insights/value`,
        }}
      />

      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card>
            <CardHeader title="Spend" description="By month over the last twelve months (UTC), or by category over their lifetime." />
            <CardBody>
              {totals.orders === 0 ? (
                <EmptyState icon={<ShoppingBag className="size-5" />} title="No orders yet">
                  Spend by month and by category appears here once this customer has orders.
                </EmptyState>
              ) : (
                <SpendChart months={months} categories={categories} />
              )}
            </CardBody>
          </Card>

          <Card>
            <CardHeader
              title="Timeline"
              description={`Orders and events, most recent first. Times are in UTC.`}
            />
            {timeline.items.length === 0 ? (
              <EmptyState icon={<Activity className="size-5" />} title="Nothing has happened yet">
                Orders and events for this customer will be listed here.
              </EmptyState>
            ) : (
              <>
                <ol className="divide-y divide-slate-100" aria-label="Timeline">
                  {timeline.items.map((item) => (
                    <TimelineEntry key={`${item.kind}-${item.id}`} item={item} now={now} />
                  ))}
                </ol>
                {timeline.hasMore && timeline.limit < TIMELINE_MAX && (
                  <div className="border-t border-slate-100 px-5 py-3 text-center">
                    <Link
                      href={`${profilePath}?timeline=${Math.min(timeline.limit + TIMELINE_STEP, TIMELINE_MAX)}`}
                      scroll={false}
                      className={buttonClasses("secondary", "sm")}
                    >
                      Show more
                    </Link>
                  </div>
                )}
                {timeline.hasMore && timeline.limit >= TIMELINE_MAX && (
                  <p className="border-t border-slate-100 px-5 py-3 text-center text-xs text-slate-500">
                    Showing the latest {TIMELINE_MAX}. Export the customer list or use segments for older history.
                  </p>
                )}
              </>
            )}
          </Card>
        </div>

        <div className="space-y-6">
          <Card>
            <CardHeader title="Segments" description="Which saved segments this customer is in, and why." />
            <CardBody className="py-2">
              {matches.length === 0 ? (
                <p className="py-2 text-sm text-slate-500">No saved segments yet.</p>
              ) : (
                <ul className="divide-y divide-slate-100" aria-label="Segment membership">
                  {matches.map((m) => (
                    <li key={m.id} className="py-2">
                      <details>
                        <summary className="flex cursor-pointer list-none items-center justify-between gap-3 text-sm">
                          <Link href={`/w/${workspace.slug}/segments/${m.id}`} className="truncate font-medium text-slate-900 hover:text-brand-700">
                            {m.name}
                          </Link>
                          <span className="flex shrink-0 items-center gap-2">
                            <Badge tone={m.matched ? "green" : "gray"}>{m.matched ? "in" : "not in"}</Badge>
                            <span className="text-xs text-brand-700">Why?</span>
                          </span>
                        </summary>
                        <div className="mt-2 rounded-lg bg-slate-50 p-3">
                          <ExplanationTree node={m.explanation} />
                        </div>
                      </details>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          {groupByFamily(traits).map((group) => (
            <Card key={group.family}>
              <CardHeader title={FAMILY_LABELS[group.family]} />
              <CardBody className="py-2">
                <dl className="divide-y divide-slate-100">
                  {group.builtIn.map((field) => (
                    <Row key={field.key} label={field.label}>
                      {builtInValue(field, customer, now)}
                    </Row>
                  ))}
                  {group.traits.map((t) => (
                    <Row
                      key={t.key}
                      label={
                        <>
                          {t.label}
                          <span className="ml-1.5 rounded bg-slate-100 px-1 py-px text-[10px] font-medium uppercase text-slate-500">custom</span>
                        </>
                      }
                    >
                      {traitValue(t, stored[t.key])}
                    </Row>
                  ))}
                </dl>
              </CardBody>
            </Card>
          ))}
        </div>
      </div>
    </>
  );
}

function Stat({ icon: Icon, label, value, sub }: { icon: typeof Activity; label: string; value: string; sub?: string }) {
  return (
    <Card>
      <CardBody className="flex items-center gap-4">
        <div className="rounded-lg bg-brand-50 p-2.5 text-brand-600">
          <Icon className="size-5" aria-hidden />
        </div>
        <div className="min-w-0">
          <p className="text-sm text-slate-500">{label}</p>
          <p className="truncate text-xl font-semibold tabular-nums text-slate-900">{value}</p>
          {sub && <p className="truncate text-xs text-slate-400">{sub}</p>}
        </div>
      </CardBody>
    </Card>
  );
}

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid grid-cols-5 gap-3 py-2 text-sm">
      <dt className="col-span-2 text-slate-500">{label}</dt>
      <dd className="col-span-3 min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-300">—</span>;

function Tags({ values }: { values: string[] }) {
  if (values.length === 0) return none;
  return (
    <span className="flex flex-wrap gap-1">
      {values.map((v) => (
        <Badge key={v}>{v}</Badge>
      ))}
    </span>
  );
}

function builtInValue(field: BuiltInField, c: Customer, now: Date): ReactNode {
  switch (field.key) {
    case "birthDate":
      return c.birthDate ? `${formatDate(c.birthDate)} (age ${ageOn(c.birthDate, now)})` : none;
    case "annualIncome":
      return c.annualIncome === null ? none : formatAmount(c.annualIncome.toString());
    case "companySize":
      return c.companySize === null ? none : `${c.companySize.toLocaleString("en-US")} employees`;
    case "country":
      return c.country ? `${countryName(c.country)} (${c.country})` : none;
    case "emailOptIn":
      return c.emailOptIn ? "Yes" : "No";
    case "firstSeenAt":
      return c.firstSeenAt ? formatDateTime(c.firstSeenAt) : none;
    case "createdAt":
      return formatDateTime(c.createdAt);
    case "updatedAt":
      return formatDateTime(c.updatedAt);
    case "interests":
    case "needs":
    case "technologies":
      return <Tags values={c[field.key]} />;
    case "gender":
    case "lifecycleStage":
    case "acquisitionChannel": {
      const v = c[field.key];
      return v ? humanize(v) : none;
    }
    default: {
      const v = c[field.key];
      return typeof v === "string" && v ? v : none;
    }
  }
}

function traitValue(t: TraitDefinition, value: unknown): ReactNode {
  if (value === null || value === undefined) return none;
  if (t.type === "TAGS" && Array.isArray(value)) return <Tags values={value.filter((v): v is string => typeof v === "string")} />;
  if (t.type === "DATE" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    return formatDate(new Date(`${value.slice(0, 10)}T00:00:00Z`));
  }
  if (t.type === "NUMBER" && typeof value === "number") return value.toLocaleString("en-US");
  return formatTraitValue(value) || none;
}

function TimelineEntry({ item, now }: { item: TimelineItem; now: Date }) {
  const when = (
    <time dateTime={item.at.toISOString()} title={formatDateTime(item.at)} className="shrink-0 text-xs tabular-nums text-slate-400">
      {formatRelative(item.at, now)}
    </time>
  );
  if (item.kind === "order") {
    const details = [item.category && humanize(item.category), item.channel && `via ${humanize(item.channel)}`, item.quantity > 1 && `${item.quantity} items`]
      .filter(Boolean)
      .join(" · ");
    return (
      <li className="flex items-start gap-3 px-5 py-3" data-kind="order">
        <span className="mt-0.5 rounded-full bg-emerald-50 p-1.5 text-emerald-600">
          <ShoppingBag className="size-3.5" aria-hidden />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm text-slate-900">
            <span className="font-medium">Order</span>
            {item.externalId && <span className="ml-1.5 font-mono text-xs text-slate-500">{item.externalId}</span>}
            <span className="ml-2 font-semibold tabular-nums">
              {item.currency === "USD" ? formatAmount(item.amount, { cents: true }) : `${item.amount.toFixed(2)} ${item.currency}`}
            </span>
          </p>
          {details && <p className="text-xs text-slate-500">{details}</p>}
        </div>
        {when}
      </li>
    );
  }
  const props = Object.entries(traitsObject(item.properties)).slice(0, 4);
  return (
    <li className="flex items-start gap-3 px-5 py-3" data-kind="event">
      <span className="mt-0.5 rounded-full bg-sky-50 p-1.5 text-sky-600">
        <Activity className="size-3.5" aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-900">{humanize(item.name)}</p>
        {props.length > 0 && (
          <p className="mt-0.5 flex flex-wrap gap-1">
            {props.map(([k, v]) => (
              <span key={k} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                {k}: {typeof v === "string" ? v : JSON.stringify(v)}
              </span>
            ))}
          </p>
        )}
      </div>
      {when}
    </li>
  );
}
