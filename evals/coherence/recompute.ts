/**
 * The statistics a card may quote, recomputed from raw feature values and segment membership: size and
 * share, each feature's segment and population mean (plain and as a percentage), lift and its inverse,
 * mean sentiment, and the busiest UTC hour of the segment's activity with its share. Values are kept at
 * full precision; the grounding check compares them at the card's own precision.
 */
import type { FeatureBlock } from '../../pipeline/features/types.ts';
import type { RecomputedFeature } from './snapshot.ts';

export interface RecomputeInput {
  /** Segment index per customer row of the blocks (−1 = not in the run). */
  readonly labels: readonly number[];
  readonly segments: readonly number[];
  readonly blocks: readonly Pick<FeatureBlock, 'columns' | 'raw'>[];
  /** Timestamped activity (texts, else transactions) with its customer's segment. */
  readonly events: readonly { readonly segment: number; readonly at: number | null }[];
}

export function recomputeStatistics(input: RecomputeInput): Map<number, { stats: Map<string, number>; features: RecomputedFeature[] }> {
  const members = input.labels.filter((l) => l >= 0).length;
  const out = new Map<number, { stats: Map<string, number>; features: RecomputedFeature[] }>();
  for (const segment of input.segments) {
    const rows: number[] = [];
    input.labels.forEach((l, i) => l === segment && rows.push(i));
    const stats = new Map<string, number>([
      ['size', rows.length],
      ['share_pct', members ? (rows.length / members) * 100 : NaN],
    ]);
    const features: RecomputedFeature[] = [];
    for (const block of input.blocks) {
      const { data, cols } = block.raw;
      block.columns.forEach((column, j) => {
        let all = 0;
        let allSq = 0;
        let n = 0;
        let seg = 0;
        input.labels.forEach((l, i) => {
          if (l < 0) return;
          const v = data[i * cols + j] as number;
          all += v;
          allSq += v * v;
          n++;
          if (l === segment) seg += v;
        });
        const population = n ? all / n : NaN;
        const mean = rows.length ? seg / rows.length : NaN;
        const sd = n ? Math.sqrt(Math.max(0, allSq / n - population * population)) : NaN;
        features.push({ feature: column.name, description: column.description, segmentMean: mean, populationMean: population, z: sd > 1e-12 ? (mean - population) / sd : 0 });
        const key = `feature.${column.name}`;
        stats.set(`${key}.mean`, mean).set(`${key}.mean_pct`, mean * 100);
        stats.set(`${key}.population_mean`, population).set(`${key}.population_pct`, population * 100);
        if (Math.abs(population) > 1e-9) {
          stats.set(`${key}.lift`, mean / population);
          if (mean !== 0) stats.set(`${key}.times_lower`, population / mean);
        }
        if (column.name === 'sentiment_mean') stats.set('sentiment.mean', mean);
      });
    }
    const hours = new Array<number>(24).fill(0);
    let events = 0;
    for (const e of input.events) {
      if (e.segment !== segment || e.at === null) continue;
      hours[new Date(e.at).getUTCHours()]!++;
      events++;
    }
    if (events) {
      const peak = hours.indexOf(Math.max(...hours));
      stats.set('activity.peak_hour', peak).set('activity.peak_hour_share_pct', ((hours[peak] as number) / events) * 100);
    }
    out.set(segment, { stats, features });
  }
  return out;
}
