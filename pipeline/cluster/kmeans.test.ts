import { describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import { createRng } from '../../lib/rng.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { createKMeans, elbow, fitKMeans } from './kmeans.ts';
import { gaussianBlobs } from './synthetic.ts';

describe('k-means', () => {
  const blobs = gaussianBlobs({ blobs: 4, perBlob: 80, dims: 6 }, createRng(21));

  it('recovers the blobs with a fixed k', () => {
    const c = fitKMeans(blobs.x, createRng(1), { k: 4 });
    expect(c.clusterCount).toBe(4);
    expect(adjustedRandIndex(c.labels, blobs.truth)).toBe(1);
    expect(c.report.params).toMatchObject({ algorithm: 'kmeans', selection: 'fixed', chosenK: 4, restarts: 5 });
    expect(c.outlierScores).toBeUndefined();
  });

  it('chooses k by silhouette in kRange and reports the elbow too', () => {
    const c = fitKMeans(blobs.x, createRng(1), { kRange: [2, 7], restarts: 3 });
    expect(c.clusterCount).toBe(4);
    expect(adjustedRandIndex(c.labels, blobs.truth)).toBe(1);
    const p = c.report.params as Record<string, unknown>;
    expect(p.chosenK).toBe(4);
    expect(p.elbowK).toBe(4);
    expect(Object.keys(p.silhouetteByK as object)).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(c.report.notes?.[0]).toMatch(/k = 4 by silhouette .*elbow .*: 4/);
  });

  it('gives soft confidence: 0.5 on the boundary, near 1 at a centroid', () => {
    // Two 1-D groups around 0 and 10; the point at 5 sits on the boundary.
    const rows = [-1, 0, 1, 9, 10, 11, 5].map((v) => [v]);
    const x = { rows: 7, cols: 1, data: Float64Array.from(rows.flat()) };
    const c = fitKMeans(x, createRng(3), { k: 2 });
    // Centroids: one group gets the 5 → (−1+0+1+5)/4 = 1.25 vs 10, or the other way; either way the
    // formula is d_other / (d_own + d_other).
    const p0 = c.probabilities[1] as number; // the point at 0
    expect(p0).toBeGreaterThan(0.85);
    expect(c.probabilities[6] as number).toBeGreaterThan(0.5);
    expect(c.probabilities[6] as number).toBeLessThan(0.6);
  });

  it('is deterministic for a seed and varies restarts through the rng', () => {
    const a = fitKMeans(blobs.x, createRng(5), { k: 3 });
    const b = fitKMeans(blobs.x, createRng(5), { k: 3 });
    expect([...a.labels]).toEqual([...b.labels]);
    expect(a.report.params.inertia).toBe(b.report.params.inertia);
  });

  it('keeps the lowest inertia over restarts', () => {
    const one = fitKMeans(blobs.x, createRng(8), { k: 6, restarts: 1 }).report.params.inertia as number;
    const many = fitKMeans(blobs.x, createRng(8), { k: 6, restarts: 8 }).report.params.inertia as number;
    expect(many).toBeLessThanOrEqual(one);
  });

  it('validates options in fit and caps kRange by the rows', () => {
    for (const o of [{ k: 0 }, { k: 2.5 }, { kRange: [1, 4] }, { kRange: [5, 3] }, { restarts: 0 }, { kRange: 'x' }]) {
      const clusterer = createKMeans(o as never);
      let caught: unknown;
      try {
        clusterer.fit(blobs.x, createRng(1));
      } catch (err) {
        caught = err;
      }
      expect(isPersonaError(caught) && caught.code === 'bad_option', JSON.stringify(o)).toBe(true);
    }
    const tiny = { rows: 4, cols: 1, data: Float64Array.from([0, 0.1, 5, 5.1]) };
    const c = fitKMeans(tiny, createRng(1), { kRange: [2, 12] });
    expect(c.clusterCount).toBe(2);
    expect(c.report.notes).toContain('kRange capped at 3: 4 rows');
    expect(() => fitKMeans(tiny, createRng(1), { k: 5 })).toThrow(/4×1/);
  });

  it('finds the elbow by kneedle: farthest below the chord in scaled coordinates', () => {
    // Inertia 100, 60, 12, 10, 8, 6 for k = 2..7. Scaled: k̂ = 0, .2, .4, .6, .8, 1 and
    // Î = 1, 54/94, 6/94, 4/94, 2/94, 0. Gap (1 − k̂) − Î: k=3 .2255, k=4 .5362, k=5 .3574 → 4.
    // (The largest second difference, 100 − 120 + 12 = −8 vs 60 − 24 + 10 = 46, would agree here
    // but picks k = 3 whenever the first drop dominates.)
    expect(elbow([100, 60, 12, 10, 8, 6], 2)).toBe(4);
    expect(elbow([100, 20, 12, 10, 8, 6], 2)).toBe(3);
    expect(elbow([5, 4], 2)).toBeNull();
    expect(elbow([5, 5, 5], 2)).toBeNull();
  });
});
