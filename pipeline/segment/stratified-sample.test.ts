import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { stratifiedSample } from './stratified-sample.ts';

describe('stratified sample', () => {
  // A big blob and a small one (2% of rows) far away along the main axis.
  const { x, truth } = gaussianBlobs({ blobs: 2, perBlob: [4900, 100], dims: 3, minSeparation: 40 }, createRng(3));

  it('draws exactly the requested number of distinct rows, ascending, the same for the same seed', () => {
    const a = stratifiedSample(x, 500, createRng(1));
    expect(a.length).toBe(500);
    for (let i = 1; i < a.length; i++) expect(a[i] as number).toBeGreaterThan(a[i - 1] as number);
    expect(stratifiedSample(x, 500, createRng(1))).toEqual(a);
    expect(stratifiedSample(x, 500, createRng(2))).not.toEqual(a);
  });

  it('keeps a small region in proportion (2% of 500 = 10 rows, ±1)', () => {
    for (const seed of [1, 2, 3, 4]) {
      const pick = stratifiedSample(x, 500, createRng(seed));
      const small = Array.from(pick).filter((r) => truth[r] === 1).length;
      expect(Math.abs(small - 10)).toBeLessThanOrEqual(1);
    }
  });

  it('returns every row when the sample would be the whole data', () => {
    expect(stratifiedSample(x, 6000, createRng(1)).length).toBe(5000);
  });
});
