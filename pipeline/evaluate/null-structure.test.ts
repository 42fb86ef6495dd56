import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { fitKMeans } from '../cluster/kmeans.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { gaussianOf, nullStructureTest } from './null-structure.ts';

describe('nullStructureTest', () => {
  it('factors the covariance: L·Lᵀ reproduces a hand-computed 2×2 covariance', () => {
    // Rows (0,0), (2,0), (0,2), (2,2): mean (1,1), variances 4/3, covariance 0.
    const { mean, factor } = gaussianOf({ rows: 4, cols: 2, data: Float64Array.from([0, 0, 2, 0, 0, 2, 2, 2]) });
    expect(Array.from(mean)).toEqual([1, 1]);
    expect(factor[0]).toBeCloseTo(Math.sqrt(4 / 3), 6);
    expect(factor[2]).toBeCloseTo(0, 9);
    expect(factor[3]).toBeCloseTo(Math.sqrt(4 / 3), 6);
  });

  it('calls k-means cuts of one Gaussian cloud not separated, however stable they are', () => {
    const { x } = gaussianBlobs({ blobs: 1, perBlob: 400, dims: 4 }, createRng(1));
    const labels = fitKMeans(x, createRng(2), { k: 3 }).labels;
    const t = nullStructureTest(x, labels, createRng(3));
    expect(t?.separated).toBe(false);
  });

  it('calls well-separated groups separated', () => {
    const { x, truth } = gaussianBlobs({ blobs: 3, perBlob: 100, dims: 4, minSeparation: 8 }, createRng(4));
    const t = nullStructureTest(x, truth, createRng(5));
    expect(t?.separated).toBe(true);
    expect(t!.silhouette).toBeGreaterThan(t!.nullSilhouette + t!.margin);
  });

  it('is the same for the same seed, and undefined for fewer than two segments', () => {
    const { x, truth } = gaussianBlobs({ blobs: 2, perBlob: 50, dims: 3 }, createRng(6));
    expect(nullStructureTest(x, truth, createRng(7))).toEqual(nullStructureTest(x, truth, createRng(7)));
    expect(nullStructureTest(x, new Int32Array(x.rows), createRng(7))).toBeNull();
  });
});
