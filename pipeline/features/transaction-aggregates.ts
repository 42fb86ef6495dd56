/**
 * Per-customer purchase aggregates: everything the RFM features need from transaction lines, reduced to
 * one record per customer. Computed here in memory from loaded lines, or by the database with GROUP BY
 * customer (`db/queries/customer-aggregates.ts`) so the lines never leave it; both follow the rules below
 * and a test holds them equal on both drivers.
 *
 * Rules: a line is a cancellation when flagged or when its quantity is negative. Other lines group into
 * orders by order id, else by timestamp, else each line is its own order. An order's time is its earliest
 * line; its channel the first non-empty channel value in line order. Spend is the amount, else
 * quantity × price, counted when positive and the price is not ≤ 0 (free gifts and fees are not spend).
 */
import { snakeName } from '../clean/column-kinds.ts';
import type { CustomerPurchaseAggregate, TransactionInput } from './inputs.ts';
import { isWeekend, utcHour } from './time.ts';

export type { CustomerPurchaseAggregate } from './inputs.ts';

/** Attribute keys naming a product: their values count distinct products. */
const productNames = new Set(['stock_code', 'stockcode', 'product', 'product_id', 'product_code', 'sku', 'item_id']);

export function isProductKey(key: string): boolean {
  return productNames.has(snakeName(key));
}

export function isChannelKey(key: string): boolean {
  const name = snakeName(key);
  return name === 'channel' || name.endsWith('_channel');
}

/**
 * The order in which a stored attribute object lists its keys (jsonb: shorter first, then by bytes), so
 * "the first channel key with a value" means the same in SQL and in memory.
 */
export function storedKeyOrder(keys: Iterable<string>): string[] {
  return [...keys]
    .map((k) => ({ k, b: Buffer.from(k, 'utf8') }))
    .sort((x, y) => x.b.length - y.b.length || Buffer.compare(x.b, y.b))
    .map(({ k }) => k);
}

interface Order {
  at: number | null;
  items: number;
  channel: string | null;
}

interface Account {
  lines: number;
  cancelled: number;
  monetary: number;
  latest: number | null;
  orders: Map<string, Order>;
  products: Set<string>;
}

/** The aggregates of loaded lines, by customer id in ascending order. */
export function aggregateTransactions(transactions: readonly TransactionInput[]): CustomerPurchaseAggregate[] {
  const accounts = new Map<string, Account>();
  transactions.forEach((t, line) => {
    let a = accounts.get(t.customerId);
    if (!a) accounts.set(t.customerId, (a = { lines: 0, cancelled: 0, monetary: 0, latest: null, orders: new Map(), products: new Set() }));
    a.lines++;
    if (isNum(t.at) && (a.latest === null || t.at > a.latest)) a.latest = t.at;
    if (t.isCancellation || (isNum(t.quantity) && t.quantity < 0)) {
      a.cancelled++;
      return;
    }
    const key = t.orderId !== null && t.orderId !== '' ? `o:${t.orderId}` : t.at !== null ? `t:${t.at}` : `l:${line}`;
    let order = a.orders.get(key);
    if (!order) a.orders.set(key, (order = { at: null, items: 0, channel: null }));
    if (isNum(t.at) && (order.at === null || t.at < order.at)) order.at = t.at;
    order.items += isNum(t.quantity) ? t.quantity : 1;
    const value = isNum(t.amount) ? t.amount : isNum(t.quantity) && isNum(t.price) ? t.quantity * t.price : 0;
    if (value > 0 && !(isNum(t.price) && t.price <= 0)) a.monetary += value;
    for (const [k, v] of Object.entries(t.attributes)) {
      if (v === null || v === '') continue;
      if (isProductKey(k)) a.products.add(String(v));
      else if (isChannelKey(k)) order.channel ??= String(v);
    }
  });
  return [...accounts.keys()].sort(byCodeUnit).map((customerId) => summarise(customerId, accounts.get(customerId) as Account));
}

function summarise(customerId: string, a: Account): CustomerPurchaseAggregate {
  const orders = [...a.orders.values()];
  const times = orders.map((o) => o.at).filter((t): t is number => t !== null);
  const channelOrders: Record<string, number> = {};
  for (const o of orders) if (o.channel !== null) channelOrders[o.channel] = (channelOrders[o.channel] ?? 0) + 1;
  return {
    customerId,
    lines: a.lines,
    cancelledLines: a.cancelled,
    orders: orders.length,
    monetary: a.monetary,
    items: orders.reduce((s, o) => s + o.items, 0),
    timedOrders: times.length,
    firstOrderAt: times.length ? times.reduce((m, t) => (t < m ? t : m)) : null,
    lastOrderAt: times.length ? times.reduce((m, t) => (t > m ? t : m)) : null,
    weekendOrders: times.filter(isWeekend).length,
    eveningOrders: times.filter((t) => utcHour(t) >= 18).length,
    distinctProducts: a.products.size,
    channelOrders,
    latestLineAt: a.latest,
  };
}

/** Plain code-unit order, the same as the database's C collation for the ASCII ids customers carry. */
function byCodeUnit(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function isNum(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}
