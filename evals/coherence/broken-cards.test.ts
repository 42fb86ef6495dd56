/** Deliberately broken cards: each kind of mistake is caught by the suite's scores and named as a failure. */
import { describe, expect, it } from 'vitest';
import { scoreRun } from './score-run.ts';
import { fixtureCard, fixtureRun } from './test-fixture.ts';
import type { RunSnapshot } from './snapshot.ts';

const score = (run: RunSnapshot, metric: string) => scoreRun(run, 'fixture').scores.find((s) => s.metric === metric)?.value;
const failed = (run: RunSnapshot, kind: string) => scoreRun(run, 'fixture').failures.filter((f) => f.case.endsWith(kind));

describe('broken cards are caught', () => {
  it('a correct run has no failures and perfect scores', () => {
    const r = scoreRun(fixtureRun(), 'fixture');
    expect(r.failures).toEqual([]);
    for (const m of ['grounding', 'claim_precision', 'identifiability', 'evidence_relevance', 'cards']) expect(score(fixtureRun(), m), m).toBe(1);
  });

  it('quotes swapped between two segments', () => {
    const a = fixtureCard(0);
    const b = fixtureCard(1);
    const run = fixtureRun((s) => s.map((x) => (x.index === 0 ? { ...x, card: { ...a, quotes: b.quotes } } : x.index === 1 ? { ...x, card: { ...b, quotes: a.quotes } } : x)));
    expect(score(run, 'grounding.quotes')).toBe(0.25); // only segment 2's quote is still its own
    expect(failed(run, 'grounding').map((f) => f.case)).toEqual(['segment 0: grounding', 'segment 1: grounding', 'segment 1: grounding']);
  });

  it('a wrong number', () => {
    const card = fixtureCard(1);
    const run = fixtureRun((s) => s.map((x) => (x.index === 1 ? { ...x, card: { ...card, keyStats: [card.keyStats[0]!, { key: 'feature.invoice_disputes.mean', value: 3, display: '3' }] } } : x)));
    expect(score(run, 'grounding')).toBeLessThan(1);
    expect(failed(run, 'grounding')).toEqual([{ scope: 'fixture', case: 'segment 1: grounding', reason: '"feature.invoice_disputes.mean = 3": recomputed 2 from the raw data' }]);
  });

  it('a card that describes another segment', () => {
    const run = fixtureRun((s) => s.map((x) => (x.index === 0 ? { ...x, card: fixtureCard(2) } : x)));
    expect(score(run, 'identifiability')).toBeCloseTo(2 / 3, 4);
    expect(failed(run, 'identifiability')[0]?.reason).toBe('the card reads as segment 2');
    expect(failed(run, 'grounding').length).toBeGreaterThan(0);
  });

  it('two near-identical cards', () => {
    const run = fixtureRun((s) => s.map((x) => (x.index === 1 ? { ...x, card: { ...fixtureCard(0), name: 'Gearhead Gary' } } : x)));
    expect(score(run, 'distinctiveness.max_similarity')).toBeGreaterThan(0.9);
    expect(score(run, 'distinctiveness.max_goal_overlap')).toBe(1);
    expect(failed(run, 'distinctiveness')[0]?.case).toBe('segment 0: distinctiveness');
  });

  it('a segment without a card', () => {
    const run = fixtureRun((s) => s.map((x) => (x.index === 2 ? { ...x, card: null } : x)));
    expect(score(run, 'cards')).toBeCloseTo(2 / 3, 4);
  });
});
