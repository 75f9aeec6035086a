import type { Metadata } from "next";
import Link from "next/link";
import { ListChecks } from "lucide-react";
import { z } from "zod";
import { requireWorkspaceSegment } from "@/lib/auth/params";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { SegmentError } from "@/lib/segments/errors";
import { countCustomers } from "@/lib/dal/customers";
import { segmentExclusions } from "@/lib/dal/exclusions";
import { builderCatalog, MEMBERS_PAGE_SIZE, referenceOptions, segmentDetail } from "@/lib/dal/segments";
import { archiveSegmentAction, deleteSegmentAction, duplicateSegmentAction } from "@/lib/actions/segments";
import { removeFromStaticSegment } from "@/lib/actions/segment-members";
import { draftPersonaAction } from "@/lib/actions/personas";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/format";
import { Badge, Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { ExportMenu } from "@/components/exports/export-menu";
import { DraftFromThisSegmentButton } from "@/components/personas/draft-persona";
import { ExclusionsCard } from "@/components/segments/exclusions-card";
import { SegmentActions } from "./segment-actions";
import { averagePredictedClvOf } from "@/lib/insights/clv-model";
import { SizeHistoryChart } from "./size-history-chart";
import { MembersTable } from "./members-table";
import { RulesDescriptionView } from "@/components/segments/rules-description";
import { describeRules, ruleLabels } from "@/lib/segments/describe-rules";

export const metadata: Metadata = { title: "Segment" };

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export default async function SegmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string; segmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace, can, segment: saved } = await requireWorkspaceSegment(await params);
  const segmentId = saved.id;
  const { page } = querySchema.parse(await searchParams);
  const [detail, exclusions, total, catalog, refs] = await Promise.all([
    segmentDetail(workspace.id, segmentId, page).catch((error: unknown) => {
      if (error instanceof QueryTimeoutError) return error;
      throw error;
    }),
    // A negative persona whose rules no longer resolve, or a slow count, must not break the page.
    segmentExclusions(workspace.id, segmentId).catch((error: unknown) => {
      if (error instanceof QueryTimeoutError || error instanceof SegmentError) return new Error(`Exclusions could not be applied: ${error.message}`);
      throw error;
    }),
    countCustomers(workspace.id),
    builderCatalog(workspace.id),
    referenceOptions(workspace.id),
  ]);
  if (detail instanceof QueryTimeoutError) {
    return (
      <>
        <PageHeader title={saved.name} description={saved.description ?? undefined} />
        <Card>
          <CardBody>
            <p role="alert" className="text-sm text-slate-700">
              {detail.message}
            </p>
            {can("segments.write") && (
              <Link href={`/w/${workspace.slug}/segments/${saved.id}/edit`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
                Edit the rules
              </Link>
            )}
          </CardBody>
        </Card>
      </>
    );
  }
  const { segment, size } = detail;
  const predicted = await averagePredictedClvOf(workspace.id, { segment: segment.id }).catch(() => null);
  const isStatic = segment.kind === "STATIC";
  const base = `/w/${workspace.slug}/segments`;
  const customersBase = `/w/${workspace.slug}/customers`;
  const pageCount = Math.max(1, Math.ceil(size / MEMBERS_PAGE_SIZE));
  const exportBase = `${base}/${segment.id}/export`;

  return (
    <>
      <PageHeader
        title={segment.name}
        description={segment.description ?? undefined}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <ExportMenu
              label="Export members"
              align="left"
              heading={`The ${formatNumber(size)} ${size === 1 ? "member" : "members"} of this segment`}
              items={[
                { href: `${exportBase}?format=csv`, format: "csv", label: "CSV (spreadsheets)" },
                {
                  href: `${exportBase}?format=csv&metrics=1`,
                  format: "csv",
                  label: "CSV with value metrics",
                  hint: "Adds orders, lifetime value, last order, RFM scores and segment",
                },
                { href: `${exportBase}?format=json`, format: "json", label: "JSON" },
                { href: `${exportBase}?format=json&metrics=1`, format: "json", label: "JSON with value metrics" },
              ]}
            />
            {can("personas.write") && !segment.archivedAt && size > 0 && (
              <DraftFromThisSegmentButton slug={workspace.slug} draft={draftPersonaAction.bind(null, workspace.id)} segmentId={segment.id} />
            )}
            {can("segments.write") && (
              <SegmentActions
                base={base}
                id={segment.id}
                name={segment.name}
                archived={segment.archivedAt !== null}
                duplicate={duplicateSegmentAction.bind(null, workspace.id)}
                archive={archiveSegmentAction.bind(null, workspace.id)}
                remove={deleteSegmentAction.bind(null, workspace.id)}
              />
            )}
          </div>
        }
      />
      {(segment.archivedAt || isStatic) && (
        <p className="mb-4 flex flex-wrap gap-2">
          {isStatic && <Badge tone="brand">Static · hand-picked list</Badge>}
          {segment.archivedAt && <Badge tone="amber">Archived {formatDateTime(segment.archivedAt)}</Badge>}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Card>
          <CardBody>
            <p className="text-sm text-slate-500">Customers now</p>
            <p className="text-2xl font-semibold tabular-nums" data-testid="segment-size">
              {formatNumber(size)}
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <p className="text-sm text-slate-500">Share of all customers</p>
            <p className="text-2xl font-semibold tabular-nums">{total ? ((size / total) * 100).toFixed(1) : "0.0"}%</p>
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <p className="text-sm text-slate-500">Avg. predicted value</p>
            <p className="text-2xl font-semibold tabular-nums" data-testid="segment-predicted-clv">
              {predicted?.average == null ? "—" : formatMoney(predicted.average)}
            </p>
            <p className="text-xs text-slate-500">
              {predicted === null
                ? "Could not be computed right now"
                : predicted.average === null
                  ? "No predictions yet: fit the model in Insights → Lifetime value"
                  : `Next 12 months, over ${formatNumber(predicted.predicted)} members with a prediction`}
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <p className="text-sm text-slate-500">Version</p>
            <p className="text-2xl font-semibold tabular-nums">{segment.version}</p>
            <p className="text-xs text-slate-500">
              Updated {formatDateTime(segment.updatedAt)}
              {detail.updatedBy && <> by {detail.updatedBy}</>}
            </p>
          </CardBody>
        </Card>
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader title="Size history" description="A snapshot is taken at every save." />
          <CardBody>
            <SizeHistoryChart points={detail.snapshots.map((s) => ({ at: s.takenAt.toISOString(), size: s.size }))} current={size} />
          </CardBody>
        </Card>
        {isStatic ? (
          <Card>
            <CardHeader title="Hand-picked members" />
            <CardBody className="space-y-3 text-sm text-slate-600">
              <p className="flex gap-2">
                <ListChecks className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
                <span>
                  This segment has no rules: its members are exactly the customers added to it by hand. Other segments can use it
                  in an “is in segment” rule.
                </span>
              </p>
              <p>
                To add customers, select them in the{" "}
                <Link href={customersBase} className="font-medium text-brand-700 hover:underline">
                  Customers
                </Link>{" "}
                list and choose <span className="font-medium">Add to static segment</span>. To remove some, select them below.
              </p>
            </CardBody>
          </Card>
        ) : (
          <Card>
            <CardHeader
              title="Rules"
              action={
                can("segments.write") ? (
                  <Link
                    href={`${base}/${segment.id}/edit`}
                    className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium text-brand-700 ring-1 ring-inset ring-brand-200 hover:bg-brand-50"
                  >
                    Edit rules
                  </Link>
                ) : undefined
              }
            />
            <CardBody>
              <RulesDescriptionView
                description={describeRules(segment.definition, ruleLabels(catalog, refs))}
                hrefs={{ segment: (id) => `${base}/${id}`, persona: (id) => `/w/${workspace.slug}/personas/${id}` }}
              />
            </CardBody>
          </Card>
        )}
      </div>
      <div className="mt-6">
        <ExclusionsCard
          summary={exclusions instanceof Error ? null : exclusions}
          unavailable={exclusions instanceof Error ? exclusions.message : undefined}
          personasHref={`/w/${workspace.slug}/personas`}
        />
      </div>
      <Card className="mt-6">
        <CardHeader
          title="Members"
          description={isStatic ? `${formatNumber(size)} customers added by hand.` : `${formatNumber(size)} customers match today.`}
        />
        <MembersTable
          rows={detail.members.map((m) => ({
            id: Number(m.id),
            externalId: m.externalId,
            name: [m.firstName, m.lastName].filter(Boolean).join(" "),
            email: m.email,
            location: [m.city, m.country].filter(Boolean).join(", "),
            addedAt: m.addedAt?.toISOString() ?? null,
          }))}
          customersBase={customersBase}
          page={page}
          pageCount={pageCount}
          total={size}
          staticList={
            isStatic
              ? {
                  segmentId: segment.id,
                  segmentName: segment.name,
                  remove:
                    can("segments.write") && !segment.archivedAt ? removeFromStaticSegment.bind(null, workspace.id) : undefined,
                }
              : undefined
          }
        />
      </Card>
    </>
  );
}
