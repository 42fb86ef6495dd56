import { describe, expect, it } from 'vitest';
import { itemKey, maxOf, pairwiseSimilarity } from './distinctiveness.ts';
import { fixtureCard } from './test-fixture.ts';

describe('distinctiveness', () => {
  it('normalises items to stem bags', () => {
    expect(itemKey('Save money on repairs.')).toBe(itemKey('repairs: save  MONEY'));
  });
  it('is 1 for a copied card and low for different cards', () => {
    const cards = [0, 1, 2].map((i) => ({ segment: i, card: fixtureCard(i) }));
    expect(maxOf(pairwiseSimilarity(cards), 'text')).toBeLessThan(0.3);
    expect(maxOf(pairwiseSimilarity(cards), 'goalsAndFrustrations')).toBe(0);
    const copied = pairwiseSimilarity([cards[0]!, { segment: 1, card: { ...fixtureCard(0), name: 'Gearhead Gary' } }]);
    expect(copied[0]!.text).toBeGreaterThan(0.95);
    expect(copied[0]!.goalsAndFrustrations).toBe(1);
  });
  it('computes goal overlap by hand', () => {
    const a = { ...fixtureCard(0), goals: ['fast repairs', 'clean gears'], frustrations: ['noise', 'slipping chain'] };
    const b = { ...fixtureCard(1), goals: ['fast repairs', 'exact invoice'], frustrations: ['late refunds', 'noise'] };
    // shared 2 of 6 distinct items
    expect(pairwiseSimilarity([{ segment: 0, card: a }, { segment: 1, card: b }])[0]!.goalsAndFrustrations).toBeCloseTo(2 / 6, 12);
  });
  it('has no pairs for fewer than two cards', () => {
    expect(maxOf([], 'text')).toBeNull();
  });
});
