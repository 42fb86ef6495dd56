import { describe, expect, it } from 'vitest';
import { mmrSelect } from './mmr.ts';

describe('mmrSelect', () => {
  it('trades relevance against redundancy as computed by hand', () => {
    // Items 0 and 1 are near-duplicates; 2 is less relevant but different.
    const relevance = [1.0, 0.95, 0.6];
    const sim = (a: number, b: number) => ((a === 0 && b === 1) || (a === 1 && b === 0) ? 0.9 : 0);
    // Step 1: 0 (0.7). Step 2: item 1 scores 0.7·0.95 − 0.3·0.9 = 0.395; item 2 scores 0.42 → 2.
    expect(mmrSelect(relevance, sim, 2)).toEqual([0, 2]);
    // With λ = 1 it is plain ranking by relevance.
    expect(mmrSelect(relevance, sim, 2, 1)).toEqual([0, 1]);
  });

  it('breaks ties by index and stops when items run out', () => {
    expect(mmrSelect([0.5, 0.5, 0.5], () => 0, 5)).toEqual([0, 1, 2]);
  });
});
