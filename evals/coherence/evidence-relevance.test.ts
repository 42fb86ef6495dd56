import { describe, expect, it } from 'vitest';
import { quoteRelevance, relevantShare } from './evidence-relevance.ts';
import { fixtureCard, fixtureRun, withCard } from './test-fixture.ts';

describe('evidence relevance', () => {
  it('finds every quote of the correct cards closest to its own segment', () => {
    const checks = quoteRelevance(fixtureRun());
    expect(checks).toHaveLength(4);
    expect(relevantShare(checks)).toBe(1);
  });
  it('flags a quote closer to another segment, by hand: 1 of 4 quotes', () => {
    const card = { ...fixtureCard(0), quotes: ['my chain keeps slipping on the steep climb', 'please send a corrected invoice with the discount applied'] };
    const checks = quoteRelevance(withCard(0, card));
    const moved = checks.find((c) => c.quote.startsWith('please send'));
    expect(moved).toMatchObject({ segment: 0, relevant: false, nearestOther: { segment: 1 } });
    expect(relevantShare(checks)).toBe(3 / 4);
  });
  it('has nothing to score without texts', () => {
    expect(quoteRelevance(fixtureRun((s) => s.map((x) => ({ ...x, texts: [] }))))).toEqual([]);
    expect(relevantShare([])).toBeNull();
  });
});
