import { describe, expect, it } from 'vitest';
import { groundingViolations } from '../evidence/grounding.ts';
import type { SegmentValue } from '../types.ts';
import { personaCardSchema, schemaProblems } from './card-schema.ts';
import { displayStatistic, plainFeature, segmentStatistics, shown } from './statistics.ts';
import { contrast } from './test-helpers.ts';

const value: SegmentValue = {
  method: 'bgnbd-gamma-gamma', note: 'fitted', horizonMonths: 12, customers: 58, meanClv: 386.594, totalClv: 22422.45,
  expectedPurchases: 4.5957, probabilityAlive: 0.8763, churnRisk: 'low', currency: null,
};
const hours = new Array<number>(24).fill(0);
hours[10] = 0.3125;
const description = { summary: '', reasons: [], activity: { events: 16, hours, weekdays: [], peakHour: 10, peakWeekday: 'Friday' }, sentiment: -0.0630555 };

describe('segmentStatistics', () => {
  const stats = segmentStatistics({
    size: 58,
    share: 58 / 360,
    topFeatures: [
      contrast('cancellation_rate', 'share of transaction lines that were cancellations or returns', 0.25216, 0.07513, 1.5),
      contrast('mean_length_chars', 'average text length in characters', 233.73, 188.63, 1.3),
      contrast('share_app', 'share of orders placed via app', 0.0134, 0.313, -0.8),
    ],
    description,
    value,
  });
  const byKey = Object.fromEntries(stats.map((s) => [s.key, s.value]));

  it('publishes each number under a key, rounded as it is shown', () => {
    expect(byKey).toEqual({
      size: 58,
      share_pct: 16.1, // 58 / 360 = 16.11%
      'feature.cancellation_rate.mean_pct': 25.2,
      'feature.cancellation_rate.population_pct': 7.5,
      'feature.cancellation_rate.lift': 3.4, // 0.25216 / 0.07513 = 3.356
      'feature.mean_length_chars.mean': 234,
      'feature.mean_length_chars.population_mean': 189,
      'feature.mean_length_chars.lift': 1.2, // 233.73 / 188.63 = 1.239
      'feature.share_app.mean_pct': 1.3,
      'feature.share_app.population_pct': 31.3,
      'feature.share_app.lift': 0.04, // 0.0134 / 0.313 = 0.0428
      'feature.share_app.times_lower': 23.4, // 1 / 0.0428
      'value.mean_clv': 387,
      'value.total_clv': 22422,
      'value.probability_alive_pct': 88,
      'value.expected_purchases': 4.6,
      'sentiment.mean': -0.06,
      'activity.peak_hour': 10,
      'activity.peak_hour_share_pct': 31.3,
    });
    expect(stats.find((s) => s.key === 'share_pct')!.unit).toBe('%');
  });

  it('displays each statistic so that the grounding rule accepts it as quoted', () => {
    const keyStats = stats.map((s) => ({ key: s.key, label: s.label, value: s.value, display: displayStatistic(s) }));
    expect(keyStats.map((k) => k.display).slice(0, 3)).toEqual(['58', '16.1%', '25.2%']);
    expect(keyStats.find((k) => k.key === 'feature.share_app.times_lower')!.display).toBe('23.4× lower');
    expect(keyStats.find((k) => k.key === 'value.total_clv')!.display).toBe('22,422');
    expect(keyStats.find((k) => k.key === 'activity.peak_hour')!.display).toBe('10h UTC');
    expect(groundingViolations({ quotes: [], keyStats }, [], stats)).toEqual([]);
  });

  it('rounds money, counts and averages by magnitude, and never publishes −0', () => {
    expect([shown(2550.78), shown(179.05), shown(13.123), shown(6.9749), shown(-0.001)]).toEqual([2551, 179, 13.1, 6.97, 0]);
    expect(Object.is(shown(-0.001), 0)).toBe(true);
  });

  it('labels a value proxy as such, and omits what the data does not have', () => {
    const proxy = segmentStatistics({
      size: 10, share: 0.5, topFeatures: [], description: { ...description, sentiment: null, activity: { ...description.activity, peakHour: null } },
      value: { ...value, method: 'snapshot-proxy', probabilityAlive: null, expectedPurchases: null },
    });
    expect(proxy.map((s) => s.key)).toEqual(['size', 'share_pct', 'value.mean_clv', 'value.total_clv']);
    expect(proxy[2]!.label).toMatch(/value proxy/);
  });
});

describe('plainFeature', () => {
  it('leaves out source columns but keeps explanations', () => {
    expect(plainFeature('total spend (MntWines + MntFruits + MntGoldProds)')).toBe('total spend');
    expect(plainFeature('income (Income)')).toBe('income');
    expect(plainFeature('income (Annual Income (k$))')).toBe('income');
    expect(plainFeature('age (age)')).toBe('age');
    expect(plainFeature('household_size from the customer table')).toBe('household size');
    expect(plainFeature('share of texts written 0–6 h (UTC)')).toBe('share of texts written 0–6 h (UTC)');
    expect(plainFeature('share of texts that ask a question (contain "?")')).toBe('share of texts that ask a question (contain "?")');
    expect(plainFeature('1 when preferred_device is "mobile"')).toBe('share with preferred device “mobile”');
  });
});

describe('personaCardSchema', () => {
  const card = {
    name: 'Wary Wendy, the trust skeptic', archetype: 'Trust skeptic', ageBand: '45–54', occupation: 'not in the data',
    bio: 'Wendy stands for 58 customers who doubt that sellers are genuine. She cancels often.',
    goals: ['Buy from genuine sellers', 'Keep card details safe'], frustrations: ['Fake reviews', 'Slow refunds'], motivations: ['Buyer protection', 'Verified reviews'],
    preferredChannels: ['web shop'], quotes: [], keyStats: [{ key: 'size', label: 'customers', value: 58, display: '58' }, { key: 'share_pct', label: 'share', value: 16.1, display: '16.1%' }],
  };

  it('accepts a complete card and describes every field', () => {
    expect(personaCardSchema.parse(card)).toEqual(card);
    for (const [name, field] of Object.entries(personaCardSchema.shape)) expect(field.description, name).toBeTruthy();
  });

  it('names the field of every problem', () => {
    expect(schemaProblems({ ...card, goals: ['no'], keyStats: [card.keyStats[0]], quotes: ['a', 'b', 'c', 'd', 'e'] })).toEqual([
      'goals.0: String must contain at least 3 character(s)',
      'quotes: Array must contain at most 4 element(s)',
      'keyStats: Array must contain at least 2 element(s)',
    ]);
    expect(schemaProblems('not a card')).toEqual(['card: Expected object, received string']);
  });
});
