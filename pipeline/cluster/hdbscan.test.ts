import { describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { createHdbscan, fitHdbscan } from './hdbscan.ts';
import { gaussianBlobs } from './synthetic.ts';

/** ARI on the rows whose truth is a blob, and the share of truth-noise rows labelled −1. */
function score(labels: Int32Array, truth: Int32Array): { ari: number; noiseCaught: number } {
  const t: number[] = [];
  const p: number[] = [];
  let noise = 0;
  let caught = 0;
  truth.forEach((g, i) => {
    if (g >= 0) {
      t.push(g);
      p.push(labels[i] as number);
    } else {
      noise++;
      if (labels[i] === -1) caught++;
    }
  });
  return { ari: adjustedRandIndex(t, p), noiseCaught: noise ? caught / noise : 1 };
}

describe('hdbscan on Gaussian blobs with uniform noise', () => {
  // 4 blobs × 200 points, std 1, centres ≥ 20 apart, plus 10% uniform noise. HDBSCAN rightly keeps
  // a uniform point that lies closer to a blob than the blobs are to each other (it falls out after
  // the blob is born), so the noise box is the blobs' bounding box widened by 3× its extent per side:
  // background sparse against the blob spacing, which is what "noise" means here.
  for (const dims of [2, 10, 50]) {
    it(`recovers the blobs and rejects the noise in ${dims} dimensions`, () => {
      const { x, truth } = gaussianBlobs({ blobs: 4, perBlob: 200, dims, noiseShare: 0.1, boxPadding: 3 }, createRng(dims));
      const c = fitHdbscan(x);
      const s = score(c.labels, truth);
      expect(c.clusterCount).toBe(4);
      expect(s.ari).toBeGreaterThanOrEqual(0.95);
      expect(s.noiseCaught).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('accepts Float32 input and gives the same partition', () => {
    const { x } = gaussianBlobs({ blobs: 3, perBlob: 80, dims: 5 }, createRng(4));
    const x32: Matrix = { rows: x.rows, cols: x.cols, data: Float32Array.from(x.data) };
    expect(adjustedRandIndex(fitHdbscan(x32).labels, fitHdbscan(x).labels)).toBe(1);
  });
});

describe('hdbscan parameters', () => {
  it('minClusterSize decides whether a small group is a segment', () => {
    const { x, truth } = gaussianBlobs({ blobs: 3, perBlob: [200, 200, 30], dims: 3 }, createRng(11));
    const small = fitHdbscan(x, { minClusterSize: 15 });
    expect(small.clusterCount).toBe(3);
    expect(adjustedRandIndex(small.labels, truth)).toBeGreaterThanOrEqual(0.95);
    const big = fitHdbscan(x, { minClusterSize: 50 });
    expect(big.clusterCount).toBe(2);
    // The 30-point blob is now noise.
    const lost = [...truth.keys()].filter((i) => truth[i] === 2);
    expect(lost.every((i) => big.labels[i] === -1)).toBe(true);
  });

  it('minSamples sets how much density a point needs: small values keep sparse points and split hairs', () => {
    const { x } = gaussianBlobs({ blobs: 4, perBlob: 150, dims: 2, noiseShare: 0.15, boxPadding: 0.5 }, createRng(5));
    const fit = (minSamples: number) => fitHdbscan(x, { minClusterSize: 15, minSamples });
    const loose = fit(1);
    const firm = fit(15);
    expect(loose.report.counts?.noise as number).toBeLessThan(firm.report.counts?.noise as number);
    expect(loose.clusterCount).toBeGreaterThan(4);
    expect(firm.clusterCount).toBe(4);
    expect(firm.report.params.minSamples).toBe(15);
  });

  it('leaf picks the finer nested clusters, eom the more stable parent', () => {
    // A1 and A2 (150 points each, 4 apart) form a parent A; B (200 points) is 40 away.
    const rng = createRng(1);
    const rows: number[] = [];
    const truth: number[] = [];
    const add = (cx: number, m: number, sd: number, g: number) => {
      for (let i = 0; i < m; i++) {
        rows.push(cx + sd * rng.normal(), sd * rng.normal());
        truth.push(g);
      }
    };
    add(0, 150, 1, 0);
    add(4, 150, 1, 1);
    add(40, 200, 1.5, 2);
    const x: Matrix = { rows: truth.length, cols: 2, data: Float64Array.from(rows) };
    const eom = fitHdbscan(x, { minClusterSize: 20 });
    expect(eom.clusterCount).toBe(2);
    expect(adjustedRandIndex(eom.labels, truth.map((g) => (g === 2 ? 1 : 0)))).toBeGreaterThanOrEqual(0.95);
    const leaf = fitHdbscan(x, { minClusterSize: 20, clusterSelectionMethod: 'leaf' });
    expect(leaf.clusterCount).toBe(3);
    const kept = [...leaf.labels.keys()].filter((i) => leaf.labels[i] !== -1);
    expect(kept.length).toBeGreaterThan(300);
    expect(adjustedRandIndex(kept.map((i) => truth[i] as number), kept.map((i) => leaf.labels[i] as number))).toBeGreaterThanOrEqual(0.95);
  });

  it('handles duplicate points (zero distances) without NaN', () => {
    const data = new Float64Array(2 * 60);
    for (let i = 30; i < 60; i++) data[2 * i] = 10; // 30 copies of (0,0), 30 of (10,0)
    const c = fitHdbscan({ rows: 60, cols: 2, data }, { minClusterSize: 5 });
    expect(c.clusterCount).toBe(2);
    expect([...c.probabilities, ...(c.outlierScores ?? [])].every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  });

  it('validates options in fit, not in the factory', () => {
    const x = gaussianBlobs({ blobs: 2, perBlob: 20, dims: 2 }, createRng(2)).x;
    const bad = [{ minClusterSize: 1 }, { minClusterSize: 2.5 }, { minSamples: 0 }, { clusterSelectionMethod: 'best' }, { clusterSelectionEpsilon: -1 }, { allowSingleCluster: 'yes' }];
    for (const o of bad) {
      const clusterer = createHdbscan(o as never);
      expect(clusterer.options).toEqual(o);
      let caught: unknown;
      try {
        clusterer.fit(x, createRng(1));
      } catch (err) {
        caught = err;
      }
      expect(isPersonaError(caught) && caught.code === 'bad_option', JSON.stringify(o)).toBe(true);
    }
  });

  it('reports its parameters and counts', () => {
    const x = gaussianBlobs({ blobs: 2, perBlob: 40, dims: 2 }, createRng(3)).x;
    const c = createHdbscan({ minClusterSize: 10 }).fit(x, createRng(1));
    expect(c.report).toMatchObject({
      stage: 'cluster',
      rowsIn: 80,
      params: { algorithm: 'hdbscan', minClusterSize: 10, minSamples: 10, clusterSelectionMethod: 'eom' },
      counts: { clusters: 2, noise: expect.any(Number) },
    });
    expect(c.report.ms).toBeGreaterThanOrEqual(0);
  });
});
