import type { Metadata } from "next";
import Link from "next/link";
import { FileUp, SlidersHorizontal, UserPlus, Users } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { countCustomers, listCustomers } from "@/lib/dal/customers";
import { listTraitDefinitions } from "@/lib/dal/traits";
import { listWorkspaceSegments } from "@/lib/dal/segments";
import { bulkDeleteCustomers } from "@/lib/actions/customers";
import { countryName } from "@/lib/customers/countries";
import { displayName, personName } from "@/lib/customers/fields";
import { listRowForClient } from "@/lib/customers/list-row";
import { exportSearch, listStateToSearch, parseListState } from "@/lib/customers/url-state";
import type { LifecycleFilter } from "@/lib/analytics/lifecycle-filter";
import { LIFECYCLE_LABELS } from "@/lib/segments/rule-labels";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { CustomersTable } from "./customers-table";
import { ExportMenu } from "@/components/exports/export-menu";

export const metadata: Metadata = { title: "Customers" };

/** Saved, non-archived segments for the "in segment" filter; none when segments cannot be listed. */
async function segmentOptions(workspaceId: string) {
  try {
    const segments = await listWorkspaceSegments(workspaceId);
    return segments.map((s) => ({ id: s.id, name: s.name }));
  } catch (error) {
    console.error("[customers] could not list segments", error);
    return [];
  }
}

export default async function CustomersPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const state = parseListState(await searchParams);
  const basePath = `/w/${workspace.slug}/customers`;
  const canWrite = can("data.write");
  const [count, list, segments, traitDefinitions] = await Promise.all([
    countCustomers(workspace.id),
    listCustomers(workspace.id, state),
    segmentOptions(workspace.id),
    listTraitDefinitions(workspace.id),
  ]);
  const traits = traitDefinitions.map((t) => ({ key: t.key, label: t.label, type: t.type }));
  const traitKeys = traits.map((t) => t.key);

  return (
    <>
      <PageHeader
        title="Customers"
        description="Everyone in this workspace, with their attributes, custom traits, orders and events."
        actions={
          <>
            <Link href={`${basePath}/traits`} className={buttonClasses("secondary", "md")}>
              <SlidersHorizontal className="size-4" aria-hidden /> Custom traits
            </Link>
            {count > 0 && (
              <ExportMenu
                label="Export customers"
                heading={state.q || list.segment || state.lifecycle ? "Customers matching the filters" : "All customers"}
                items={[
                  { href: `${basePath}/export${exportSearch(state, "csv")}`, format: "csv", label: "CSV (spreadsheets)" },
                  { href: `${basePath}/export${exportSearch(state, "json")}`, format: "json", label: "JSON" },
                ]}
              />
            )}
            {canWrite && (
              <Link href={`${basePath}/import`} className={buttonClasses("secondary", "md")}>
                <FileUp className="size-4" aria-hidden /> Import CSV
              </Link>
            )}
            {canWrite && (
              <Link href={`${basePath}/new`} className={buttonClasses("primary", "md")}>
                <UserPlus className="size-4" aria-hidden /> Add customer
              </Link>
            )}
          </>
        }
      />
      {state.lifecycle && (
        <div
          role="status"
          data-testid="lifecycle-filter"
          className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded-lg bg-brand-50 px-4 py-2.5 text-sm text-brand-900 ring-1 ring-inset ring-brand-200"
        >
          <span>
            <strong className="font-medium">Lifecycle stage (from orders):</strong> {describeLifecycleFilter(state.lifecycle)}{" "}
            <Link href={`/w/${workspace.slug}/insights/lifecycle`} className="underline underline-offset-2">
              (from Insights)
            </Link>
          </span>
          <Link href={`${basePath}${listStateToSearch({ ...state, lifecycle: null, page: 1 })}`} className="font-medium underline underline-offset-2">
            Clear lifecycle filter
          </Link>
        </div>
      )}
      {list.segmentProblem && (
        <p role="status" className="mb-4 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-800 ring-1 ring-inset ring-amber-200">
          {list.segmentProblem}
        </p>
      )}
      <Card>
        {count === 0 ? (
          <NoCustomersYet basePath={basePath} canWrite={canWrite} />
        ) : (
          <CustomersTable
            rows={list.rows.map((r) =>
              listRowForClient(
                r,
                { name: displayName(r), named: personName(r) !== null, countryName: r.country ? countryName(r.country) : null },
                { keys: traitKeys, values: r.traits },
              ),
            )}
            total={list.total}
            page={list.page}
            pageCount={list.pageCount}
            state={{ ...state, page: list.page, segment: list.segment?.id ?? null }}
            basePath={basePath}
            canWrite={canWrite}
            segments={segments.length > 0 ? segments : null}
            traits={traits}
            bulkDelete={bulkDeleteCustomers.bind(null, workspace.id)}
          />
        )}
      </Card>
    </>
  );
}

function NoCustomersYet({ basePath, canWrite }: { basePath: string; canWrite: boolean }) {
  return (
    <EmptyState
      icon={<Users className="size-5" />}
      title="No customers yet"
      action={
        canWrite ? (
          <div className="flex flex-wrap justify-center gap-2">
            <Link href={`${basePath}/import`} className={buttonClasses("primary", "md")}>
              <FileUp className="size-4" aria-hidden /> Import CSV
            </Link>
            <Link href={`${basePath}/new`} className={buttonClasses("secondary", "md")}>
              <UserPlus className="size-4" aria-hidden /> Add customer
            </Link>
          </div>
        ) : undefined
      }
    >
      {canWrite
        ? "Customers are the people you segment. Import them from a CSV file — with their orders and events — or add them one by one, with their attributes and custom traits."
        : "Once an editor adds customers to this workspace, they show up here."}
    </EmptyState>
  );
}

/** "Active now, Churned 90 days ago" — the filter in words. */
function describeLifecycleFilter(filter: LifecycleFilter): string {
  const parts: string[] = [];
  if (filter.stage) parts.push(`${LIFECYCLE_LABELS[filter.stage]} now`);
  if (filter.from) {
    const ago = `${filter.from.periodDays} days ago`;
    parts.push(filter.from.stage === "none" ? `not yet a customer ${ago}` : `${LIFECYCLE_LABELS[filter.from.stage]} ${ago}`);
  }
  return parts.join(", ");
}
