import { describe, expect, it } from 'vitest';
import type { FeatureContrast } from '../describe/top-features.ts';
import { writeOfflineCards } from './offline-writer.ts';
import type { PersonaInput } from './persona-input.ts';
import { segmentStatistics } from './statistics.ts';
import { enforceGrounding } from './enforce-grounding.ts';

const feature = (feature: string, description: string, segmentMean: number, populationMean: number, z: number): FeatureContrast => ({
  feature, description, block: 'behavioural', segmentMean, populationMean, lift: segmentMean / populationMean, z, direction: z > 0 ? 'higher' : 'lower',
});

function segment(index: number, label: string, terms: string[], features: FeatureContrast[], quote: string): PersonaInput {
  const description = { summary: `${label}.`, reasons: features.map((f) => `${f.description} differs`), activity: { events: 1, hours: [], weekdays: [], peakHour: 14, peakWeekday: 'Monday' }, sentiment: 0 };
  return {
    index, label, size: 50 + index, share: 0.2, contrasts: features, topFeatures: features,
    topTerms: terms.map((term, i) => ({ term, score: 1 / (i + 1), texts: 5 })),
    description,
    channels: { channels: [{ channel: 'web', score: 1, why: 'web' }, { channel: 'email', score: -1, why: 'email' }], tone: { style: 'friendly', why: '' }, offer: { type: 'free returns', why: '' }, sendTime: { window: 'afternoon', why: '' } },
    value: null,
    evidence: [{ kind: 'text', textId: `t${index}`, text: quote, customerId: `cust-${index}`, at: null, relevance: 1 }],
    statistics: segmentStatistics({ size: 50 + index, share: 0.2, topFeatures: features, description, value: null }),
  };
}

const inputs = [
  segment(0, 'Trust skeptics', ['trust', 'fraud', 'data'], [feature('cancellation_rate', 'share of lines cancelled', 0.25, 0.075, 2.1)], 'Is this site even real? My bank flagged the payment.'),
  segment(1, 'Deal hunters', ['sale', 'code', 'price'], [feature('share_deals', 'share of orders on deals', 0.6, 0.2, 1.8)], 'The discount code failed again. Any other sale coming?'),
  segment(2, 'Deal hunters (2)', ['sale', 'voucher'], [feature('share_deals', 'share of orders on deals', 0.5, 0.2, 1.2)], 'Waiting for the voucher before I buy anything this month.'),
];

describe('offline persona writer', () => {
  const cards = writeOfflineCards(inputs);

  it('writes a specific card from the segment: trust skeptics worry about trust and data', () => {
    expect(cards[0]!.name).toBe('Tessa, the trust skeptic');
    expect(cards[0]!.frustrations.join(' ')).toMatch(/real|misused|data/i);
    expect(cards[0]!.frustrations.join(' ')).toMatch(/cancel/);
    expect(cards[0]!.quotes).toEqual(['Is this site even real?']);
    expect(cards[0]!.preferredChannels).toEqual(['web']);
  });

  it('keeps cards distinct even for two segments of the same theme', () => {
    expect(new Set(cards.map((c) => c.name)).size).toBe(3);
    for (const field of ['goals', 'frustrations'] as const) {
      const all = cards.flatMap((c) => c[field]);
      expect(new Set(all).size).toBe(all.length);
      for (const c of cards) expect(c[field].length).toBeGreaterThanOrEqual(2);
    }
  });

  it('writes cards that pass the grounding gate unchanged, and is deterministic', () => {
    cards.forEach((card, i) => expect(enforceGrounding(card, inputs[i]!.evidence, inputs[i]!.statistics)).toEqual({ card, repairs: [] }));
    expect(writeOfflineCards(inputs)).toEqual(cards);
  });
});
