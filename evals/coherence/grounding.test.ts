import { describe, expect, it } from 'vitest';
import { agreesAtPrecision, cardGrounding, checkNumber, checkQuote, groundedShare, parseDisplay, quoteCore } from './grounding.ts';
import { fixtureCard, fixtureSegment } from './test-fixture.ts';

describe('quote grounding', () => {
  const texts = ['The parcel [number] arrived  late again, second time this month'];
  it('accepts a verbatim core, trimming quotation marks, ellipses and whitespace differences', () => {
    expect(quoteCore('“…arrived late again…”')).toBe('arrived late again');
    expect(checkQuote('"arrived late again, second time"', texts).outcome).toBe('grounded');
    expect(checkQuote('The parcel [number] arrived late', texts).outcome).toBe('grounded');
  });
  it('rejects paraphrases and too-short quotes', () => {
    expect(checkQuote('arrived very late again', texts).outcome).toBe('ungrounded');
    expect(checkQuote('late again', texts).reason).toMatch(/shorter than 12/);
  });
});

describe('number grounding', () => {
  it('compares at the precision the card shows', () => {
    expect(agreesAtPrecision(16.1, 16.14)).toBe(true);
    expect(agreesAtPrecision(16.1, 16.16)).toBe(false);
    expect(agreesAtPrecision(65, 65.4)).toBe(true);
    expect(agreesAtPrecision(65, 66)).toBe(false);
  });
  it('reads display strings', () => {
    expect(parseDisplay('1,204')).toEqual({ value: 1204, decimals: 0 });
    expect(parseDisplay('2.5k')).toEqual({ value: 2500, decimals: -2 });
    expect(parseDisplay('3.3× lower')).toEqual({ value: 3.3, decimals: 1 });
    expect(parseDisplay('\u22120.12')).toEqual({ value: -0.12, decimals: 2 });
  });
  it('marks a wrong number, a wrong display and an unrecomputable one', () => {
    const stats = new Map([['share_pct', 18.05], ['size', 65]]);
    expect(checkNumber({ key: 'share_pct', value: 18.1, display: '18.1%' }, stats).outcome).toBe('grounded');
    expect(checkNumber({ key: 'size', value: 70, display: '70' }, stats)).toMatchObject({ outcome: 'ungrounded', reason: 'recomputed 65 from the raw data' });
    expect(checkNumber({ key: 'size', value: 65, display: '56' }, stats).outcome).toBe('ungrounded');
    expect(checkNumber({ key: 'value.mean_clv', value: 783 }, stats).outcome).toBe('unverified');
  });
  it('scores the grounded share of checkable items', () => {
    const seg = fixtureSegment(0);
    const g = cardGrounding(fixtureCard(0), seg.texts, seg.stats);
    expect(groundedShare([...g.quotes, ...g.numbers])).toBe(1);
    expect(groundedShare([{ item: 'a', outcome: 'grounded' }, { item: 'b', outcome: 'ungrounded' }, { item: 'c', outcome: 'unverified' }])).toBe(0.5);
    expect(groundedShare([{ item: 'c', outcome: 'unverified' }])).toBeNull();
  });
});
