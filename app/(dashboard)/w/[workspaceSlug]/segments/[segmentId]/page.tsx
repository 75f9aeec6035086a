import type { Metadata } from "next";
import { z } from "zod";
import { requireWorkspace } from "@/lib/auth/workspace";
import { db } from "@/lib/db";
import { builderCatalog, MEMBERS_PAGE_SIZE, referenceOptions, segmentDetail } from "@/lib/dal/segments";
import { segmentFromParams } from "@/lib/dal/segment-param";
import { archiveSegmentAction, deleteSegmentAction, duplicateSegmentAction } from "@/lib/actions/segments";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Badge, Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { SegmentActions } from "./segment-actions";
import { SizeHistoryChart } from "./size-history-chart";
import { MembersTable } from "./members-table";
import { ReadOnlyRules } from "./read-only-rules";

export const metadata: Metadata = { title: "Segment" };

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export default async function SegmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string; segmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug, segmentId } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  await segmentFromParams(workspace.id, segmentId);
  const { page } = querySchema.parse(await searchParams);
  const [detail, total, catalog, refs] = await Promise.all([
    segmentDetail(workspace.id, segmentId, page),
    db.customer.count({ where: { workspaceId: workspace.id } }),
    builderCatalog(workspace.id),
    referenceOptions(workspace.id),
  ]);
  const { segment, size } = detail;
  const base = `/w/${workspace.slug}/segments`;
  const pageCount = Math.max(1, Math.ceil(size / MEMBERS_PAGE_SIZE));

  return (
    <>
      <PageHeader
        title={segment.name}
        description={segment.description ?? undefined}
        actions={
          can("segments.write") && (
            <SegmentActions
              base={base}
              id={segment.id}
              name={segment.name}
              archived={segment.archivedAt !== null}
              duplicate={duplicateSegmentAction.bind(null, workspace.id)}
              archive={archiveSegmentAction.bind(null, workspace.id)}
              remove={deleteSegmentAction.bind(null, workspace.id)}
            />
          )
        }
      />
      {segment.archivedAt && (
        <p className="mb-4">
          <Badge tone="amber">Archived {formatDateTime(segment.archivedAt)}</Badge>
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
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
        <Card>
          <CardHeader title="Rules" />
          <CardBody>
            <ReadOnlyRules root={segment.definition.root} catalog={catalog} refs={refs} />
          </CardBody>
        </Card>
      </div>
      <Card className="mt-6">
        <CardHeader title="Members" description={`${formatNumber(size)} customers match today.`} />
        <MembersTable
          rows={detail.members.map((m) => ({
            id: Number(m.id),
            externalId: m.externalId,
            name: [m.firstName, m.lastName].filter(Boolean).join(" "),
            email: m.email,
            location: [m.city, m.country].filter(Boolean).join(", "),
          }))}
          customersBase={`/w/${workspace.slug}/customers`}
          page={page}
          pageCount={pageCount}
          total={size}
        />
      </Card>
    </>
  );
}
