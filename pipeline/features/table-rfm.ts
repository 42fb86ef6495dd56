/**
 * RFM-style features from a customer table's own summary columns, for data without transactions. What
 * each column measures comes from `column-meaning.ts` (meaning words in several languages, and values),
 * never from one table's naming scheme:
 *   recency → recency_days (or recency_<unit>s); spend total, or the sum of its parts → monetary_total,
 *   parts → share_of_spend_<part>; spend per period → spend_per_<period>; purchase counts →
 *   frequency_orders (an overall count wins over the sum of per-channel ones) and share_<channel>;
 *   discounted purchases → share_deals (a share of all purchases: they are counted inside the channels);
 *   visits → <name>; a yes/no family → campaign_acceptance_rate or rate_<family>; complaint → complained;
 *   enrolment date → tenure_days, numeric tenure → tenure_<unit>s.
 * Blocks as for transactions: money and volume → `value`; timing, channels, visits, flags → `behavioural`.
 * Columns whose role is not a measurement (id, label, text, ignore…) are never read.
 */
import type { Frame } from '../types.ts';
import { nameTokens, orderAndSpendColumns, readTableMeaning, type TableMeaning, type TableMeaningOptions } from './column-meaning.ts';
import { numberOf } from './customer-table.ts';
import { meaningWords, type PeriodName } from './meaning-words.ts';
import { dayMs, toTime } from './time.ts';
import { FeatureCollector, type Extraction } from './types.ts';

export interface TableExtraction extends Extraction {
  /** Columns consumed here, so the demographic extractor does not repeat them. */
  readonly used: ReadonlySet<string>;
  readonly meaning: TableMeaning;
}

export function extractTableRfm(
  frame: Frame,
  rowOf: Int32Array,
  rows: number,
  referenceTime: number | null,
  options: TableMeaningOptions = {},
  /** Read once from the raw table, so capped and uncapped extractions read the columns alike. */
  meaning?: TableMeaning,
): TableExtraction {
  const out = new FeatureCollector(rows);
  const m = meaning ?? readTableMeaning(frame, options);
  const of = (name: string) => frame.values[name] ?? [];
  const scatter = (target: Float64Array, value: (r: number) => number) => {
    for (let r = 0; r < frame.rowCount; r++) target[rowOf[r] as number] = value(r);
  };
  const sumOf = (cols: readonly string[], r: number) => sumPresent(cols.map((c) => numberOf(of(c)[r])));

  const { orders: freqCols, spend: spendCols } = orderAndSpendColumns(m);
  const channels = m.purchases.filter((p) => p.channel).map((p) => p.column);
  if (freqCols.length) {
    scatter(out.column('value', 'frequency_orders', `number of purchases (${freqCols.join(' + ')})`, { unit: 'orders' }), (r) => sumOf(freqCols, r));
  }
  const parts = m.spend.filter((s) => s.kind === 'part');
  if (spendCols.length) {
    scatter(out.column('value', 'monetary_total', `total spend (${spendCols.join(' + ')})`, { unit: 'money' }), (r) => sumOf(spendCols, r));
  }
  const average = m.spend.find((s) => s.kind === 'average');
  if (spendCols.length && freqCols.length) {
    scatter(out.column('value', 'avg_order_value', 'average spend per purchase', { unit: 'money' }), (r) => ratio(sumOf(spendCols, r), sumOf(freqCols, r)));
  } else if (average) {
    scatter(out.column('value', 'avg_order_value', `average spend per purchase (${average.column})`, { unit: 'money' }), (r) => numberOf(of(average.column)[r]));
  }
  if (parts.length > 1) {
    const partCols = parts.map((s) => s.column);
    for (const p of parts) {
      const share = out.column('value', `share_of_spend_${p.detail}`, `share of spend on ${p.detail.replace(/_/g, ' ')} (${p.column})`, { unit: 'share' });
      scatter(share, (r) => ratio(numberOf(of(p.column)[r]), sumOf(partCols, r), 0));
    }
  }
  for (const period of ['day', 'week', 'month', 'year'] as const) {
    const cols = m.spend.filter((s) => s.kind === 'rate' && s.detail === period).map((s) => s.column);
    if (cols.length) scatter(out.column('value', `spend_per_${period}`, `spend per ${period}, a run-rate (${cols.join(' + ')})`, { unit: 'money' }), (r) => sumOf(cols, r));
  }
  if (channels.length > 1) {
    for (const p of m.purchases.filter((x) => x.channel)) {
      const share = out.column('behavioural', `share_${p.channel}`, `share of purchases made via ${p.channel.replace(/_/g, ' ')} (${p.column})`, { unit: 'share' });
      scatter(share, (r) => ratio(numberOf(of(p.column)[r]), sumOf(channels, r), 0));
    }
  }
  const dealCol = freqCols === m.discounts ? undefined : m.discounts[0];
  if (dealCol !== undefined) {
    const deals = out.column('behavioural', 'share_deals', `share of purchases made with a discount (${dealCol})`, { unit: 'share' });
    // A few rows may count more discounted purchases than purchases: a share above 1 would be meaningless.
    scatter(deals, (r) => Math.min(1, ratio(numberOf(of(dealCol)[r]), sumOf(freqCols, r), 0)));
  }
  const timed = (what: 'recency' | 'tenure', spec: TableMeaning['recency'], describe: string) => {
    if (!spec) return;
    if (!spec.date) {
      // Recency without a unit is in days by convention; tenure without one keeps the column's own unit.
      const unit = spec.unit ? `${spec.unit}s` : what === 'recency' ? 'days' : null;
      const name = unit ? `${what}_${unit}` : what;
      const text = unit ? `${describe}, in ${unit} (${spec.column})` : `${describe} (${spec.column})`;
      scatter(out.column('behavioural', name, text, unit ? { unit } : {}), (r) => numberOf(of(spec.column)[r]));
      return;
    }
    if (referenceTime === null) {
      out.notes.push(`customer table: no reference time, so ${spec.column} gave no ${what}`);
      return;
    }
    const days = out.column('behavioural', `${what}_days`, `days from ${spec.column} to the reference date`, { unit: 'days' });
    scatter(days, (r) => {
      const t = toTime(of(spec.column)[r] ?? null);
      return t === null ? Number.NaN : (referenceTime - t) / dayMs;
    });
  };
  timed('recency', m.recency, 'time since the last purchase');
  timed('tenure', m.tenure, 'time as a customer');
  const count = new Set(meaningWords.count);
  for (const v of m.visits) {
    const name = nameTokens(v.column).filter((t) => !count.has(t)).join('_') || 'visits';
    scatter(out.column('behavioural', name, `visits (${v.column})`, { unit: 'visits' }), (r) => numberOf(of(v.column)[r]));
  }
  let campaignNamed = false;
  for (const f of m.flagFamilies) {
    const name = f.campaign && !campaignNamed ? 'campaign_acceptance_rate' : `rate_${f.key}`;
    campaignNamed ||= f.campaign;
    const what = f.campaign ? 'share of marketing campaigns accepted' : `share of the ${f.key.replace(/_/g, ' ')} flags set`;
    scatter(out.column('behavioural', name, `${what} (${f.columns.join(', ')})`, { unit: 'share' }), (r) => meanPresent(f.columns.map((c) => numberOf(of(c)[r]))));
  }
  if (m.complaint) {
    const c = m.complaint;
    scatter(out.column('behavioural', 'complained', `1 when the customer complained (${c})`, { unit: 'flag' }), (r) => numberOf(of(c)[r]));
  }
  const used = usedColumns(m);
  if (used.size) out.notes.push(`customer table: ${describeMeaning(m)}`);
  return { ...out.result(), used, meaning: m };
}

function usedColumns(m: TableMeaning): Set<string> {
  return new Set([
    ...m.spend.map((s) => s.column),
    ...m.purchases.map((p) => p.column),
    ...m.discounts,
    ...m.visits.map((v) => v.column),
    ...(m.recency ? [m.recency.column] : []),
    ...(m.tenure ? [m.tenure.column] : []),
    ...(m.complaint ? [m.complaint] : []),
    ...m.flagFamilies.flatMap((f) => f.columns),
  ]);
}

/** One line for the stage report: which column was read as what, and why for spend. */
export function describeMeaning(m: TableMeaning): string {
  const period = (p: PeriodName | null) => (p ? ` (${p}s)` : '');
  const parts = [
    ...m.spend.map((s) => `${s.column} = spend ${s.kind === 'rate' ? `per ${s.detail}` : s.kind}${s.kind === 'part' ? ` on ${s.detail}` : ''} (${s.why})`),
    ...m.purchases.map((p) => `${p.column} = purchases${p.channel ? ` via ${p.channel}` : ''}`),
    ...m.discounts.map((c) => `${c} = discounted purchases`),
    ...m.visits.map((v) => `${v.column} = visits`),
    ...(m.recency ? [`${m.recency.column} = recency${period(m.recency.unit)}`] : []),
    ...(m.tenure ? [`${m.tenure.column} = tenure${m.tenure.date ? ' start date' : period(m.tenure.unit)}`] : []),
    ...(m.complaint ? [`${m.complaint} = complaint flag`] : []),
    ...m.flagFamilies.map((f) => `${f.columns.join(', ')} = ${f.campaign ? 'campaign responses' : `${f.key} flags`}`),
  ];
  return parts.join('; ');
}

function sumPresent(xs: readonly number[]): number {
  const present = xs.filter((x) => !Number.isNaN(x));
  return present.length ? present.reduce((s, x) => s + x, 0) : Number.NaN;
}

function meanPresent(xs: readonly number[]): number {
  const present = xs.filter((x) => !Number.isNaN(x));
  return present.length ? present.reduce((s, x) => s + x, 0) / present.length : Number.NaN;
}

/** a / b; `whenZero` when b is 0 (no purchases: no shares, or a missing order value). */
function ratio(a: number, b: number, whenZero = Number.NaN): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  return b === 0 ? whenZero : a / b;
}
