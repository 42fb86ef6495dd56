/**
 * The subset filter behind "re-segment only customers with at least 3 orders": pure, over loaded data,
 * with every exclusion counted by reason.
 */
import { PersonaError } from '../../lib/errors.ts';
import { attributeFrame, orderAndSpendColumns, readTableMeaning } from '../features/column-meaning.ts';
import type { CustomerInput, TextInput, TransactionInput } from '../features/inputs.ts';
import type { SubsetFilter } from './options.ts';

export interface SubsetData {
  readonly customers: readonly CustomerInput[];
  /** Loaded transaction lines; or give `lines`, what the filters read from them (the database computes it). */
  readonly transactions?: readonly TransactionInput[];
  readonly lines?: LineFacts;
  readonly texts: readonly TextInput[];
}

export interface OrderStats {
  readonly orders: number;
  readonly spend: number;
}

/** Per-customer values each wanted attribute column takes on the lines, lower-cased. */
export type LineValues = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;

/** What the subset filters read from transaction lines, per customer: O(customers), not O(lines). */
export interface LineFacts {
  /** Whether there are any lines at all (else order and spend come from the customer table). */
  readonly any: boolean;
  /** Customers with a line that is not a cancellation; the others have 0 orders and 0 spend. */
  readonly orderStats: ReadonlyMap<string, OrderStats>;
  /** Only for the subset's attribute columns. */
  readonly attributeValues: LineValues;
  /** Customers with a line in the subset's active window (empty without a window). */
  readonly activeInWindow: ReadonlySet<string>;
}

/**
 * Orders and spend per customer: what order and spend filters compare. Orders are the distinct order ids
 * of lines that are not cancellations, each line without an order id its own order; spend adds the
 * positive amounts (else quantity × price) of those lines, in line order.
 */
export function orderStats(transactions: readonly TransactionInput[]): Map<string, OrderStats> {
  const orders = new Map<string, { ids: Set<string>; loose: number; spend: number }>();
  for (const t of transactions) {
    if (t.isCancellation) continue;
    let o = orders.get(t.customerId);
    if (!o) orders.set(t.customerId, (o = { ids: new Set(), loose: 0, spend: 0 }));
    if (t.orderId === null) o.loose++;
    else o.ids.add(t.orderId);
    const amount = t.amount ?? (t.quantity !== null && t.price !== null ? t.quantity * t.price : 0);
    if (amount > 0) o.spend += amount;
  }
  const out = new Map<string, OrderStats>();
  for (const [id, o] of orders) out.set(id, { orders: o.ids.size + o.loose, spend: o.spend });
  return out;
}

/** The line facts of loaded lines for this subset: what the database computes otherwise. */
export function lineFacts(transactions: readonly TransactionInput[], subset: SubsetFilter | undefined): LineFacts {
  const window = activeWindow(subset);
  const activeInWindow = new Set<string>();
  if (window) for (const t of transactions) if (window(t.at)) activeInWindow.add(t.customerId);
  return {
    any: transactions.length > 0,
    orderStats: orderStats(transactions),
    attributeValues: subset?.attributes ? transactionAttributeValues(transactions, Object.keys(subset.attributes)) : new Map(),
    activeInWindow,
  };
}

/** Whether a time falls in the subset's active window; null without one. */
function activeWindow(subset: SubsetFilter | undefined): ((at: number | null) => boolean) | null {
  const from = subset?.activeFrom ? Date.parse(subset.activeFrom) : null;
  const to = subset?.activeTo ? Date.parse(subset.activeTo) : null;
  if (from === null && to === null) return null;
  return (at) => at !== null && (from === null || at >= from) && (to === null || at <= to);
}

export function applySubset(
  universe: readonly string[],
  data: SubsetData,
  subset: SubsetFilter | undefined,
  segmentMembers: ReadonlySet<string> | null,
): { kept: string[]; excluded: Record<string, number> } {
  const excluded: Record<string, number> = {};
  if (!subset || !Object.keys(subset).length) return { kept: [...universe], excluded };
  const lines = data.lines ?? lineFacts(data.transactions ?? [], subset);
  const needsOrders = [subset.minOrders, subset.maxOrders, subset.minSpend, subset.maxSpend].some((v) => v !== undefined);
  if (needsOrders && !lines.any && !data.customers.length) {
    throw new PersonaError('bad_option', 'order and spend filters need transactions or a customer table with purchase columns');
  }
  const stats = lines.orderStats;
  const attrs = new Map(data.customers.map((c) => [c.id, c.attributes]));
  // Which table columns count purchases and spend: the same general rule as the features.
  const tableColumns = lines.any ? { orders: [], spend: [] } : orderAndSpendColumns(readTableMeaning(attributeFrame(data.customers.map((c) => c.attributes))));
  if (!lines.any) {
    const none = (what: string) => new PersonaError('bad_option', `${what} filters need a customer table column read as ${what === 'order' ? 'a purchase count' : 'spend'}, and none was found (give one the role amount with --map COLUMN=amount, or name it with a purchase or money word)`);
    if ((subset.minOrders !== undefined || subset.maxOrders !== undefined) && !tableColumns.orders.length) throw none('order');
    if ((subset.minSpend !== undefined || subset.maxSpend !== undefined) && !tableColumns.spend.length) throw none('spend');
  }
  const tableOrders = (id: string) => sumOf(attrs.get(id), tableColumns.orders);
  const tableSpend = (id: string) => sumOf(attrs.get(id), tableColumns.spend);
  const window = activeWindow(subset);
  const active = window ? new Set([...lines.activeInWindow, ...data.texts.filter((t) => window(t.at)).map((t) => t.customerId)]) : null;
  const keyword = subset.textContains?.toLowerCase();
  const mentions = keyword ? new Set(data.texts.filter((t) => t.body.toLowerCase().includes(keyword)).map((t) => t.customerId)) : null;
  const ids = subset.customerIds ? new Set(subset.customerIds) : null;
  const lineValues = lines.attributeValues;

  const kept: string[] = [];
  const drop = (reason: string) => (excluded[reason] = (excluded[reason] ?? 0) + 1);
  for (const id of universe) {
    const s = stats.get(id);
    const orders = lines.any ? (s?.orders ?? 0) : tableOrders(id);
    const spend = lines.any ? (s?.spend ?? 0) : tableSpend(id);
    if (subset.minOrders !== undefined && orders < subset.minOrders) drop('fewer_orders');
    else if (subset.maxOrders !== undefined && orders > subset.maxOrders) drop('more_orders');
    else if (subset.minSpend !== undefined && spend < subset.minSpend) drop('lower_spend');
    else if (subset.maxSpend !== undefined && spend > subset.maxSpend) drop('higher_spend');
    else if (subset.attributes && !matchesAttributes(id, subset.attributes, attrs, lineValues)) drop('attribute_mismatch');
    else if (active && !active.has(id)) drop('inactive_in_window');
    else if (mentions && !mentions.has(id)) drop('no_matching_text');
    else if (ids && !ids.has(id)) drop('not_in_list');
    else if (segmentMembers && !segmentMembers.has(id)) drop('not_in_segment');
    else kept.push(id);
  }
  return { kept, excluded };
}

function sumOf(attributes: Readonly<Record<string, unknown>> | undefined, columns: readonly string[]): number {
  if (!attributes) return 0;
  let sum = 0;
  for (const c of columns) if (typeof attributes[c] === 'number') sum += attributes[c] as number;
  return sum;
}

/** Per customer, the lower-cased values each wanted column takes on their transaction lines. */
function transactionAttributeValues(transactions: readonly TransactionInput[], columns: readonly string[]): LineValues {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const t of transactions) {
    for (const column of columns) {
      const v = t.attributes[column];
      if (v === undefined || v === null) continue;
      let byColumn = out.get(t.customerId);
      if (!byColumn) out.set(t.customerId, (byColumn = new Map()));
      let values = byColumn.get(column);
      if (!values) byColumn.set(column, (values = new Set()));
      values.add(String(v).toLowerCase());
    }
  }
  return out;
}

function matchesAttributes(
  id: string,
  wanted: Readonly<Record<string, readonly string[]>>,
  attrs: Map<string, Readonly<Record<string, unknown>>>,
  lineValues: LineValues,
): boolean {
  const own = attrs.get(id);
  return Object.entries(wanted).every(([column, values]) => {
    const lower = values.map((v) => v.toLowerCase());
    const direct = own?.[column];
    if (direct !== undefined && direct !== null) return lower.includes(String(direct).toLowerCase());
    // Transaction attributes (e.g. Country on invoice lines): any line matching counts.
    const seen = lineValues.get(id)?.get(column);
    return Boolean(seen && lower.some((v) => seen.has(v)));
  });
}
