import { describe, expect, it } from 'vitest';
import { activityProfile } from './activity.ts';
import { reasonFor } from './reasons.ts';

const contrast = (feature: string, segmentMean: number, populationMean: number, z: number) => ({
  feature,
  description: feature.replace(/_/g, ' '),
  block: 'value',
  segmentMean,
  populationMean,
  lift: populationMean ? segmentMean / populationMean : null,
  z,
  direction: z >= 0 ? ('higher' as const) : ('lower' as const),
});

describe('reasons', () => {
  it('quotes lift with real numbers', () => {
    expect(reasonFor(contrast('monetary_total', 930, 300, 1.4))).toBe('monetary total: 3.1× the average (930 vs 300 overall)');
    expect(reasonFor(contrast('recency_days', 10, 50, -1.2))).toBe('recency days: 5.0× lower than average (10.0 vs 50.0 overall)');
    expect(reasonFor(contrast('share_web', 0.62, 0.3, 1.1))).toBe('share web: 2.1× the average (62% vs 30% overall)');
  });
});

describe('activity profile', () => {
  it('counts hours and weekdays in UTC', () => {
    // 2024-01-01 was a Monday.
    const p = activityProfile([Date.UTC(2024, 0, 1, 22), Date.UTC(2024, 0, 1, 23), Date.UTC(2024, 0, 6, 22)]);
    expect(p.hours[22]).toBeCloseTo(2 / 3, 4);
    expect(p.peakHour).toBe(22);
    expect(p.weekdays[0]).toBeCloseTo(2 / 3, 4);
    expect(p.peakWeekday).toBe('Monday');
    expect(activityProfile([]).peakHour).toBeNull();
  });
});
