/**
 * Sample, fit, transform against fitting everyone: the segments agree (ARI ≥ 0.9) on generated blobs
 * for each reducer and clusterer; the reports say what was sampled and how the rest were placed.
 * The 100,000-customer measurement is in sample-fit.real.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { resolveSegmentOptions, type SegmentOptions } from './options.ts';
import { reduceAndCluster } from './sample-fit.ts';

// 6 blobs of 400 points in 8 dimensions, 5% uniform noise.
const { x } = gaussianBlobs({ blobs: 6, perBlob: 400, dims: 8, std: 2, noiseShare: 0.05, boxPadding: 0.5 }, createRng(5));

async function agreement(options: SegmentOptions) {
  const full = await reduceAndCluster(x, resolveSegmentOptions({ ...options, sampleFitAbove: 1_000_000 }), createRng(9));
  const sampled = await reduceAndCluster(x, resolveSegmentOptions({ ...options, sampleFitAbove: 1000, sampleSize: 800 }), createRng(9));
  return { full, sampled, ari: adjustedRandIndex(full.clustered.labels, sampled.clustered.labels) };
}

describe('sample, fit, transform', () => {
  it('HDBSCAN without reduction: nearest exemplar placement agrees with a full fit', async () => {
    const { full, sampled, ari } = await agreement({ algorithm: 'hdbscan', reducer: 'none', minClusterSize: 20 });
    expect(full.reports.map((r) => r.stage)).not.toContain('sample');
    expect(sampled.reports.map((r) => r.stage)).toEqual(expect.arrayContaining(['sample', 'reduce', 'cluster', 'assign']));
    expect(sampled.reports.find((r) => r.stage === 'assign')?.params.model).toBe('nearest exemplar');
    expect(sampled.fitted.embedding.rows).toBe(800);
    expect(sampled.clustered.labels.length).toBe(x.rows);
    expect(sampled.clustered.labels.every((l) => l >= 0)).toBe(true);
    expect(ari).toBeGreaterThanOrEqual(0.9);
  });

  it('k-means after PCA: projection and nearest centroid agree with a full fit', async () => {
    const { sampled, ari } = await agreement({ algorithm: 'kmeans', k: 6, reducer: 'pca', reduceTo: 5 });
    expect(sampled.embedding.cols).toBe(5);
    expect(sampled.reports.find((r) => r.stage === 'reduce')?.params).toMatchObject({ method: 'pca', fittedOn: 800 });
    expect(sampled.reports.find((r) => r.stage === 'assign')?.params.model).toBe('nearest centroid');
    expect(ari).toBeGreaterThanOrEqual(0.9);
  });

  it('is byte-identical for the same seed, and the sample keeps its own fitted labels', async () => {
    const o = resolveSegmentOptions({ algorithm: 'hdbscan', reducer: 'none', minClusterSize: 20, sampleFitAbove: 1000, sampleSize: 600 });
    const a = await reduceAndCluster(x, o, createRng(3));
    const b = await reduceAndCluster(x, o, createRng(3));
    expect(Buffer.from(b.clustered.labels.buffer).equals(Buffer.from(a.clustered.labels.buffer))).toBe(true);
    expect(Buffer.from(b.embedding.data.buffer).equals(Buffer.from(a.embedding.data.buffer))).toBe(true);
    expect(a.fitted.clustered.labels.length).toBe(600);
    expect(a.fitted.labelsOf(Array.from({ length: x.rows }, (_, i) => i))?.length).toBe(600);
  });

  it('rejects bad settings in fit', async () => {
    await expect(reduceAndCluster(x, resolveSegmentOptions({ sampleFitAbove: 0 }), createRng(1))).rejects.toThrow(/sampleFitAbove/);
    await expect(reduceAndCluster(x, resolveSegmentOptions({ sampleFitAbove: 10, sampleSize: 1.5 }), createRng(1))).rejects.toThrow(/sampleSize/);
  });
});
