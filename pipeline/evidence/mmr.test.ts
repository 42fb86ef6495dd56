import { describe, expect, it } from 'vitest';
import { mmrSelect } from './mmr.ts';

// Items 0 and 1 are near-duplicates; 2 is less relevant but different; 3 is weak and unrelated.
const relevance = [1.0, 0.95, 0.6, 0.3];
const pairs: Record<string, number> = { '0,1': 0.9, '1,2': 0.2 };
const sim = (a: number, b: number) => pairs[`${Math.min(a, b)},${Math.max(a, b)}`] ?? 0;

describe('mmrSelect', () => {
  it('trades relevance against redundancy as computed by hand (λ = 0.7)', () => {
    // Step 1 scores 0.7·r: 0.70, 0.665, 0.42, 0.21 → 0.
    // Step 2: item 1: 0.665 − 0.3·0.9 = 0.395; item 2: 0.42 − 0 = 0.42; item 3: 0.21 → 2.
    // Step 3: item 1: 0.665 − 0.3·max(0.9, 0.2) = 0.395; item 3: 0.21 → 1.
    expect(mmrSelect(relevance, sim, 3)).toEqual([0, 2, 1]);
  });

  it('follows λ: 1 is ranking by relevance, 0.5 favours diversity more', () => {
    expect(mmrSelect(relevance, sim, 3, { lambda: 1 })).toEqual([0, 1, 2]);
    // λ = 0.5, step 3: item 1: 0.475 − 0.5·0.9 = 0.025; item 3: 0.15 → 3.
    expect(mmrSelect(relevance, sim, 3, { lambda: 0.5 })).toEqual([0, 2, 3]);
  });

  it('breaks ties by index and stops when items run out', () => {
    expect(mmrSelect([0.5, 0.5, 0.5], () => 0, 5)).toEqual([0, 1, 2]);
    expect(mmrSelect([0.2, 0.9], () => 1, 0)).toEqual([]);
    expect(mmrSelect([], () => 0, 3)).toEqual([]);
  });

  it('rejects bad options and values', () => {
    expect(() => mmrSelect([1], () => 0, 1, { lambda: 1.5 })).toThrow(/lambda/);
    expect(() => mmrSelect([1], () => 0, -1)).toThrow(/k must/);
    expect(() => mmrSelect([1, Number.NaN], () => 0, 1)).toThrow(/relevance\[1\]/);
  });
});
