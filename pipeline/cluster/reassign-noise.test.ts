import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import type { Clustering } from '../types.ts';
import { fitHdbscan } from './hdbscan.ts';
import { REASSIGNED_MAX_PROBABILITY, reassignNoise } from './reassign-noise.ts';
import { gaussianBlobs } from './synthetic.ts';

const clustering = (labels: number[], probabilities: number[]): Clustering => ({
  labels: Int32Array.from(labels),
  probabilities: Float64Array.from(probabilities),
  clusterCount: Math.max(...labels) + 1,
  report: { stage: 'cluster', ms: 1, rowsIn: labels.length, rowsOut: labels.length, params: { algorithm: 'test' }, counts: { clusters: 2, noise: 2 } },
});

describe('reassignNoise', () => {
  it('sends each noise point to the nearest centroid with a low, distance-scaled probability', () => {
    // Segment 0 = {0, 2} (centroid 1, RMS radius 1), segment 1 = {10, 12, 14} (centroid 12, radius √(8/3)).
    const x = fromRows([[0], [2], [10], [12], [14], [4], [30]].map((r) => r));
    const c = reassignNoise(x, clustering([0, 0, 1, 1, 1, -1, -1], [1, 1, 1, 1, 1, 0, 0]));
    expect(c.reassigned).toBe(2);
    expect(c.originalNoiseRate).toBeCloseTo(2 / 7, 12);
    // 4 → centroid 1 (distance 3, vs 8): p = 0.5 · 1 / (1 + 3) = 0.125.
    // 30 → centroid 12 (distance 18): p = 0.5 · r / (r + 18), r = √(8/3). Sizes now 4 (old 1) and 3.
    expect([...c.labels]).toEqual([1, 1, 0, 0, 0, 1, 0]);
    expect(c.probabilities[5]).toBeCloseTo(0.125, 12);
    const r = Math.sqrt(8 / 3);
    expect(c.probabilities[6]).toBeCloseTo((0.5 * r) / (r + 18), 12);
    expect(c.probabilities[0]).toBe(1);
    expect(c.report.counts).toMatchObject({ noise: 0, reassignedNoise: 2 });
  });

  it('covers every row of a real HDBSCAN result and keeps reassigned points below core members', () => {
    const { x } = gaussianBlobs({ blobs: 3, perBlob: 100, dims: 2, noiseShare: 0.1, boxPadding: 1 }, createRng(3));
    const before = fitHdbscan(x, { minClusterSize: 10 });
    const after = reassignNoise(x, before);
    expect(after.labels.every((l) => l >= 0)).toBe(true);
    expect(after.clusterCount).toBe(before.clusterCount);
    expect(after.originalNoiseRate).toBeCloseTo((before.report.counts?.noise as number) / x.rows, 12);
    before.labels.forEach((l, i) => {
      if (l === -1) expect(after.probabilities[i] as number).toBeLessThanOrEqual(REASSIGNED_MAX_PROBABILITY);
      else expect(after.probabilities[i]).toBe(before.probabilities[i]);
    });
    // Segment ids still follow size.
    const sizes = Array.from({ length: after.clusterCount }, (_, l) => after.labels.filter((v) => v === l).length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('leaves an all-noise clustering alone and checks shapes', () => {
    const x = fromRows([[0], [1]]);
    const none = { ...clustering([-1, -1], [0, 0]), clusterCount: 0 };
    expect(reassignNoise(x, none).reassigned).toBe(0);
    expect(() => reassignNoise(fromRows([[0], [1], [2]]), none)).toThrow(/3×1/);
  });
});
