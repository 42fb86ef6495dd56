/**
 * RFM-style features from a customer table's own summary columns, for data without transactions
 * (marketing_campaign). Columns are recognised by name:
 *   Recency → recency_days; Mnt<Category> → monetary_total and share_of_spend_<category>;
 *   Num<Channel>Purchases → frequency_orders and share_<channel>; NumWebVisitsMonth → web_visits_month;
 *   AcceptedCmp<n> / Response → campaign_acceptance_rate; Complain → complained; Dt_Customer → tenure_days.
 * NumDealsPurchases counts discounted purchases that are also counted under web/catalog/store, so it is
 * left out of frequency_orders (it would double-count) and becomes share_deals, a share of that total.
 * Blocks as for transactions: money and volume → `value` (frequency, spend, spend mix, order value);
 * timing, channels, visits, campaigns and complaints → `behavioural`.
 * Columns whose role is not a measurement (id, label, text, ignore…) are never read: a Response column
 * declared as the label stays out of campaign_acceptance_rate.
 */
import { snakeName } from '../clean/column-kinds.ts';
import type { ColumnRole, Frame } from '../types.ts';
import { numberOf } from './customer-table.ts';
import { dayMs, toTime } from './time.ts';
import { FeatureCollector, type Extraction } from './types.ts';

export interface TableExtraction extends Extraction {
  /** Columns consumed here, so the demographic extractor does not repeat them. */
  readonly used: ReadonlySet<string>;
}

const measured: ReadonlySet<ColumnRole> = new Set(['numeric', 'amount', 'price', 'quantity', 'boolean']);
const enrolment = /^(dt_customer|customer_since|signup_date|sign_up_date|join_date|joined|enrol(l)?ment_date|registration_date)$/;

export function extractTableRfm(frame: Frame, rowOf: Int32Array, rows: number, referenceTime: number | null): TableExtraction {
  const out = new FeatureCollector(rows);
  const used = new Set<string>();
  const of = (name: string) => frame.values[name] ?? [];
  const pick = (test: (snake: string) => boolean, roles: ReadonlySet<ColumnRole> = measured) =>
    frame.columns.filter((c) => roles.has(frame.roles[c] ?? 'ignore') && test(snakeName(c)));
  const recencyCols = pick((s) => /^(recency|recency_days|days_since_last_purchase)$/.test(s)).slice(0, 1);
  const spendCols = pick((s) => /^mnt_./.test(s));
  const buyCols = pick((s) => /^num_.+_purchases$/.test(s));
  const visitCols = pick((s) => /^num_web_visits(_month)?$/.test(s)).slice(0, 1);
  const campaignCols = pick((s) => /^accepted_cmp_?\d+$/.test(s) || s === 'response');
  const complainCols = pick((s) => /^complain(ed|ts?)?$/.test(s)).slice(0, 1);
  const sinceCols = pick((s) => enrolment.test(s), new Set<ColumnRole>(['datetime'])).slice(0, 1);
  for (const c of [...recencyCols, ...spendCols, ...buyCols, ...visitCols, ...campaignCols, ...complainCols, ...sinceCols]) used.add(c);
  const scatter = (target: Float64Array, value: (r: number) => number) => {
    for (let r = 0; r < frame.rowCount; r++) target[rowOf[r] as number] = value(r);
  };

  const channelCols = buyCols.filter((c) => channelOf(c) !== 'deals');
  const dealCols = buyCols.filter((c) => channelOf(c) === 'deals');
  const freqCols = channelCols.length ? channelCols : dealCols;
  const sumOf = (cols: readonly string[], r: number) => sumPresent(cols.map((c) => numberOf(of(c)[r])));
  if (freqCols.length) {
    const names = freqCols.join(' + ');
    scatter(out.column('value', 'frequency_orders', `number of purchases (${names})`, { unit: 'orders' }), (r) => sumOf(freqCols, r));
  }
  if (spendCols.length) {
    scatter(out.column('value', 'monetary_total', `total spend (${spendCols.join(' + ')})`, { unit: 'money' }), (r) => sumOf(spendCols, r));
    if (freqCols.length) {
      const aov = out.column('value', 'avg_order_value', 'average spend per purchase', { unit: 'money' });
      scatter(aov, (r) => ratio(sumOf(spendCols, r), sumOf(freqCols, r)));
    }
    if (spendCols.length > 1) {
      for (const c of spendCols) {
        const category = categoryOf(c);
        const share = out.column('value', `share_of_spend_${category}`, `share of total spend on ${category.replace(/_/g, ' ')} (${c})`, { unit: 'share' });
        scatter(share, (r) => ratio(numberOf(of(c)[r]), sumOf(spendCols, r), 0));
      }
    }
  }
  if (channelCols.length > 1) {
    for (const c of channelCols) {
      const ch = channelOf(c);
      const share = out.column('behavioural', `share_${ch}`, `share of purchases made via ${ch.replace(/_/g, ' ')} (${c})`, { unit: 'share' });
      scatter(share, (r) => ratio(numberOf(of(c)[r]), sumOf(channelCols, r), 0));
    }
  }
  const dealCol = channelCols.length ? dealCols[0] : undefined;
  if (dealCol !== undefined) {
    const deals = out.column('behavioural', 'share_deals', `share of purchases made with a discount (${dealCol})`, { unit: 'share' });
    // A few rows count more deals than purchases: a share above 1 would be meaningless.
    scatter(deals, (r) => Math.min(1, ratio(numberOf(of(dealCol)[r]), sumOf(channelCols, r), 0)));
  }
  for (const c of recencyCols) scatter(out.column('behavioural', 'recency_days', `days since the last purchase (${c})`, { unit: 'days' }), (r) => numberOf(of(c)[r]));
  for (const c of visitCols) scatter(out.column('behavioural', 'web_visits_month', `visits to the website in the last month (${c})`, { unit: 'visits' }), (r) => numberOf(of(c)[r]));
  if (campaignCols.length) {
    const rate = out.column('behavioural', 'campaign_acceptance_rate', `share of marketing campaigns accepted (${campaignCols.join(', ')})`, { unit: 'share' });
    scatter(rate, (r) => meanPresent(campaignCols.map((c) => numberOf(of(c)[r]))));
  }
  for (const c of complainCols) scatter(out.column('behavioural', 'complained', `1 when the customer complained recently (${c})`, { unit: 'flag' }), (r) => numberOf(of(c)[r]));
  for (const c of sinceCols) {
    if (referenceTime === null) {
      out.notes.push(`customer table: no reference time, so ${c} gave no tenure`);
      continue;
    }
    const tenure = out.column('behavioural', 'tenure_days', `days from joining (${c}) to the reference date`, { unit: 'days' });
    scatter(tenure, (r) => {
      const t = toTime(of(c)[r] ?? null);
      return t === null ? Number.NaN : (referenceTime - t) / dayMs;
    });
  }
  return { ...out.result(), used };
}

/** "NumWebPurchases" → "web". */
function channelOf(column: string): string {
  return snakeName(column).replace(/^num_/, '').replace(/_purchases$/, '');
}

/** "MntMeatProducts" → "meat", "MntGoldProds" → "gold", "MntWines" → "wines". */
function categoryOf(column: string): string {
  const c = snakeName(column).replace(/^mnt_/, '');
  return c.replace(/_(products|prods|product|prod)$/, '') || c;
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
