import "server-only";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { orderTotals, type CustomerOrderTotals } from "@/lib/dal/customers";
import { customerValueSummaryIn, type CustomerValueSummary } from "@/lib/dal/customer-value";
import { customerSegmentMatchesIn, type CustomerSegmentMatch } from "@/lib/dal/segments";

export type CustomerProfileInsights = {
  value: CustomerValueSummary;
  /** The order totals at the top of the profile: the same order value as `value.orders`. */
  totals: CustomerOrderTotals;
  segments: CustomerSegmentMatch[];
};

/**
 * What the customer profile shows about a customer's value and segments, in one read transaction
 * under the interactive time limit: the value summary (order value, RFM computed once, lifecycle),
 * the order totals from that same order value, and each active segment (at most `segmentLimit`)
 * explained in memory with those RFM scores. Null when the workspace has no such customer.
 */
export async function customerProfileInsights(
  workspaceId: string,
  customerId: number,
  options: { now: Date; segmentLimit?: number },
): Promise<CustomerProfileInsights | null> {
  return withStatementTimeout(async (db) => {
    const value = await customerValueSummaryIn(db, workspaceId, customerId, options.now);
    if (!value) return null;
    const events = await db.event.count({ where: { workspaceId, customerId } });
    const rfm = value.rfm ? { recency: value.rfm.recency, frequency: value.rfm.frequency, monetary: value.rfm.monetary } : null;
    const segments = await customerSegmentMatchesIn(db, workspaceId, customerId, {
      limit: options.segmentLimit ?? 25,
      now: options.now,
      rfm,
    });
    return { value, totals: orderTotals(value.orders, events), segments };
  });
}
