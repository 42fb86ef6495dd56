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
  readonly transactions: readonly TransactionInput[];
  readonly texts: readonly TextInput[];
}

/** Orders (distinct, not cancelled) and spend per customer: what order and spend filters compare. */
export function orderStats(transactions: readonly TransactionInput[]): Map<string, { orders: number; spend: number }> {
  const orders = new Map<string, Set<string>>();
  const spend = new Map<string, number>();
  for (const t of transactions) {
    if (t.isCancellation) continue;
    let set = orders.get(t.customerId);
    if (!set) orders.set(t.customerId, (set = new Set()));
    set.add(t.orderId ?? `line-${set.size}`);
    const amount = t.amount ?? (t.quantity !== null && t.price !== null ? t.quantity * t.price : 0);
    if (amount > 0) spend.set(t.customerId, (spend.get(t.customerId) ?? 0) + amount);
  }
  const out = new Map<string, { orders: number; spend: number }>();
  for (const [id, set] of orders) out.set(id, { orders: set.size, spend: spend.get(id) ?? 0 });
  return out;
}

export function applySubset(
  universe: readonly string[],
  data: SubsetData,
  subset: SubsetFilter | undefined,
  segmentMembers: ReadonlySet<string> | null,
): { kept: string[]; excluded: Record<string, number> } {
  const excluded: Record<string, number> = {};
  if (!subset || !Object.keys(subset).length) return { kept: [...universe], excluded };
  const needsOrders = [subset.minOrders, subset.maxOrders, subset.minSpend, subset.maxSpend].some((v) => v !== undefined);
  if (needsOrders && !data.transactions.length && !data.customers.length) {
    throw new PersonaError('bad_option', 'order and spend filters need transactions or a customer table with purchase columns');
  }
  const stats = orderStats(data.transactions);
  const attrs = new Map(data.customers.map((c) => [c.id, c.attributes]));
  // Which table columns count purchases and spend: the same general rule as the features.
  const tableColumns = data.transactions.length ? { orders: [], spend: [] } : orderAndSpendColumns(readTableMeaning(attributeFrame(data.customers.map((c) => c.attributes))));
  if (!data.transactions.length) {
    const none = (what: string) => new PersonaError('bad_option', `${what} filters need a customer table column read as ${what === 'order' ? 'a purchase count' : 'spend'}, and none was found (give one the role amount with --map COLUMN=amount, or name it with a purchase or money word)`);
    if ((subset.minOrders !== undefined || subset.maxOrders !== undefined) && !tableColumns.orders.length) throw none('order');
    if ((subset.minSpend !== undefined || subset.maxSpend !== undefined) && !tableColumns.spend.length) throw none('spend');
  }
  const tableOrders = (id: string) => sumOf(attrs.get(id), tableColumns.orders);
  const tableSpend = (id: string) => sumOf(attrs.get(id), tableColumns.spend);
  const from = subset.activeFrom ? Date.parse(subset.activeFrom) : null;
  const to = subset.activeTo ? Date.parse(subset.activeTo) : null;
  const active = from !== null || to !== null ? activeCustomers(data, from, to) : null;
  const keyword = subset.textContains?.toLowerCase();
  const mentions = keyword ? new Set(data.texts.filter((t) => t.body.toLowerCase().includes(keyword)).map((t) => t.customerId)) : null;
  const ids = subset.customerIds ? new Set(subset.customerIds) : null;
  const lineValues = subset.attributes ? transactionAttributeValues(data.transactions, Object.keys(subset.attributes)) : new Map();

  const kept: string[] = [];
  const drop = (reason: string) => (excluded[reason] = (excluded[reason] ?? 0) + 1);
  for (const id of universe) {
    const s = stats.get(id);
    const orders = data.transactions.length ? (s?.orders ?? 0) : tableOrders(id);
    const spend = data.transactions.length ? (s?.spend ?? 0) : tableSpend(id);
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

type LineValues = Map<string, Map<string, Set<string>>>;

/** Per customer, the lower-cased values each wanted column takes on their transaction lines. */
function transactionAttributeValues(transactions: readonly TransactionInput[], columns: readonly string[]): LineValues {
  const out: LineValues = new Map();
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

function activeCustomers(data: SubsetData, from: number | null, to: number | null): Set<string> {
  const out = new Set<string>();
  const inWindow = (at: number | null) => at !== null && (from === null || at >= from) && (to === null || at <= to);
  for (const t of data.transactions) if (inWindow(t.at)) out.add(t.customerId);
  for (const t of data.texts) if (inWindow(t.at)) out.add(t.customerId);
  return out;
}
