/**
 * Recency / frequency / monetary and purchase-habit features from transaction lines.
 *
 * Blocks: money and volume ("what the customer is worth") go to `value` — frequency_orders,
 * monetary_total, avg_order_value, avg_basket_items. Timing and habits ("how they buy") go to
 * `behavioural` — recency, tenure, cadence, cancellations, product range, channel and time-of-week mix.
 * Counts of events are zero for customers without transactions; everything else is imputed later.
 */
import { snakeName } from '../clean/column-kinds.ts';
import type { CellValue } from '../types.ts';
import type { TransactionInput } from './inputs.ts';
import { levelSlug } from './names.ts';
import { dayMs, isWeekend, utcHour } from './time.ts';
import { FeatureCollector, type Extraction } from './types.ts';

/** Channel levels beyond this many (by order count) get no share column of their own. */
const maxChannels = 6;
const productKeys = new Set(['stock_code', 'stockcode', 'product', 'product_id', 'product_code', 'sku', 'item_id']);

interface Order {
  at: number | null;
  items: number;
  channel: string | null;
}

interface Account {
  lines: number;
  cancelled: number;
  monetary: number;
  orders: Map<string, Order>;
  products: Set<string>;
}

export function extractRfm(
  transactions: readonly TransactionInput[],
  index: ReadonlyMap<string, number>,
  referenceTime: number | null,
): Extraction {
  const out = new FeatureCollector(index.size);
  const accounts: (Account | undefined)[] = new Array(index.size);
  let hasProducts = false;
  let hasChannel = false;
  let unknown = 0;

  transactions.forEach((t, line) => {
    const row = index.get(t.customerId);
    if (row === undefined) {
      unknown++;
      return;
    }
    const a = (accounts[row] ??= { lines: 0, cancelled: 0, monetary: 0, orders: new Map(), products: new Set() });
    a.lines++;
    // A negative quantity is a return even when the order id does not say so.
    if (t.isCancellation || (isNum(t.quantity) && t.quantity < 0)) {
      a.cancelled++;
      return;
    }
    // Lines without an order id group by timestamp; without either, a line is its own order.
    const key = t.orderId !== null && t.orderId !== '' ? `o:${t.orderId}` : t.at !== null ? `t:${t.at}` : `l:${line}`;
    let order = a.orders.get(key);
    if (!order) a.orders.set(key, (order = { at: null, items: 0, channel: null }));
    if (isNum(t.at) && (order.at === null || t.at < order.at)) order.at = t.at;
    order.items += isNum(t.quantity) ? t.quantity : 1;
    const value = isNum(t.amount) ? t.amount : isNum(t.quantity) && isNum(t.price) ? t.quantity * t.price : 0;
    // Free gifts, fees and adjustments (price ≤ 0) are not spend.
    if (value > 0 && !(isNum(t.price) && t.price <= 0)) a.monetary += value;
    for (const [k, v] of Object.entries(t.attributes)) {
      const name = snakeName(k);
      if (v === null || v === '') continue;
      if (productKeys.has(name)) {
        a.products.add(String(v));
        hasProducts = true;
      } else if (name === 'channel' || name.endsWith('_channel')) {
        order.channel ??= channelLevel(v);
        hasChannel = true;
      }
    }
  });

  const frequency = out.column('value', 'frequency_orders', 'number of distinct orders, cancellations excluded', { unit: 'orders', absent: 'zero' });
  const monetary = out.column('value', 'monetary_total', 'total spend over all orders, cancellations and non-positive prices excluded', { unit: 'money', absent: 'zero' });
  const aov = out.column('value', 'avg_order_value', 'average spend per order', { unit: 'money' });
  const basket = out.column('value', 'avg_basket_items', 'average number of items per order', { unit: 'items' });
  const timed = referenceTime !== null;
  const recency = timed ? out.column('behavioural', 'recency_days', 'days since the last purchase', { unit: 'days' }) : null;
  const tenure = timed ? out.column('behavioural', 'tenure_days', 'days from the first purchase to the reference date', { unit: 'days' }) : null;
  const cadence = out.column('behavioural', 'purchase_cadence_days', 'mean days between orders (tenure when there is one order)', { unit: 'days' });
  const cancelRate = out.column('behavioural', 'cancellation_rate', 'share of transaction lines that were cancellations or returns', { unit: 'share' });
  const products = hasProducts ? out.column('behavioural', 'distinct_products', 'number of different products bought', { unit: 'products', absent: 'zero' }) : null;
  const channels = hasChannel ? topChannels(accounts, out) : [];
  const weekend = out.column('behavioural', 'weekend_order_share', 'share of orders placed on a Saturday or Sunday (UTC)', { unit: 'share' });
  const evening = out.column('behavioural', 'evening_order_share', 'share of orders placed between 18:00 and 24:00 (UTC)', { unit: 'share' });

  let without = 0;
  for (let row = 0; row < index.size; row++) {
    const a = accounts[row];
    if (!a) {
      without++;
      continue;
    }
    const orders = [...a.orders.values()];
    const n = orders.length;
    frequency[row] = n;
    monetary[row] = a.monetary;
    cancelRate[row] = a.cancelled / a.lines;
    if (products) products[row] = a.products.size;
    if (n === 0) continue; // only cancellations: per-order features stay missing
    aov[row] = a.monetary / n;
    basket[row] = orders.reduce((s, o) => s + o.items, 0) / n;
    for (const { level, values } of channels) values[row] = orders.filter((o) => o.channel === level).length / n;
    const times = orders.map((o) => o.at).filter((t): t is number => t !== null).sort((x, y) => x - y);
    if (times.length === 0) continue;
    const first = times[0] as number;
    const last = times[times.length - 1] as number;
    weekend[row] = times.filter(isWeekend).length / times.length;
    evening[row] = times.filter((t) => utcHour(t) >= 18).length / times.length;
    if (times.length > 1) cadence[row] = (last - first) / (times.length - 1) / dayMs;
    if (referenceTime === null) continue;
    (recency as Float64Array)[row] = (referenceTime - last) / dayMs;
    (tenure as Float64Array)[row] = (referenceTime - first) / dayMs;
    if (times.length === 1) cadence[row] = (referenceTime - first) / dayMs;
  }
  out.count('transactions_unknown_customer', unknown);
  out.count('customers_without_transactions', without);
  if (!timed) out.notes.push('transactions: no reference time, so recency and tenure were not computed');
  return out.result();
}

/** Share columns for the most common channels (by order count, ties by name), in that order. */
function topChannels(accounts: readonly (Account | undefined)[], out: FeatureCollector): { level: string; values: Float64Array }[] {
  const counts = new Map<string, number>();
  for (const a of accounts) for (const o of a?.orders.values() ?? []) if (o.channel !== null) counts.set(o.channel, (counts.get(o.channel) ?? 0) + 1);
  const levels = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([l]) => l);
  if (levels.length > maxChannels) out.notes.push(`transactions: ${levels.length - maxChannels} channel(s) beyond the top ${maxChannels} have no share column`);
  return levels.slice(0, maxChannels).map((level) => ({
    level,
    values: out.column('behavioural', `share_${level}`, `share of orders placed via ${level.replace(/_/g, ' ')}`, { unit: 'share' }),
  }));
}

/** "Web", "web " and "WEB" are one channel; a level with no letters or digits gets a neutral name. */
function channelLevel(v: CellValue): string {
  return levelSlug(String(v)) || 'unnamed';
}

function isNum(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}
