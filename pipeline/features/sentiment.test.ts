import { describe, expect, it } from 'vitest';
import { negativeWords, positiveWords } from './sentiment-lexicon.ts';
import { sentimentScore } from './sentiment.ts';

describe('sentimentScore', () => {
  it('scores plain opinions', () => {
    expect(sentimentScore('great fast delivery')).toBeGreaterThan(0);
    expect(sentimentScore('not good')).toBeLessThan(0);
    expect(sentimentScore('This is a SCAM, I want a refund')).toBe(-1);
    expect(sentimentScore('the parcel arrived on Tuesday')).toBe(0);
    expect(sentimentScore('')).toBe(0);
  });

  it('flips words within 3 words after a negator, in the same clause only', () => {
    expect(sentimentScore('no problem')).toBe(1);
    expect(sentimentScore("don't love it")).toBe(-1);
    expect(sentimentScore('never was it very helpful')).toBe(1); // 4 words on: out of reach
    expect(sentimentScore('not bad, great')).toBe(1);
    expect(sentimentScore('love it but late and broken')).toBeCloseTo(-1 / 3, 12);
  });

  it('stays in [−1, 1] and has a lexicon of the intended size', () => {
    for (const t of ['great great bad', 'not not not', 'awful!!! terrible', 'ok']) {
      const s = sentimentScore(t);
      expect(s).toBeGreaterThanOrEqual(-1);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(positiveWords.size).toBeGreaterThanOrEqual(150);
    expect(negativeWords.size).toBeGreaterThanOrEqual(150);
    for (const w of positiveWords) expect(negativeWords.has(w)).toBe(false);
  });
});
