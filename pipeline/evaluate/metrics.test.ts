/**
 * Internal indices on a 1-D fixture worked out by hand: clusters {0, 1, 2} and {6, 7, 9}, plus one
 * noise row (100, label −1) that every score must ignore.
 */
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { calinskiHarabasz, daviesBouldin, silhouette } from './metrics.ts';

const x = fromRows([[0], [1], [2], [6], [7], [9], [100]]);
const labels = [0, 0, 0, 1, 1, 1, -1];

describe('internal validity indices', () => {
  it('silhouette by hand', () => {
    // s = 1 − a/b when b > a. Row 0: a = (1+2)/2, b = (6+7+9)/3 → 1 − (3/2)/(22/3) = 35/44.
    // Row 1: a = 1, b = 19/3 → 16/19. Row 2: a = 3/2, b = 16/3 → 23/32.
    // Row 6: a = (1+3)/2 = 2, b = (6+5+4)/3 = 5 → 3/5. Row 7: a = 3/2, b = 6 → 3/4.
    // Row 9: a = 5/2, b = 8 → 11/16.
    const expected = (35 / 44 + 16 / 19 + 23 / 32 + 3 / 5 + 3 / 4 + 11 / 16) / 6;
    expect(silhouette(x, labels)).toBeCloseTo(expected, 12);
    expect(Math.abs(silhouette(x, labels) - expected)).toBeLessThan(1e-9);
  });

  it('Calinski–Harabasz by hand', () => {
    // Centroids 1 and 22/3, grand mean 25/6. Between = 3·(19/6)² + 3·(19/6)² = 361/6.
    // Within = (1 + 0 + 1) + (16/9 + 1/9 + 25/9) = 20/3. CH = (361/6 / 1) / (20/3 / 4) = 36.1.
    expect(Math.abs(calinskiHarabasz(x, labels) - 36.1)).toBeLessThan(1e-9);
  });

  it('Davies–Bouldin by hand', () => {
    // Scatter: s0 = (1+0+1)/3 = 2/3, s1 = (4/3 + 1/3 + 5/3)/3 = 10/9; centroid gap 19/3.
    // R = (2/3 + 10/9) / (19/3) = 16/57 for both clusters.
    expect(Math.abs(daviesBouldin(x, labels) - 16 / 57)).toBeLessThan(1e-9);
  });

  it('is undefined (NaN) with fewer than two clusters', () => {
    const one = [0, 0, 0, 0, 0, 0, -1];
    expect(silhouette(x, one)).toBeNaN();
    expect(calinskiHarabasz(x, one)).toBeNaN();
    expect(daviesBouldin(x, one)).toBeNaN();
  });

  it('samples the silhouette above sampleSize, reproducibly, close to the exact value', () => {
    const { x: big, truth } = gaussianBlobs({ blobs: 3, perBlob: 400, dims: 3, minSeparation: 6 }, createRng(2));
    const exact = silhouette(big, truth, { sampleSize: 5000 });
    const a = silhouette(big, truth, { sampleSize: 400, rng: createRng(9) });
    expect(a).toBe(silhouette(big, truth, { sampleSize: 400, rng: createRng(9) }));
    expect(Math.abs(a - exact)).toBeLessThan(0.03);
    expect(() => silhouette(big, truth, { sampleSize: 400 })).toThrow(/needs an rng/);
  });

  it('checks that labels fit the matrix', () => {
    expect(() => silhouette(x, [0, 1])).toThrow(/2 labels for a 7×1 matrix/);
  });
});
