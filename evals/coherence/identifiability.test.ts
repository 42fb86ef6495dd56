import { describe, expect, it } from 'vitest';
import { identifyCards, numberAgreement, topOneAccuracy } from './identifiability.ts';
import { fixtureCard, fixtureRun, fixtureSegment, withCard } from './test-fixture.ts';

describe('identifiability', () => {
  it('finds every correct card’s own segment', () => {
    const ids = identifyCards(fixtureRun());
    expect(ids.map((x) => x.identifiedAs)).toEqual([0, 1, 2]);
    expect(topOneAccuracy(ids)).toBe(1);
  });
  it('counts the share of key numbers a segment agrees with', () => {
    expect(numberAgreement(fixtureCard(0), fixtureSegment(0))).toBe(1);
    expect(numberAgreement(fixtureCard(0), fixtureSegment(1))).toBe(0);
    expect(numberAgreement(fixtureCard(2), fixtureSegment(1))).toBe(1 / 2); // size 30 also fits segment 1
  });
  it('scores top-1 by hand: one card of three read as another segment', () => {
    const ids = identifyCards(withCard(0, fixtureCard(2)));
    expect(ids.find((x) => x.segment === 0)?.identifiedAs).toBe(2);
    expect(topOneAccuracy(ids)).toBeCloseTo(2 / 3, 12);
  });
});
