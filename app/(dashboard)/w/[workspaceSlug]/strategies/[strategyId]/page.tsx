import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { AlertTriangle, BarChart3, Download, GitCompare } from "lucide-react";
import { requireWorkspaceStrategy } from "@/lib/auth/params";
import { myRatings, strategyFormChoices, type StrategyForPage } from "@/lib/dal/strategies";
import { deleteStrategyAction, rateSegmentAction, updateStrategyAction } from "@/lib/actions/strategies";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { SegmentError } from "@/lib/segments/errors";
import { strategyPlan, type StrategyPlan } from "@/lib/targeting/plan";
import type { ActionResult } from "@/lib/actions/safe-action";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Badge, Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { STRATEGY_TYPES } from "@/lib/validations/strategy";
import { StrategyForm } from "../strategy-form";
import { StatusBadge } from "../strategy-labels";
import { TargetsBridge } from "../targets-bridge";
import { ScoresBubbleChart } from "./bubble-chart";
import { UseSegmentsButton } from "./recommendation";
import { ExclusionsTable, ScoresTable, TargetsTable } from "./report-tables";
import { DeleteStrategyButton } from "./strategy-actions";

export const metadata: Metadata = { title: "Strategy" };

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export default async function StrategyPage({ params }: { params: Promise<{ workspaceSlug: string; strategyId: string }> }) {
  const { workspace, user, can, strategy } = await requireWorkspaceStrategy(await params);
  const choices = await strategyFormChoices(workspace.id);
  const base = `/w/${workspace.slug}/strategies`;
  const canEdit = can("strategies.write");
  return (
    <TargetsBridge>
      <PageHeader
        title={strategy.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={strategy.status} />
            <Badge tone="brand">{STRATEGY_TYPES[strategy.type].label}</Badge>
            <span>
              Version {strategy.version} · saved {formatDateTime(strategy.updatedAt)}
              {strategy.updatedBy ? ` by ${strategy.updatedBy}` : ""}
            </span>
          </span>
        }
        actions={
          <>
            <a href="#report-title" className={buttonClasses("ghost")}>
              <BarChart3 className="size-4" /> Report
            </a>
            <a href={`${base}/${strategy.id}/export`} className={buttonClasses("secondary")}>
              <Download className="size-4" /> Export audience (CSV)
            </a>
            <Link href={`${base}/compare?a=${encodeURIComponent(strategy.id)}`} className={buttonClasses("secondary")}>
              <GitCompare className="size-4" /> Compare
            </Link>
            {canEdit && <DeleteStrategyButton base={base} id={strategy.id} name={strategy.name} remove={deleteStrategyAction.bind(null, workspace.id)} />}
          </>
        }
      />
      {!strategy.configReadable && (
        <p role="alert" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          The saved segments and settings of this strategy could not be read; the form starts empty. Saving replaces them.
        </p>
      )}
      <StrategyForm
        base={base}
        strategyId={strategy.id}
        version={strategy.version}
        readOnly={!canEdit}
        save={updateStrategyAction.bind(null, workspace.id)}
        choices={choices}
        initial={{
          name: strategy.name,
          description: strategy.description,
          type: strategy.type,
          status: strategy.status,
          periodStart: iso(strategy.periodStart),
          periodEnd: iso(strategy.periodEnd),
          budget: strategy.budget,
          ownerId: strategy.ownerId,
          config: strategy.config,
        }}
      />
      <section aria-labelledby="report-title" className="mt-10 scroll-mt-6 space-y-6">
        <div>
          <h2 id="report-title" className="scroll-mt-6 text-xl font-semibold tracking-tight text-slate-900">
            Report
          </h2>
          <p className="mt-1 text-sm text-slate-500">Computed live from the saved strategy (version {strategy.version}) and today&apos;s customer data.</p>
        </div>
        {strategy.configReadable ? (
          <Suspense fallback={<ReportSkeleton />}>
            <PlanReport workspaceId={workspace.id} userId={user.id} strategy={strategy} canEdit={canEdit} />
          </Suspense>
        ) : (
          <p className="text-sm text-slate-600">The report appears once the strategy is saved again.</p>
        )}
      </section>
    </TargetsBridge>
  );
}

/** The report streams in after the form: computing the plan can take a few seconds on a large base. */
async function PlanReport({ workspaceId, userId, strategy, canEdit }: { workspaceId: string; userId: string; strategy: StrategyForPage; canEdit: boolean }) {
  const [mine, plan] = await Promise.all([
    myRatings(workspaceId, strategy.id, userId),
    // A slow count or a segment whose rules no longer resolve must not break the page.
    strategyPlan(workspaceId, { id: strategy.id, type: strategy.type, config: strategy.config }).catch((error: unknown) => {
      if (error instanceof QueryTimeoutError || error instanceof SegmentError) return error;
      throw error;
    }),
  ]);
  if (plan instanceof Error)
    return (
      <Card>
        <CardBody>
          <p role="alert" className="flex items-start gap-2 text-sm text-slate-700">
            <AlertTriangle className="mt-0.5 size-4 shrink-0 text-amber-600" />
            <span>
              The report could not be computed: {plan.message} {plan instanceof SegmentError ? "Check the rules of the chosen and excluded segments and personas." : ""}
            </span>
          </p>
        </CardBody>
      </Card>
    );
  return <Report plan={plan} strategy={strategy} mine={mine} canEdit={canEdit} rate={rateSegmentAction.bind(null, workspaceId)} />;
}

function ReportSkeleton() {
  return (
    <div className="animate-pulse space-y-6" aria-busy="true" aria-label="Computing the report">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-24 rounded-xl bg-white ring-1 ring-slate-200" />
        ))}
      </div>
      <div className="h-56 rounded-xl bg-white ring-1 ring-slate-200" />
      <div className="h-96 rounded-xl bg-white ring-1 ring-slate-200" />
    </div>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card className="px-4 py-3">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </p>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </Card>
  );
}

const pct = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(1)}%` : "—");

function Report({
  plan,
  strategy,
  mine,
  canEdit,
  rate,
}: {
  plan: StrategyPlan;
  strategy: StrategyForPage;
  mine: Record<string, { score: number; note: string | null }>;
  canEdit: boolean;
  rate: (input: unknown) => Promise<ActionResult<{ score: number }>>;
}) {
  const chosen = new Set(strategy.config.targets.map((t) => t.segmentId));
  const notCounted = plan.sumOfSizes - plan.targets.reduce((s, t) => s + t.assigned.customers, 0);
  const names = new Map(plan.scores.map((s) => [s.segmentId, s.name]));
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        <Stat
          label="Audience"
          testId="reach-audience"
          value={formatNumber(plan.audience.customers)}
          hint={
            strategy.type === "UNDIFFERENTIATED"
              ? `${pct(plan.audience.customers, plan.base.customers)} of ${formatNumber(plan.base.customers)} customers`
              : `vs ${formatNumber(plan.sumOfSizes)} summed segment sizes`
          }
        />
        <Stat label="Share of base" testId="reach-share" value={pct(plan.audience.customers, plan.base.customers)} hint={`of ${formatNumber(plan.base.customers)} customers`} />
        <Stat label="Contacted" testId="reach-contacted" value={formatNumber(plan.contacted)} hint="The audience minus the holdout" />
        <Stat
          label="Held out"
          testId="reach-held-out"
          value={formatNumber(plan.heldOut.customers)}
          hint={strategy.config.holdoutPercent > 0 ? `${strategy.config.holdoutPercent}% control group${strategy.holdoutFrozenAt ? ", stored on activation" : ""}` : "No control group"}
        />
        <Stat label="Expected value" testId="reach-expected-value" value={formatMoney(plan.expectedValue)} hint="Lifetime value × margin − cost to serve" />
      </div>
      <span hidden data-testid="reach-sum-of-sizes">
        {plan.sumOfSizes}
      </span>
      <span hidden data-testid="reach-audience-raw">
        {plan.audience.customers}
      </span>

      <Card>
        <CardHeader
          title="Reach per segment"
          description={
            strategy.type === "UNDIFFERENTIATED"
              ? "Everyone, minus the exclusions."
              : `In priority order. Size: the segment as defined. Assigned: what it keeps after deduplication (a customer in several segments goes to the first) and exclusions${notCounted > 0 ? ` — ${formatNumber(notCounted)} fewer in all than the summed sizes` : ""}.`
          }
        />
        <TargetsTable
          rows={plan.targets.map((t, i) => ({
            key: `${t.segmentId ?? "all"}-${i}`,
            priority: t.priority,
            name: t.name,
            size: t.size,
            assigned: t.assigned,
            heldOut: t.heldOut,
            contacted: t.contacted,
            expectedValue: t.expectedValue,
          }))}
        />
        {plan.overlapWarnings.length > 0 && (
          <div className="border-t border-slate-100 px-5 py-3">
            <ul className="space-y-1 text-sm text-amber-900" data-testid="overlap-warnings">
              {plan.overlapWarnings.map((w) => (
                <li key={`${w.a}|${w.b}`} className="flex items-start gap-2">
                  <AlertTriangle className="mt-0.5 size-4 shrink-0 text-amber-600" />
                  <span>
                    {w.a} and {w.b} share {formatNumber(w.shared)} customers ({Math.round(w.share * 100)}% of the smaller one): they go to {w.a}, the higher priority.
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <Card>
        <CardHeader
          title="Exclusions"
          description={`What each exclusion removes on its own from ${strategy.type === "UNDIFFERENTIATED" ? "all customers" : "the chosen segments' customers"}; together they remove ${formatNumber(plan.excluded.customers)} customers (${formatMoney(plan.excluded.revenue)} revenue).`}
        />
        <ExclusionsTable rows={plan.exclusions.map((e, i) => ({ key: `${e.kind}-${e.id ?? i}`, kind: e.kind, name: e.name, removed: e.removed }))} />
        {plan.negativePersonas.some((p) => p.off) && (
          <ul className="space-y-1 border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
            {plan.negativePersonas
              .filter((p) => p.off)
              .map((p) => (
                <li key={p.id}>
                  <span className="font-medium text-slate-900">{p.name}</span> is not excluded: {p.off}
                </li>
              ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardHeader
          title="Segment scores"
          description={`The chosen segments and the most recently updated others, ranked by score (weights ${strategy.config.weights.attractiveness} / ${strategy.config.weights.profitability} / ${strategy.config.weights.compatibility}). Rate how well each fits your brand and capabilities: every member's rating counts.`}
        />
        <HowScoresWork />
        {plan.scores.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-slate-500">There are no active segments to score yet.</p>
        ) : (
          <>
            <div data-testid="scores-table">
              <ScoresTable
                strategyId={strategy.id}
                rate={rate}
                rows={plan.scores.map((s) => ({
                  segmentId: s.segmentId,
                  rank: s.rank,
                  name: s.name,
                  chosen: chosen.has(s.segmentId),
                  size: s.size,
                  score: s.score,
                  attractiveness: s.attractiveness,
                  profitability: s.profitability,
                  compatibility: s.compatibility,
                  zone: s.zone,
                  compatibilityMean: s.compatibilityMean,
                  ratingSpread: s.ratingSpread,
                  ratings: s.ratings.length,
                  mine: mine[s.segmentId] ?? null,
                }))}
              />
            </div>
            <div className="border-t border-slate-100 px-5 py-4">
              <ScoresBubbleChart
                points={plan.scores.map((s) => ({
                  id: s.segmentId,
                  name: s.name,
                  attractiveness: s.attractiveness,
                  profitability: s.profitability,
                  compatibility: s.compatibility,
                  size: s.size,
                  score: s.score,
                  chosen: chosen.has(s.segmentId),
                }))}
              />
            </div>
          </>
        )}
      </Card>

      <Card>
        <CardHeader
          title="Recommendation"
          description={`For a ${STRATEGY_TYPES[strategy.type].label.toLowerCase()} strategy.`}
          action={<UseSegmentsButton segmentIds={plan.recommendation.segmentIds} canEdit={canEdit} />}
        />
        <CardBody className="space-y-3">
          {plan.recommendation.segmentIds.length > 0 && (
            <ol className="flex flex-wrap gap-2" data-testid="recommended-segments">
              {plan.recommendation.segmentIds.map((id, i) => (
                <li key={id}>
                  <Badge tone="brand">
                    {i + 1}. {names.get(id) ?? "Segment"}
                  </Badge>
                </li>
              ))}
            </ol>
          )}
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
            {plan.recommendation.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </CardBody>
      </Card>
    </>
  );
}

function HowScoresWork() {
  return (
    <details className="group border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
      <summary className="cursor-pointer font-medium text-brand-700 hover:underline">How scores work</summary>
      <div className="mt-3 space-y-2">
        <p>Each candidate segment gets three factors between 0 and 1:</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <span className="font-medium text-slate-800">Attractiveness</span>: its size, its growth over about four weeks (from the size history) and its share of
            revenue.
          </li>
          <li>
            <span className="font-medium text-slate-800">Profitability</span>: value per customer (average lifetime value × margin − cost to serve, as entered for
            the segment) and average order value.
          </li>
          <li>
            <span className="font-medium text-slate-800">Compatibility</span>: the team&apos;s 1–5 ratings, averaged, as (mean − 1) / 4; 0.5 while nobody has rated.
          </li>
        </ul>
        <p>
          Every input is scaled min–max across the candidates (the smallest gets 0, the largest 1; all equal gives 0.5; an unknown growth is left out). The score
          is the weighted sum of the three factors, 0–100, with the weights set above.
        </p>
        <p>
          The zone comes from the 3 × 3 attractiveness × profitability matrix (thirds at 1/3 and 2/3): <span className="font-medium text-emerald-700">Invest</span>{" "}
          when both are high or one is high and the other medium, <span className="font-medium text-amber-700">Selective</span> on the diagonal, and{" "}
          <span className="font-medium text-red-700">Avoid</span> for the rest. Scores compare segments with each other: they are not absolute.
        </p>
      </div>
    </details>
  );
}
