/**
 * Per-segment value: BG/NBD + Gamma-Gamma CLV from transaction histories, or a labelled proxy (current
 * spend) when there is no history or too little to fit. Both models are fitted once on every customer
 * in the transactions given, then averaged per segment, so small segments borrow strength from all.
 */
import { PersonaError, errorMessage } from '../../lib/errors.ts';
import type { TransactionInput } from '../features/inputs.ts';
import type { ChurnRisk, SegmentValue, StageReport } from '../types.ts';
import { fitBgNbd, type BgNbdOptions } from './bgnbd.ts';
import { churnRisk, customerValues, resolveClvOptions, type ClvOptions } from './clv.ts';
import { fitGammaGamma, type GammaGammaOptions } from './gamma-gamma.ts';
import { purchaseHistories, summaryFromHistories, type CustomerPurchaseHistory, type PurchaseHistoryOptions } from './purchase-history.ts';

export interface SegmentValueOptions extends ClvOptions {
  /** Observation end for the models, epoch ms; default: the latest purchase. */
  readonly end?: number;
  readonly groupBy?: 'order' | 'day';
  /** Fewer customers with a repeat purchase than this and the models are not fitted. */
  readonly minRepeatCustomers?: number;
  readonly bgnbd?: BgNbdOptions;
  readonly gammaGamma?: GammaGammaOptions;
}

export const defaults = Object.freeze({ minRepeatCustomers: 20, groupBy: 'order' as const });

export interface SegmentValueInput {
  /** Run order: row i of labels and snapshotMonetary is customerIds[i]. */
  readonly customerIds: readonly string[];
  /** Segment per customer, 0..clusterCount−1; other values are left out of every segment. */
  readonly labels: Int32Array;
  readonly clusterCount: number;
  readonly transactions?: readonly TransactionInput[];
  /**
   * The same lines reduced per customer (by the database, say): given, these are read instead of
   * `transactions` and give the same result. Only the customers to value, one record each.
   */
  readonly histories?: readonly CustomerPurchaseHistory[];
  /** Current total spend per customer, for customer tables without a transaction log. */
  readonly snapshotMonetary?: Float64Array | null;
  readonly currency?: string | null;
  readonly options?: SegmentValueOptions;
}

export interface CustomerValueArrays {
  readonly clv: Float64Array;
  /** NaN for a customer without any valid purchase. */
  readonly probabilityAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
}

export interface SegmentValueResult {
  readonly segments: SegmentValue[];
  /** Per-customer model values in run order; null for a proxy. */
  readonly customers: CustomerValueArrays | null;
  readonly report: StageReport;
}

const proxyTail = 'is used as a proxy for value; no lifetime prediction was made.';
export const snapshotNote = `No transaction history: current total spend ${proxyTail}`;
/** The words every surface uses when the purchase lines carry no dates (cards, the run report, chat). */
export const noDatesPhrase = 'no dates, so value uses the spend proxy';
export const noDatesNote = `Transactions have ${noDatesPhrase}: total spend per customer ${proxyTail}`;

export function segmentValues(input: SegmentValueInput): SegmentValueResult {
  const started = performance.now();
  const { customerIds, labels, clusterCount } = input;
  const options = input.options ?? {};
  const n = customerIds.length;
  if (labels.length !== n) throw new PersonaError('shape_mismatch', `value: ${labels.length} labels for ${n} customers`);
  if (!Number.isInteger(clusterCount) || clusterCount < 0) throw new PersonaError('bad_option', `value: clusterCount must be a non-negative integer, got ${clusterCount}`);
  if (input.snapshotMonetary && input.snapshotMonetary.length !== n) {
    throw new PersonaError('shape_mismatch', `value: ${input.snapshotMonetary.length} snapshot values for ${n} customers`);
  }
  const minRepeat = options.minRepeatCustomers ?? defaults.minRepeatCustomers;
  if (!Number.isInteger(minRepeat) || minRepeat < 2) throw new PersonaError('bad_option', `value: minRepeatCustomers must be an integer ≥ 2, got ${minRepeat}`);
  const clv = resolveClvOptions(options);
  const currency = input.currency ?? null;
  const counts: Record<string, number> = { customers: n, unassigned: countUnassigned(labels, clusterCount) };
  let lineCount: number | undefined;
  const finish = (segments: SegmentValue[], customers: CustomerValueArrays | null, params: Record<string, unknown>, notes: string[]): SegmentValueResult => ({
    segments,
    customers,
    report: { stage: 'value', ms: performance.now() - started, rowsIn: lineCount ?? n, rowsOut: segments.length, params, counts, notes },
  });

  const histories = input.histories ?? (input.transactions?.length ? purchaseHistories(input.transactions, historyWindow(options)).histories : []);
  lineCount = input.histories ? histories.reduce((sum, h) => sum + h.lines, 0) : input.transactions?.length;
  // Purchase lines without any time cannot feed a repeat-purchase model, but their spend is real.
  if (histories.length && !histories.some((h) => h.datedLines > 0)) {
    const spend = new Map(histories.map((h) => [h.customerId, h.lineSpend]));
    counts.undatedLines = lineCount ?? 0;
    const values = Float64Array.from(customerIds, (id) => spend.get(id) ?? 0);
    return finish(proxySegments(values, labels, clusterCount, noDatesNote, currency), null, { method: 'snapshot-proxy', source: 'undated-transactions' }, [noDatesNote]);
  }
  const summary = histories.length ? summaryFromHistories(histories, options.end) : null;
  if (!summary || summary.customerIds.length === 0) {
    if (input.snapshotMonetary) {
      const values = Float64Array.from(input.snapshotMonetary, (v) => (Number.isFinite(v) ? v : Number.NaN));
      counts.missingSnapshot = values.filter(Number.isNaN).length;
      return finish(proxySegments(values, labels, clusterCount, snapshotNote, currency), null, { method: 'snapshot-proxy' }, [snapshotNote]);
    }
    const note = 'No transaction history and no spend columns: no value was estimated. Name a spend column with `--map COLUMN=amount` when its name carries no money word.';
    return finish([], null, { method: 'none' }, [note]);
  }

  // Total historical spend per run customer: the proxy when the models cannot be fitted.
  const row = new Map(summary.customerIds.map((id, i) => [id, i]));
  const history = Float64Array.from(customerIds, (id) => {
    const i = row.get(id);
    return i === undefined ? 0 : (summary.totalSpend[i] as number);
  });
  let repeaters = 0;
  for (let i = 0; i < summary.customerIds.length; i++) if ((summary.frequency[i] as number) > 0 && (summary.monetary[i] as number) > 0) repeaters++;
  counts.customersWithPurchases = summary.customerIds.length;
  counts.repeatCustomers = repeaters;
  const fallback = (why: string): SegmentValueResult => {
    const note = `${why}: total historical spend ${proxyTail}`;
    return finish(proxySegments(history, labels, clusterCount, note, currency), null, { method: 'snapshot-proxy', source: 'transaction-history' }, [note]);
  };
  if (repeaters < minRepeat) {
    return fallback(`Too few repeat customers to fit BG/NBD + Gamma-Gamma (${repeaters} with a repeat purchase, ${minRepeat} needed)`);
  }
  let fitted;
  try {
    const bg = fitBgNbd(summary, options.bgnbd);
    const gg = fitGammaGamma(summary, options.gammaGamma);
    if (!(gg.params.q > 1)) return fallback(`The spend model has no finite mean (Gamma-Gamma q = ${gg.params.q.toFixed(3)} ≤ 1)`);
    const values = customerValues(bg.params, gg.params, summary, clv);
    if (!values.clv.every(Number.isFinite)) return fallback('The fitted models gave non-finite lifetime values');
    fitted = { bg, gg, values };
  } catch (err) {
    return fallback(`The value models could not be fitted (${errorMessage(err)})`);
  }

  const { bg, gg, values } = fitted;
  const perClv = new Float64Array(n);
  const perAlive = new Float64Array(n).fill(Number.NaN);
  const perExpected = new Float64Array(n);
  customerIds.forEach((id, i) => {
    const j = row.get(id);
    if (j === undefined) return;
    perClv[i] = values.clv[j] as number;
    perAlive[i] = values.probabilityAlive[j] as number;
    perExpected[i] = values.expectedPurchases[j] as number;
  });
  counts.runCustomersWithoutPurchases = customerIds.filter((id) => !row.has(id)).length;
  const note =
    `Predicted with BG/NBD + Gamma-Gamma fitted on ${summary.customerIds.length} customers' purchase histories: ` +
    `expected value over the next ${clv.horizonMonths} months, discounted at ${+(clv.monthlyDiscount * 100).toFixed(4)}% a month, ` +
    `as of ${new Date(summary.end).toISOString().slice(0, 10)}.`;
  const segments: SegmentValue[] = [];
  for (let c = 0; c < clusterCount; c++) {
    let size = 0;
    let total = 0;
    let expected = 0;
    let alive = 0;
    let withHistory = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== c) continue;
      size++;
      total += perClv[i] as number;
      expected += perExpected[i] as number;
      const p = perAlive[i] as number;
      if (!Number.isNaN(p)) {
        alive += p;
        withHistory++;
      }
    }
    const meanAlive = withHistory ? alive / withHistory : null;
    segments.push({
      method: 'bgnbd-gamma-gamma',
      note,
      horizonMonths: clv.horizonMonths,
      customers: size,
      meanClv: size ? total / size : 0,
      totalClv: total,
      expectedPurchases: size ? expected / size : 0,
      probabilityAlive: meanAlive,
      churnRisk: meanAlive === null ? null : churnRisk(meanAlive, clv),
      currency,
    });
  }
  const params = {
    method: 'bgnbd-gamma-gamma',
    horizonMonths: clv.horizonMonths,
    monthlyDiscount: clv.monthlyDiscount,
    observationEnd: new Date(summary.end).toISOString(),
    bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood, iterations: bg.iterations, converged: bg.converged },
    gammaGamma: { ...gg.params, logLikelihood: gg.logLikelihood, iterations: gg.iterations, converged: gg.converged, customers: gg.customers },
  };
  return finish(segments, { clv: perClv, probabilityAlive: perAlive, expectedPurchases: perExpected }, params, [note]);
}

/** The window the models see: up to the observation end when one is given. */
function historyWindow(options: SegmentValueOptions): PurchaseHistoryOptions {
  return { ...(options.end !== undefined ? { end: options.end } : {}), groupBy: options.groupBy ?? defaults.groupBy };
}

/** Mean and total of a per-customer value per segment; NaN values count as absent. */
function proxySegments(values: Float64Array, labels: Int32Array, k: number, note: string, currency: string | null): SegmentValue[] {
  const out: SegmentValue[] = [];
  for (let c = 0; c < k; c++) {
    let size = 0;
    let known = 0;
    let total = 0;
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] !== c) continue;
      size++;
      const v = values[i] as number;
      if (Number.isNaN(v)) continue;
      known++;
      total += v;
    }
    out.push({
      method: 'snapshot-proxy',
      note,
      horizonMonths: 0,
      customers: size,
      meanClv: known ? total / known : 0,
      totalClv: total,
      expectedPurchases: null,
      probabilityAlive: null,
      churnRisk: null as ChurnRisk | null,
      currency,
    });
  }
  return out;
}

function countUnassigned(labels: Int32Array, k: number): number {
  let out = 0;
  for (const l of labels) if (l < 0 || l >= k) out++;
  return out;
}
