/**
 * The numbers a persona card may quote, each under a key and already rounded to the precision it is
 * shown with, so a card quoting a key with its value matches exactly. Shares are percentages (one
 * decimal), lifts one decimal (two below 1), money and counts 0/1/2 decimals by magnitude.
 */
import type { FeatureContrast } from '../describe/top-features.ts';
import type { SegmentDescription } from '../segment/intelligence-stage.ts';
import type { NamedStatistic, SegmentValue } from '../types.ts';
import { oneHotLevel, plainFeature } from '../describe/feature-words.ts';

export { oneHotLevel, plainFeature };

export interface StatisticsInput {
  readonly size: number;
  readonly share: number;
  readonly topFeatures: readonly FeatureContrast[];
  readonly description: SegmentDescription;
  readonly value?: SegmentValue | null;
  readonly stability?: number | null;
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits)) + 0; // + 0 turns −0 into 0

/** Money, counts and averages: whole numbers from 100, one decimal from 10, else two. */
export function shown(v: number): number {
  const abs = Math.abs(v);
  return round(v, abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

/** A ratio is shown with one decimal ("3.3×"), or two below 1 ("0.42×"). */
export function shownRatio(v: number): number {
  return round(v, Math.abs(v) >= 1 ? 1 : 2);
}

/** Shares, rates and one-hot levels live in [0, 1] and are shown as percentages. */
export function isShareLike(f: Pick<FeatureContrast, 'feature' | 'description' | 'segmentMean' | 'populationMean'>): boolean {
  const named = /share|rate|ratio|pct|percent/.test(f.feature) || /^1 when /.test(f.description);
  return named && Math.abs(f.segmentMean) <= 1 && Math.abs(f.populationMean) <= 1;
}

/** Long labels are cut at a word boundary. */
export function brief(text: string, max = 90): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).replace(/[\s,;:(]+$/, '')}…`;
}

/** The keys a feature's numbers are published under. */
export function featureKeys(f: Pick<FeatureContrast, 'feature' | 'description' | 'segmentMean' | 'populationMean'>): { mean: string; population: string; lift: string; timesLower: string } {
  const pct = isShareLike(f);
  return {
    mean: `feature.${f.feature}.${pct ? 'mean_pct' : 'mean'}`,
    population: `feature.${f.feature}.${pct ? 'population_pct' : 'population_mean'}`,
    lift: `feature.${f.feature}.lift`,
    timesLower: `feature.${f.feature}.times_lower`,
  };
}

export function featureStatistics(f: FeatureContrast): NamedStatistic[] {
  const label = brief(plainFeature(f.description), 70);
  const keys = featureKeys(f);
  const out: NamedStatistic[] = [];
  const push = (key: string, text: string, value: number, unit?: string) => {
    if (Number.isFinite(value)) out.push(unit ? { key, label: text, value, unit } : { key, label: text, value });
  };
  if (isShareLike(f)) {
    push(keys.mean, `${label} (this segment)`, round(f.segmentMean * 100, 1), '%');
    push(keys.population, `${label} (all customers)`, round(f.populationMean * 100, 1), '%');
  } else {
    push(keys.mean, `${label} (segment average)`, shown(f.segmentMean));
    push(keys.population, `${label} (average of all customers)`, shown(f.populationMean));
  }
  if (f.lift !== null && Number.isFinite(f.lift) && f.lift > 0 && f.populationMean > 0) {
    push(keys.lift, `${label}: segment ÷ all customers`, shownRatio(f.lift), '×');
    if (f.lift <= 0.87) push(keys.timesLower, `${label}: times lower than all customers`, shownRatio(1 / f.lift), '×');
  }
  return out;
}

export function segmentStatistics(s: StatisticsInput): NamedStatistic[] {
  const out: NamedStatistic[] = [
    { key: 'size', label: 'customers in the segment', value: s.size },
    { key: 'share_pct', label: 'share of all customers', value: round(s.share * 100, 1), unit: '%' },
  ];
  if (s.stability !== undefined && s.stability !== null && Number.isFinite(s.stability)) {
    out.push({ key: 'stability', label: 'bootstrap stability of the segment (0–1; below 0.6 = unstable)', value: round(s.stability, 2) });
  }
  for (const f of s.topFeatures) out.push(...featureStatistics(f));
  const v = s.value;
  if (v && Number.isFinite(v.meanClv)) {
    const proxy = v.method === 'snapshot-proxy';
    const money = v.currency ? ` (${v.currency})` : '';
    out.push({ key: 'value.mean_clv', label: proxy ? `average current spend per customer, a value proxy${money}` : `average predicted ${v.horizonMonths}-month customer value${money}`, value: shown(v.meanClv) });
    if (Number.isFinite(v.totalClv)) out.push({ key: 'value.total_clv', label: proxy ? `current spend of the whole segment${money}` : `predicted ${v.horizonMonths}-month value of the whole segment${money}`, value: round(v.totalClv, 0) });
    if (v.probabilityAlive !== null && Number.isFinite(v.probabilityAlive)) out.push({ key: 'value.probability_alive_pct', label: 'average probability a customer is still active', value: round(v.probabilityAlive * 100, 0), unit: '%' });
    if (v.expectedPurchases !== null && Number.isFinite(v.expectedPurchases)) out.push({ key: 'value.expected_purchases', label: `expected purchases per customer in the next ${v.horizonMonths} months`, value: round(v.expectedPurchases, 1) });
  }
  const { sentiment, activity } = s.description;
  if (sentiment !== null && Number.isFinite(sentiment)) out.push({ key: 'sentiment.mean', label: 'average sentiment of their texts (−1 to 1)', value: round(sentiment, 2) });
  if (activity.peakHour !== null) {
    out.push({ key: 'activity.peak_hour', label: 'busiest hour of the day (UTC, 0–23)', value: activity.peakHour });
    const share = activity.hours[activity.peakHour];
    if (share !== undefined && Number.isFinite(share)) out.push({ key: 'activity.peak_hour_share_pct', label: 'share of their activity in the busiest hour', value: round(share * 100, 1), unit: '%' });
  }
  return out;
}

/** How a statistic is shown on a card: one number, with its unit. */
export function displayStatistic(stat: NamedStatistic): string {
  const number = stat.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (stat.unit === '%') return `${number}%`;
  if (stat.unit === '×') return stat.key.endsWith('.times_lower') ? `${number}× lower` : `${number}×`;
  if (stat.key === 'activity.peak_hour') return `${String(stat.value).padStart(2, '0')}h UTC`;
  return number;
}
