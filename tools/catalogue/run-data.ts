/**
 * The customers of a run as one table the agent can filter and rank: customer-table columns,
 * transaction-line attributes (any line counts), derived order/spend figures, the customer's texts
 * and their segment. Loaded once per run and kept, so follow-up questions answer in milliseconds.
 */
import type { Db } from '../../db/client.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';
import { getRun, runAssignments } from '../../db/queries/runs.ts';
import type { Dataset, Run } from '../../db/schema.ts';
import { parseBoolean } from '../../pipeline/ingest/values.ts';
import { loadInputs } from '../../services/segment/load-inputs.ts';

export type Cell = string | number | boolean | null;

export interface RunRow {
  readonly id: string;
  readonly values: Record<string, Cell>;
  /** Lower-cased values each transaction-line column takes for this customer. */
  readonly lines: Record<string, Set<string>>;
  /** All the customer's kept texts, lower-cased and joined. */
  text: string;
  segment: number | null;
}

export interface RunColumn {
  readonly name: string;
  readonly role: string;
  readonly source: 'customer' | 'transaction' | 'derived';
  /** A yes/no column's own spellings of its two answers ("Yes"/"No", "Y"/"N"): cells hold booleans. */
  readonly spellings?: { readonly yes: string; readonly no: string };
}

export interface RunData {
  readonly run: Run;
  readonly rows: readonly RunRow[];
  readonly byId: ReadonlyMap<string, RunRow>;
  /** Customer-table columns with their inferred roles. */
  readonly columns: readonly RunColumn[];
  readonly hasTexts: boolean;
  readonly hasTransactions: boolean;
}

/**
 * Yes/no columns are stored as booleans; the import report keeps the first few raw values of every
 * column, so the data's own words for the two answers can be shown and used in conditions again.
 */
export function booleanSpellings(datasets: readonly Dataset[]): Map<string, { yes: string; no: string }> {
  const out = new Map<string, { yes: string; no: string }>();
  for (const d of datasets) {
    if (d.kind !== 'customers') continue;
    const columns = (d.report as { columns?: readonly { name: string; parser: string; examples?: readonly string[] }[] } | null)?.columns ?? [];
    for (const c of columns) {
      if (c.parser !== 'boolean') continue;
      const examples = (c.examples ?? []).map((e) => e.trim());
      const yes = examples.find((e) => parseBoolean(e) === true);
      const no = examples.find((e) => parseBoolean(e) === false);
      if (yes !== undefined && no !== undefined) out.set(c.name, { yes, no });
    }
  }
  return out;
}

const orderColumn = /^num\w*purchases$/i;
const spendColumn = /^mnt/i;
/** Transaction columns worth filtering on: low-cardinality attributes such as country or channel. */
const maxLineLevels = 60;

const skippedRoles = new Set(['id', 'label', 'ignore', 'index', 'customer_id', 'text']);

const cache = new WeakMap<Db, Map<number, Promise<RunData>>>();

export function runData(db: Db, runId: number): Promise<RunData> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let data = perDb.get(runId);
  if (!data) {
    data = loadRunData(db, runId);
    perDb.set(runId, data);
    data.catch(() => perDb?.delete(runId));
  }
  return data;
}

async function loadRunData(db: Db, runId: number): Promise<RunData> {
  const run = await getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const datasets = await datasetsByIds(db, run.datasetIds);
  const inputs = await loadInputs(db, datasets, undefined);
  const byId = new Map<string, RunRow>();
  const rowOf = (id: string): RunRow => {
    let r = byId.get(id);
    if (!r) byId.set(id, (r = { id, values: {}, lines: {}, text: '', segment: null }));
    return r;
  };
  for (const id of inputs.customerIds) rowOf(id);
  const columns: RunColumn[] = [];
  const roles = inputs.customerRoles ?? {};
  const spelled = booleanSpellings(datasets);
  for (const [name, role] of Object.entries(roles)) {
    if (skippedRoles.has(role)) continue;
    const spellings = spelled.get(name);
    columns.push({ name, role, source: 'customer', ...(spellings ? { spellings } : {}) });
  }
  let tableOrders = false;
  let tableSpend = false;
  for (const c of inputs.customers ?? []) {
    const row = byId.get(c.id);
    if (!row) continue;
    let orders = 0;
    let spend = 0;
    for (const [k, v] of Object.entries(c.attributes)) {
      row.values[k] = v as Cell;
      if (typeof v === 'number' && orderColumn.test(k)) (orders += v), (tableOrders = true);
      if (typeof v === 'number' && spendColumn.test(k)) (spend += v), (tableSpend = true);
    }
    if (tableOrders) row.values.orders = orders;
    if (tableSpend) row.values.spend = spend;
  }
  const transactions = inputs.transactions ?? [];
  if (transactions.length) {
    const orders = new Map<string, Set<string>>();
    const spend = new Map<string, number>();
    const lineLevels = new Map<string, Set<string>>();
    for (const t of transactions) {
      const row = byId.get(t.customerId);
      if (!row) continue;
      for (const [k, v] of Object.entries(t.attributes)) {
        if (v === null || v === undefined) continue;
        const value = String(v).toLowerCase();
        let levels = lineLevels.get(k);
        if (!levels) lineLevels.set(k, (levels = new Set()));
        if (levels.size <= maxLineLevels) levels.add(value);
        (row.lines[k] ??= new Set()).add(value);
      }
      if (t.isCancellation) continue;
      let set = orders.get(t.customerId);
      if (!set) orders.set(t.customerId, (set = new Set()));
      set.add(t.orderId ?? `line-${set.size}`);
      const amount = t.amount ?? (t.quantity !== null && t.price !== null ? t.quantity * t.price : 0);
      if (amount > 0) spend.set(t.customerId, (spend.get(t.customerId) ?? 0) + amount);
    }
    for (const row of byId.values()) {
      const n = orders.get(row.id)?.size ?? 0;
      const s = spend.get(row.id) ?? 0;
      row.values.orders = n;
      row.values.spend = Math.round(s * 100) / 100;
      row.values.avg_order_value = n ? Math.round((s / n) * 100) / 100 : null;
    }
    for (const [k, levels] of lineLevels) if (levels.size <= maxLineLevels && !(k in roles)) columns.push({ name: k, role: 'categorical', source: 'transaction' });
  }
  if (transactions.length || tableOrders) columns.push({ name: 'orders', role: 'numeric', source: 'derived' });
  if (transactions.length || tableSpend) columns.push({ name: 'spend', role: 'numeric', source: 'derived' });
  if (transactions.length) columns.push({ name: 'avg_order_value', role: 'numeric', source: 'derived' });
  for (const t of inputs.texts ?? []) {
    const row = byId.get(t.customerId);
    if (row) row.text += ` ${t.body.toLowerCase()}`;
  }
  for (const a of await runAssignments(db, runId)) {
    const row = byId.get(a.customerExternalId);
    if (row) row.segment = a.segmentIndex;
  }
  const rows = [...byId.values()];
  return { run, rows, byId, columns, hasTexts: (inputs.texts?.length ?? 0) > 0, hasTransactions: transactions.length > 0 };
}
