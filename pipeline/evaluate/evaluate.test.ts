import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { createHdbscan } from '../cluster/hdbscan.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { evaluateClustering } from './evaluate.ts';

describe('evaluateClustering', () => {
  it('fills the report card for an HDBSCAN result', () => {
    const { x, truth } = gaussianBlobs({ blobs: 3, perBlob: 80, dims: 3, noiseShare: 0.05, boxPadding: 3 }, createRng(8));
    const clusterer = createHdbscan({ minClusterSize: 10 });
    const c = clusterer.fit(x, createRng(1));
    const e = evaluateClustering(x, c, { rng: createRng(2), refit: clusterer.fit, truth, resamples: 3 });
    expect(e.silhouette as number).toBeGreaterThan(0.7);
    expect(e.calinskiHarabasz as number).toBeGreaterThan(100);
    expect(e.daviesBouldin as number).toBeLessThan(0.5);
    expect(e.dbcv as number).toBeGreaterThan(0.3);
    expect(e.noiseRate + e.coverage).toBeCloseTo(1, 12);
    expect(e.noiseRate).toBeCloseTo((c.report.counts?.noise as number) / x.rows, 12);
    expect(e.stability.perSegment).toHaveLength(c.clusterCount);
    expect(e.stability.mean as number).toBeGreaterThan(0.9);
    expect(e.ari as number).toBeGreaterThan(0.95);
    expect(e.nmi as number).toBeGreaterThan(0.9);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('turns undefined scores into null and can skip DBCV', () => {
    const { x } = gaussianBlobs({ blobs: 1, perBlob: 30, dims: 2 }, createRng(1));
    const one = { labels: new Int32Array(30), probabilities: new Float64Array(30).fill(1), clusterCount: 1, report: { stage: 'cluster', ms: 0, rowsIn: 30, rowsOut: 30, params: {} } };
    const e = evaluateClustering(x, one, { rng: createRng(1), refit: () => ({ labels: new Int32Array(24) }), dbcv: false, resamples: 2 });
    expect(e.silhouette).toBeNull();
    expect(e.calinskiHarabasz).toBeNull();
    expect('dbcv' in e).toBe(false);
    expect(e.stability).toEqual({ mean: 1, perSegment: [1] });
    expect(e.ari).toBeUndefined();
  });
});
