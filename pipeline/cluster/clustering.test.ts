import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { centroidConfidence, segmentCentroids } from './centroids.ts';
import { checkInput, orderLabelsBySize } from './clustering.ts';
import { gaussianBlobs } from './synthetic.ts';

describe('shared clustering helpers', () => {
  it('numbers segments by size, ties by the smallest member index, noise stays −1', () => {
    const o = orderLabelsBySize([7, 3, 3, -1, 7, 9, 9, 9, -5]);
    // 9 has 3 members → 0; 7 and 3 have 2 each, 7 appears first (row 0) → 1, then 3 → 2.
    expect([...o.labels]).toEqual([1, 2, 2, -1, 1, 0, 0, 0, -1]);
    expect(o.clusterCount).toBe(3);
    expect(o.sizes).toEqual([3, 2, 2]);
  });

  it('centroid confidence is 1 on a centroid, 0.5 on the boundary', () => {
    // Centroids 0 and 10 (1-D): row at 0 → 10/(0+10) = 1; at 5 → 0.5; at 2 → 8/10.
    const data = Float64Array.from([-1, 1, 9, 11, 0, 5, 2]);
    const labels = Int32Array.from([0, 0, 1, 1, -1, -1, -1]);
    const { centres } = segmentCentroids(data, 1, labels, 2);
    expect([...centres]).toEqual([0, 10]);
    const p = centroidConfidence(data, 1, Int32Array.from([0, 0, 1, 1, 0, 0, 0]), centres, 2);
    expect(p[4]).toBe(1);
    expect(p[5]).toBe(0.5);
    expect(p[6]).toBeCloseTo(0.8, 12);
  });

  it('generates the same blobs for the same seed, with centres apart and noise last', () => {
    const a = gaussianBlobs({ blobs: 3, perBlob: 10, dims: 2, noiseShare: 0.25 }, createRng(1));
    const b = gaussianBlobs({ blobs: 3, perBlob: 10, dims: 2, noiseShare: 0.25 }, createRng(1));
    expect(a.x.data).toEqual(b.x.data);
    expect(a.x.rows).toBe(40);
    expect([...a.truth.slice(30)]).toEqual(new Array(10).fill(-1));
    const c = a.centres;
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(Math.hypot((c[2 * i] as number) - (c[2 * j] as number), (c[2 * i + 1] as number) - (c[2 * j + 1] as number))).toBeGreaterThanOrEqual(20);
  });

  it('names the shape in input errors', () => {
    expect(() => checkInput({ rows: 3, cols: 2, data: new Float64Array(5) }, 'x', 1)).toThrow(/3×2/);
    expect(() => checkInput({ rows: 3, cols: 0, data: new Float64Array(0) }, 'x', 1)).toThrow(/3×0/);
    expect(() => checkInput({ rows: 2, cols: 2, data: Float64Array.from([1, Infinity, 0, 0]) }, 'x', 1)).toThrow(/2×2/);
  });
});
