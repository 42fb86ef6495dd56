import { describe, expect, it } from 'vitest';
import { centroid, cosine, inverseDocumentFrequency, jaccard, normaliseForMatch, tfidf, tokens } from './text.ts';

describe('text helpers', () => {
  it('tokenises any script, dropping short tokens, digits and function words', () => {
    expect(tokens('The Envío llegó 3 días tarde, and ZORBL 2024')).toEqual(['envío', 'llegó', 'días', 'tarde', 'zorbl']);
  });
  it('computes idf, tf-idf and cosine by hand', () => {
    const idf = inverseDocumentFrequency([new Set(['red', 'bike']), new Set(['blue', 'bike'])]);
    expect(idf.get('bike')).toBeCloseTo(Math.log(3 / 3) + 1, 12);
    expect(idf.get('red')).toBeCloseTo(Math.log(3 / 2) + 1, 12);
    const a = tfidf('red bike', idf, 9);
    const b = tfidf('blue bike', idf, 9);
    const r = Math.log(1.5) + 1;
    expect(cosine(a, b)).toBeCloseTo(1 / (1 + r * r), 12);
    expect(cosine(a, a)).toBeCloseTo(1, 12);
  });
  it('averages unit vectors into a centroid', () => {
    const c = centroid([new Map([['x', 2]]), new Map([['y', 5]])]);
    expect(c.get('x')).toBeCloseTo(0.5, 12);
    expect(c.get('y')).toBeCloseTo(0.5, 12);
  });
  it('jaccard and match normalisation', () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBe(0.5);
    expect(normaliseForMatch('“so  slow”\n today')).toBe('"so slow" today');
  });
});
