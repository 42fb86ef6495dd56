/**
 * Everything a segmentation reads from transaction lines, computed by the database per customer, so the
 * lines themselves never reach JavaScript: the purchase aggregates (RFM features), the purchase
 * histories (value stage), the activity counts (hour-of-day and weekday profiles) and what the subset
 * filter compares. Memory is a few records per customer, whatever the number of lines.
 */
import type { Db } from '../../db/client.ts';
import { customerActivityCounts } from '../../db/queries/customer-activity.ts';
import { customerPurchaseHistories } from '../../db/queries/purchase-histories.ts';
import { customerLineAttributeValues, customerOrderStats, customersActiveBetween } from '../../db/queries/subset-facts.ts';
import { activityWidth, type CustomerActivity } from '../../pipeline/describe/activity.ts';
import type { CustomerPurchaseAggregate } from '../../pipeline/features/transaction-aggregates.ts';
import type { SubsetFilter } from '../../pipeline/segment/options.ts';
import type { LineFacts, OrderStats } from '../../pipeline/segment/subset.ts';
import type { CustomerPurchaseHistory } from '../../pipeline/value/purchase-history.ts';
import { loadPurchaseAggregates } from './purchase-aggregates.ts';

export interface LineSummaries {
  /** Every customer with a line, by id ascending. */
  readonly aggregates: readonly CustomerPurchaseAggregate[];
  readonly histories: readonly CustomerPurchaseHistory[];
  readonly activity: CustomerActivity;
  readonly facts: LineFacts;
}

export async function loadLineSummaries(db: Db, datasetIds: readonly number[], subset: SubsetFilter | undefined): Promise<LineSummaries> {
  const aggregates = await loadPurchaseAggregates(db, datasetIds);
  const histories = await customerPurchaseHistories(db, datasetIds);
  const activityRows = await customerActivityCounts(db, datasetIds);
  const counts = new Uint32Array(activityRows.length * activityWidth);
  activityRows.forEach((r, i) => counts.set(r.counts, i * activityWidth));
  const activity = { customerIds: activityRows.map((r) => r.customerId), counts };
  return { aggregates, histories, activity, facts: await lineFacts(db, datasetIds, subset, aggregates.length > 0) };
}

/** The subset's line facts; only what its filters read is queried. */
async function lineFacts(db: Db, datasetIds: readonly number[], subset: SubsetFilter | undefined, any: boolean): Promise<LineFacts> {
  const needsOrders = [subset?.minOrders, subset?.maxOrders, subset?.minSpend, subset?.maxSpend].some((v) => v !== undefined);
  const orderStats = new Map<string, OrderStats>();
  if (needsOrders) for (const r of await customerOrderStats(db, datasetIds)) orderStats.set(r.customerId, { orders: r.orders, spend: r.spend });
  const attributeValues = new Map<string, Map<string, Set<string>>>();
  for (const r of await customerLineAttributeValues(db, datasetIds, Object.keys(subset?.attributes ?? {}))) {
    let byColumn = attributeValues.get(r.customerId);
    if (!byColumn) attributeValues.set(r.customerId, (byColumn = new Map()));
    let values = byColumn.get(r.column);
    if (!values) byColumn.set(r.column, (values = new Set()));
    values.add(String(r.value).toLowerCase());
  }
  const from = subset?.activeFrom ? Date.parse(subset.activeFrom) : null;
  const to = subset?.activeTo ? Date.parse(subset.activeTo) : null;
  // An unreadable bound matches no time, as in memory (NaN compares false there, but sorts high in SQL).
  const readable = !Number.isNaN(from) && !Number.isNaN(to);
  const activeInWindow = new Set(readable && (from !== null || to !== null) ? await customersActiveBetween(db, datasetIds, from, to) : []);
  return { any, orderStats, attributeValues, activeInWindow };
}

/** The same summaries for only these customers (the ones a subset kept). */
export function keepCustomers(summaries: LineSummaries, keep: ReadonlySet<string>): Pick<LineSummaries, 'aggregates' | 'histories' | 'activity'> {
  const rows = summaries.activity.customerIds.flatMap((id, i) => (keep.has(id) ? [i] : []));
  const counts = new Uint32Array(rows.length * activityWidth);
  rows.forEach((r, i) => counts.set(summaries.activity.counts.subarray(r * activityWidth, (r + 1) * activityWidth), i * activityWidth));
  return {
    aggregates: summaries.aggregates.filter((a) => keep.has(a.customerId)),
    histories: summaries.histories.filter((h) => keep.has(h.customerId)),
    activity: { customerIds: rows.map((r) => summaries.activity.customerIds[r] as string), counts },
  };
}
