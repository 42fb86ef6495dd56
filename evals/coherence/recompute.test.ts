import { describe, expect, it } from 'vitest';
import { recomputeStatistics } from './recompute.ts';

describe('recomputeStatistics', () => {
  it('recomputes size, share, means, lift and the busiest hour by hand', () => {
    const raw = { rows: 4, cols: 2, data: Float64Array.from([10, 0.5, 20, 1, 30, 0, 40, 0.5]) };
    const out = recomputeStatistics({
      labels: [0, 0, 1, -1],
      segments: [0, 1],
      blocks: [{ columns: [{ name: 'spend', description: 'spend' }, { name: 'sentiment_mean', description: 'sentiment' }], raw }],
      events: [
        { segment: 0, at: Date.UTC(2025, 0, 1, 9) },
        { segment: 0, at: Date.UTC(2025, 0, 2, 9) },
        { segment: 0, at: Date.UTC(2025, 0, 2, 17) },
        { segment: 1, at: null },
      ],
    });
    const s0 = out.get(0)!.stats;
    expect(s0.get('size')).toBe(2);
    expect(s0.get('share_pct')).toBeCloseTo((2 / 3) * 100, 12);
    expect(s0.get('feature.spend.mean')).toBe(15);
    expect(s0.get('feature.spend.population_mean')).toBe(20);
    expect(s0.get('feature.spend.lift')).toBe(0.75);
    expect(s0.get('feature.spend.times_lower')).toBeCloseTo(4 / 3, 12);
    expect(s0.get('feature.sentiment_mean.mean_pct')).toBe(75);
    expect(s0.get('sentiment.mean')).toBe(0.75);
    expect(s0.get('activity.peak_hour')).toBe(9);
    expect(s0.get('activity.peak_hour_share_pct')).toBeCloseTo(200 / 3, 12);
    expect(out.get(1)!.stats.has('activity.peak_hour')).toBe(false);
    // z: population sd of [10,20,30] = sqrt(200/3)
    expect(out.get(1)!.features[0]!.z).toBeCloseTo(10 / Math.sqrt(200 / 3), 12);
  });
});
