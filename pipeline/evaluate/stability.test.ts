import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { fitKMeans } from '../cluster/kmeans.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { bootstrapStability } from './stability.ts';

describe('bootstrap stability', () => {
  const { x, truth } = gaussianBlobs({ blobs: 3, perBlob: 50, dims: 3 }, createRng(6));
  const labels = fitKMeans(x, createRng(1), { k: 3 }).labels;

  it('is ~1 for well-separated segments', () => {
    const s = bootstrapStability(x, (m, rng) => fitKMeans(m, rng, { k: 3, restarts: 2 }), labels, { rng: createRng(2), resamples: 5 });
    expect(s.perSegment).toHaveLength(3);
    expect(s.mean).toBeGreaterThan(0.99);
    expect(s.resamples).toBe(5);
    expect(truth.length).toBe(x.rows);
  });

  it('is low when the refit ignores the structure, and reproducible per seed', () => {
    const random = (m: { rows: number }, rng: { int(n: number): number }) => ({ labels: Int32Array.from({ length: m.rows }, () => rng.int(3)) });
    const a = bootstrapStability(x, random, labels, { rng: createRng(3), resamples: 4 });
    expect(a.mean).toBeLessThan(0.5);
    expect(bootstrapStability(x, random, labels, { rng: createRng(3), resamples: 4 })).toEqual(a);
  });

  it('computes the best Jaccard match per segment', () => {
    // With sampleShare 1 every row is drawn; a refit that merges segments 1 and 2 gives
    // segment 0 a perfect match and segments 1 and 2 Jaccard 50/100 = 0.5.
    const merge = () => ({ labels: Int32Array.from(labels, (l) => (l === 0 ? 0 : 1)) });
    const s = bootstrapStability(x, merge, labels, { rng: createRng(1), resamples: 2, sampleShare: 1 });
    expect(s.perSegment).toEqual([1, 0.5, 0.5]);
    expect(s.mean).toBeCloseTo(2 / 3, 12);
  });
});
