/**
 * The suite's own reading of the data, independent of the agent's tools: counts of customers matching
 * conditions, and which segment of a run a property picks out ("largest share of Churn = Yes").
 */
import type { Db } from '../../db/client.ts';
import { customersOf, datasetsByIds } from '../../db/queries/customer-data.ts';
import { getRun, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { loadInputs } from '../../services/segment/load-inputs.ts';
import { segmentView, type SegmentView } from '../../pipeline/segment/segment-view.ts';
import type { OracleCondition, SegmentRef } from './types.ts';

interface CustomerFacts {
  readonly attributes: Record<string, unknown>;
  /** Lower-cased values of transaction-line attributes, per column (lower-cased). */
  readonly lineValues: Map<string, Set<string>>;
  orders: number;
  spend: number;
  text: string;
}

export interface RunOracle {
  readonly runId: number;
  readonly segments: readonly SegmentView[];
  readonly customerIds: readonly string[];
  count(conditions: readonly OracleCondition[], match?: 'all' | 'any'): number;
  segmentFor(ref: SegmentRef, earlier: readonly (number | null)[]): number | null;
  /** Names the answer may use for a segment: persona name, label. */
  namesOf(segmentId: number): string[];
}

const orderColumn = /^num\w*purchases$/i;
const spendColumn = /^mnt/i;

export async function buildOracle(db: Db, runId: number): Promise<RunOracle> {
  const run = await getRun(db, runId);
  if (!run) throw new Error(`oracle: no run ${runId}`);
  const datasets = await datasetsByIds(db, run.datasetIds);
  const inputs = await loadInputs(db, datasets, undefined);
  const facts = new Map<string, CustomerFacts>();
  const factOf = (id: string) => {
    let f = facts.get(id);
    if (!f) facts.set(id, (f = { attributes: {}, lineValues: new Map(), orders: 0, spend: 0, text: '' }));
    return f;
  };
  for (const c of inputs.customers ?? []) {
    const f = factOf(c.id);
    Object.assign(f.attributes, c.attributes);
    for (const [k, v] of Object.entries(c.attributes)) {
      if (typeof v !== 'number') continue;
      if (orderColumn.test(k)) f.orders += v;
      if (spendColumn.test(k)) f.spend += v;
    }
  }
  // Raw rows too: label columns (a generator's planted truth) are left out of the segmentation inputs.
  for (const d of datasets.filter((x) => x.kind === 'customers')) {
    for (const c of await customersOf(db, d.id)) if (facts.has(c.id)) Object.assign(factOf(c.id).attributes, { ...(c.attributes as Record<string, unknown>), ...factOf(c.id).attributes });
  }
  const orders = new Map<string, Set<string>>();
  for (const t of inputs.transactions ?? []) {
    const f = factOf(t.customerId);
    for (const [k, v] of Object.entries(t.attributes)) {
      if (v === null || v === undefined) continue;
      let set = f.lineValues.get(k.toLowerCase());
      if (!set) f.lineValues.set(k.toLowerCase(), (set = new Set()));
      set.add(String(v).toLowerCase());
    }
    if (t.isCancellation) continue;
    let set = orders.get(t.customerId);
    if (!set) orders.set(t.customerId, (set = new Set()));
    set.add(t.orderId ?? `line-${set.size}`);
    const amount = t.amount ?? (t.quantity !== null && t.price !== null ? t.quantity * t.price : 0);
    if (amount > 0) f.spend += amount;
  }
  for (const [id, set] of orders) factOf(id).orders = set.size;
  for (const t of inputs.texts ?? []) factOf(t.customerId).text += ` ${t.body.toLowerCase()}`;

  const customerIds = inputs.customerIds;
  const segments = (await runSegments(db, runId)).map(segmentView);
  const members = new Map<number, string[]>();
  for (const a of await runAssignments(db, runId)) {
    const list = members.get(a.segmentIndex) ?? [];
    list.push(a.customerExternalId);
    members.set(a.segmentIndex, list);
  }

  const matches = (id: string, c: OracleCondition): boolean => {
    const f = facts.get(id);
    if (!f) return false;
    if ('text' in c) return f.text.includes(c.text.toLowerCase());
    const key = c.field.toLowerCase();
    const own = Object.entries(f.attributes).find(([k]) => k.toLowerCase() === key)?.[1];
    const values: unknown[] = key === 'orders' ? [f.orders] : key === 'spend' ? [f.spend] : own !== undefined && own !== null ? [own] : [...(f.lineValues.get(key) ?? [])];
    return values.some((v) => compare(v, c.op, c.value));
  };

  const count = (conditions: readonly OracleCondition[], match: 'all' | 'any' = 'all') =>
    customerIds.filter((id) => (match === 'all' ? conditions.every((c) => matches(id, c)) : conditions.some((c) => matches(id, c)))).length;

  const statistic = (ref: SegmentRef, s: SegmentView): number => {
    const ids = members.get(s.id) ?? [];
    switch (ref.by) {
      case 'size':
        return s.size;
      case 'clv':
        return s.value?.meanClv ?? Number.NEGATIVE_INFINITY;
      case 'mean': {
        const key = ref.field.toLowerCase();
        const xs = ids
          .map((id) => {
            const f = facts.get(id);
            if (!f) return NaN;
            if (key === 'orders') return f.orders;
            if (key === 'spend') return f.spend;
            return Number(Object.entries(f.attributes).find(([k]) => k.toLowerCase() === key)?.[1]);
          })
          .filter((x) => Number.isFinite(x));
        return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NEGATIVE_INFINITY;
      }
      case 'share':
        return ids.length ? ids.filter((id) => matches(id, ref.where)).length / ids.length : 0;
      case 'planted':
        return ids.length ? ids.filter((id) => String(facts.get(id)?.attributes[ref.column]) === ref.value).length / ids.length : 0;
      case 'turn':
        return 0;
      default: {
        const never: never = ref;
        throw new Error(`unknown segment reference ${JSON.stringify(never)}`);
      }
    }
  };

  return {
    runId,
    segments,
    customerIds,
    count,
    segmentFor(ref, earlier) {
      if (ref.by === 'turn') return earlier[ref.turn] ?? null;
      const order = 'order' in ref && ref.order === 'asc' ? 1 : -1;
      const rank = ('rank' in ref ? ref.rank : undefined) ?? 1;
      // No segment has the statistic (e.g. lifetime value on data without spend): there is no right segment to name.
      if (!segments.some((s) => Number.isFinite(statistic(ref, s)))) return null;
      const ranked = [...segments].sort((a, b) => order * (statistic(ref, a) - statistic(ref, b)) || a.id - b.id);
      return ranked[rank - 1]?.id ?? null;
    },
    namesOf(segmentId) {
      const s = segments.find((x) => x.id === segmentId);
      if (!s) return [];
      const persona = (s.persona as { name?: string } | null)?.name;
      return [...(persona ? [persona] : []), s.label];
    },
  };
}

function compare(v: unknown, op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', want: string | number | boolean): boolean {
  if (op === 'eq' || op === 'ne') {
    // Importers may store yes/no columns as booleans.
    const truthy = (x: unknown) => ['yes', 'true', '1', 'y'].includes(String(x).toLowerCase());
    const falsy = (x: unknown) => ['no', 'false', '0', 'n'].includes(String(x).toLowerCase());
    if (typeof v === 'boolean' && (truthy(want) || falsy(want))) return (v === truthy(want)) === (op === 'eq');
    const same = typeof want === 'string' ? String(v).toLowerCase() === want.toLowerCase() : typeof want === 'number' ? Number(v) === want : Boolean(v) === want || String(v).toLowerCase() === String(want);
    return op === 'eq' ? same : !same;
  }
  const x = Number(v);
  const y = Number(want);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  switch (op) {
    case 'gt':
      return x > y;
    case 'gte':
      return x >= y;
    case 'lt':
      return x < y;
    case 'lte':
      return x <= y;
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}
