import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { dbcv } from './dbcv.ts';

describe('DBCV', () => {
  it('matches a hand computation on two 1-D triples', () => {
    // C1 = {0, 1, 2}, C2 = {10, 11, 12}, D = 1. All-points core distance (Σ (1/d)^D / (m−1))^(−1/D):
    // ends (1 + 1/2)/2 = 3/4 → 4/3; middles (1 + 1)/2 = 1 → 1. MST on mutual reachability: two edges
    // of 4/3 (the 0–2 edge costs 2). Internal node: the middle only, so no internal edge and the
    // sparseness is the largest edge, 4/3. Separation: mreach(1, 11) = max(1, 1, 10) = 10.
    // Validity (10 − 4/3) / 10 = 13/15 for both; weights 3/6 each → 13/15.
    const x = fromRows([[0], [1], [2], [10], [11], [12]]);
    expect(Math.abs(dbcv(x, [0, 0, 0, 1, 1, 1]) - 13 / 15)).toBeLessThan(1e-9);
    // A noise row only dilutes the weights: 6/7 · 13/15.
    const withNoise = fromRows([[0], [1], [2], [10], [11], [12], [50]]);
    expect(Math.abs(dbcv(withNoise, [0, 0, 0, 1, 1, 1, -1]) - (6 / 7) * (13 / 15))).toBeLessThan(1e-9);
  });

  it('scores true blobs high and a random split low', () => {
    const { x, truth } = gaussianBlobs({ blobs: 3, perBlob: 60, dims: 5 }, createRng(3));
    expect(dbcv(x, truth)).toBeGreaterThan(0.5);
    const rng = createRng(4);
    expect(dbcv(x, Array.from(truth, () => rng.int(3)))).toBeLessThan(0);
  });

  it('samples above maxPoints and is NaN with fewer than two clusters', () => {
    const { x, truth } = gaussianBlobs({ blobs: 2, perBlob: 300, dims: 2 }, createRng(5));
    const sampled = dbcv(x, truth, { maxPoints: 200, rng: createRng(1) });
    expect(sampled).toBe(dbcv(x, truth, { maxPoints: 200, rng: createRng(1) }));
    expect(sampled).toBeGreaterThan(0.5);
    expect(dbcv(x, new Int32Array(x.rows))).toBeNaN();
  });
});
