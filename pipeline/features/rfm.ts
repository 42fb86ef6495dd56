/**
 * Recency / frequency / monetary and purchase-habit features from per-customer purchase aggregates
 * (`transaction-aggregates.ts`: computed in memory from lines, or by the database).
 *
 * Blocks: money and volume ("what the customer is worth") go to `value` — frequency_orders,
 * monetary_total, avg_order_value, avg_basket_items. Timing and habits ("how they buy") go to
 * `behavioural` — recency, tenure, cadence, cancellations, product range, channel and time-of-week mix.
 * Counts of events are zero for customers without transactions; everything else is imputed later.
 */
import type { TransactionInput } from './inputs.ts';
import { levelSlug } from './names.ts';
import { dayMs } from './time.ts';
import { aggregateTransactions, type CustomerPurchaseAggregate } from './transaction-aggregates.ts';
import { FeatureCollector, type Extraction } from './types.ts';

/** Channel levels beyond this many (by order count) get no share column of their own. */
const maxChannels = 6;

/**
 * The choices made from all customers' lines, so customers the extraction never saw get the same
 * columns: the channels with a share column, and whether any line named a product. Stored with a run.
 */
export interface RfmFit {
  readonly channels: readonly string[];
  readonly products: boolean;
}

export interface RfmExtraction extends Extraction {
  readonly fit: RfmFit;
}

export function extractRfm(
  transactions: readonly TransactionInput[],
  index: ReadonlyMap<string, number>,
  referenceTime: number | null,
  given?: RfmFit,
): RfmExtraction {
  return extractRfmFromAggregates(aggregateTransactions(transactions), index, referenceTime, given);
}

/** `given`: an earlier extraction's fit, used instead of choosing channels from these customers. */
export function extractRfmFromAggregates(
  aggregates: readonly CustomerPurchaseAggregate[],
  index: ReadonlyMap<string, number>,
  referenceTime: number | null,
  given?: RfmFit,
): RfmExtraction {
  const out = new FeatureCollector(index.size);
  const accounts: (CustomerPurchaseAggregate | undefined)[] = new Array(index.size);
  const channelsOf: (Map<string, number> | undefined)[] = new Array(index.size);
  let hasProducts = false;
  let hasChannel = false;
  let unknown = 0;
  for (const a of aggregates) {
    const row = index.get(a.customerId);
    if (row === undefined) {
      unknown += a.lines;
      continue;
    }
    accounts[row] = a;
    channelsOf[row] = channelLevels(a.channelOrders);
    if (a.distinctProducts > 0) hasProducts = true;
    if ((channelsOf[row] as Map<string, number>).size > 0) hasChannel = true;
  }

  const frequency = out.column('value', 'frequency_orders', 'number of distinct orders, cancellations excluded', { unit: 'orders', absent: 'zero' });
  const monetary = out.column('value', 'monetary_total', 'total spend over all orders, cancellations and non-positive prices excluded', { unit: 'money', absent: 'zero' });
  const aov = out.column('value', 'avg_order_value', 'average spend per order', { unit: 'money' });
  const basket = out.column('value', 'avg_basket_items', 'average number of items per order', { unit: 'items' });
  const timed = referenceTime !== null;
  const recency = timed ? out.column('behavioural', 'recency_days', 'days since the last purchase', { unit: 'days' }) : null;
  const tenure = timed ? out.column('behavioural', 'tenure_days', 'days from the first purchase to the reference date', { unit: 'days' }) : null;
  const cadence = out.column('behavioural', 'purchase_cadence_days', 'mean days between orders (tenure when there is one order)', { unit: 'days' });
  const cancelRate = out.column('behavioural', 'cancellation_rate', 'share of transaction lines that were cancellations or returns', { unit: 'share' });
  if (given) hasProducts = given.products;
  const products = hasProducts ? out.column('behavioural', 'distinct_products', 'number of different products bought', { unit: 'products', absent: 'zero' }) : null;
  const channels = given ? given.channels.map((level) => shareColumn(level, out)) : hasChannel ? topChannels(channelsOf, out) : [];
  const weekend = out.column('behavioural', 'weekend_order_share', 'share of orders placed on a Saturday or Sunday (UTC)', { unit: 'share' });
  const evening = out.column('behavioural', 'evening_order_share', 'share of orders placed between 18:00 and 24:00 (UTC)', { unit: 'share' });

  let without = 0;
  for (let row = 0; row < index.size; row++) {
    const a = accounts[row];
    if (!a) {
      without++;
      continue;
    }
    const n = a.orders;
    frequency[row] = n;
    monetary[row] = a.monetary;
    cancelRate[row] = a.cancelledLines / a.lines;
    if (products) products[row] = a.distinctProducts;
    if (n === 0) continue; // only cancellations: per-order features stay missing
    aov[row] = a.monetary / n;
    basket[row] = a.items / n;
    for (const { level, values } of channels) values[row] = (channelsOf[row]?.get(level) ?? 0) / n;
    if (a.timedOrders === 0 || a.firstOrderAt === null || a.lastOrderAt === null) continue;
    const first = a.firstOrderAt;
    const last = a.lastOrderAt;
    weekend[row] = a.weekendOrders / a.timedOrders;
    evening[row] = a.eveningOrders / a.timedOrders;
    if (a.timedOrders > 1) cadence[row] = (last - first) / (a.timedOrders - 1) / dayMs;
    if (referenceTime === null) continue;
    (recency as Float64Array)[row] = (referenceTime - last) / dayMs;
    (tenure as Float64Array)[row] = (referenceTime - first) / dayMs;
    if (a.timedOrders === 1) cadence[row] = (referenceTime - first) / dayMs;
  }
  out.count('transactions_unknown_customer', unknown);
  out.count('customers_without_transactions', without);
  if (!timed) out.notes.push('transactions: no reference time, so recency and tenure were not computed');
  return { ...out.result(), fit: { channels: channels.map((c) => c.level), products: hasProducts } };
}

/** Orders per channel level: "Web", "web " and "WEB" are one channel; no letters or digits → "unnamed". */
function channelLevels(raw: Readonly<Record<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [value, orders] of Object.entries(raw)) {
    const level = levelSlug(value) || 'unnamed';
    out.set(level, (out.get(level) ?? 0) + orders);
  }
  return out;
}

/** Share columns for the most common channels (by order count, ties by name), in that order. */
function topChannels(channelsOf: readonly (Map<string, number> | undefined)[], out: FeatureCollector): { level: string; values: Float64Array }[] {
  const counts = new Map<string, number>();
  for (const c of channelsOf) for (const [level, orders] of c ?? []) counts.set(level, (counts.get(level) ?? 0) + orders);
  const levels = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([l]) => l);
  if (levels.length > maxChannels) out.notes.push(`transactions: ${levels.length - maxChannels} channel(s) beyond the top ${maxChannels} have no share column`);
  return levels.slice(0, maxChannels).map((level) => shareColumn(level, out));
}

function shareColumn(level: string, out: FeatureCollector): { level: string; values: Float64Array } {
  return { level, values: out.column('behavioural', `share_${level}`, `share of orders placed via ${level.replace(/_/g, ' ')}`, { unit: 'share' }) };
}
