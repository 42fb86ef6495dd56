/**
 * The numbers a persona card may quote, each under a key and rounded to the precision it is shown with,
 * so a card that quotes a key with its value matches exactly.
 */
import type { FeatureContrast } from '../describe/top-features.ts';
import type { SegmentDescription } from '../segment/intelligence-stage.ts';
import type { NamedStatistic, SegmentValue } from '../types.ts';

export function shown(v: number): number {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return Number(v.toFixed(digits));
}

/** Feature descriptions can be long (they list source columns); labels keep the first part. */
export function brief(text: string, max = 90): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).replace(/[\s,;:(]+$/, '')}…`;
}

export interface StatisticsInput {
  readonly size: number;
  readonly share: number;
  readonly topFeatures: readonly FeatureContrast[];
  readonly description: SegmentDescription;
  readonly value?: SegmentValue | null;
}

export function segmentStatistics(s: StatisticsInput): NamedStatistic[] {
  const out: NamedStatistic[] = [
    { key: 'size', label: 'customers in the segment', value: s.size },
    { key: 'share_pct', label: 'share of all customers', value: Number((s.share * 100).toFixed(1)), unit: '%' },
  ];
  for (const f of s.topFeatures) {
    out.push({ key: `feature.${f.feature}.mean`, label: `${brief(f.description)} (segment average)`, value: shown(f.segmentMean) });
    out.push({ key: `feature.${f.feature}.population_mean`, label: `${brief(f.description)} (everyone)`, value: shown(f.populationMean) });
    if (f.lift !== null && Number.isFinite(f.lift)) out.push({ key: `feature.${f.feature}.lift`, label: `${brief(f.description)}: segment ÷ everyone`, value: Number(f.lift.toFixed(2)), unit: '×' });
  }
  const v = s.value;
  if (v) {
    out.push({ key: 'value.mean_clv', label: v.method === 'snapshot-proxy' ? 'average current spend (value proxy)' : `average predicted ${v.horizonMonths}-month CLV`, value: shown(v.meanClv) });
    if (v.probabilityAlive !== null) out.push({ key: 'value.probability_alive_pct', label: 'probability still active', value: Number((v.probabilityAlive * 100).toFixed(0)), unit: '%' });
    if (v.expectedPurchases !== null) out.push({ key: 'value.expected_purchases', label: `expected purchases in ${v.horizonMonths} months`, value: Number(v.expectedPurchases.toFixed(1)) });
  }
  if (s.description.sentiment !== null) out.push({ key: 'sentiment.mean', label: 'average sentiment of their texts (−1 to 1)', value: Number(s.description.sentiment.toFixed(2)) });
  if (s.description.activity.peakHour !== null) out.push({ key: 'activity.peak_hour', label: 'busiest hour (UTC)', value: s.description.activity.peakHour });
  return out;
}
