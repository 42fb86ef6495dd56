/** Completing a clustering fitted on a sample: hand-checked nearest exemplars, size order, all noise. */
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../lib/matrix.ts';
import type { Clustering } from '../types.ts';
import { extendSampledFit } from './auto-extend.ts';

const matrix = (rows: number[][]): Matrix => ({ rows: rows.length, cols: rows[0]!.length, data: Float64Array.from(rows.flat()) });
const fit = (labels: number[], probabilities: number[], outliers: number[]): Clustering => ({
  labels: Int32Array.from(labels),
  probabilities: Float64Array.from(probabilities),
  outlierScores: Float64Array.from(outliers),
  clusterCount: Math.max(...labels) + 1,
  report: { stage: 'cluster', ms: 0, rowsIn: labels.length, rowsOut: labels.length, params: { algorithm: 'hdbscan' }, counts: { clusters: 2, noise: 1 } },
});

describe('extending a sampled clustering to every row', () => {
  // Rows 0, 2, 4 are the sample: a segment at x = 0, a segment at x = 10 and a noise row at x = 5.2.
  const x = matrix([[0, 0], [9, 0], [10, 0], [1, 0], [5.2, 0], [5.4, 0], [4.9, 0]]);
  const pick = Uint32Array.from([0, 2, 4]);
  const sample = matrix([[0, 0], [10, 0], [5.2, 0]]);

  it('keeps the sample rows and gives every other row its nearest exemplar, never a noise row', () => {
    const c = extendSampledFit(x, sample, pick, fit([1, 0, -1], [0.9, 0.8, 0], [0.1, 0.2, 0.9]), null);
    // Other rows: 9 → the segment at 10; 1 → 0; 5.4 → 10 (4.6 from it, the noise row is no exemplar); 4.9 → 0.
    // Over all rows the segment at x = 0 has 3 members and the one at 10 three as well: the first row decides.
    const at0 = c.labels[0]!;
    const at10 = c.labels[2]!;
    expect(at0).not.toBe(at10);
    expect(Array.from(c.labels)).toEqual([at0, at10, at10, at0, -1, at10, at0]);
    expect(Array.from(c.probabilities)).toEqual([0.9, 0.8, 0.8, 0.9, 0, 0.8, 0.9]);
    expect(Array.from(c.outlierScores!)).toEqual([0.1, 0.2, 0.2, 0.1, 0.9, 0.2, 0.1]);
    expect(c.clusterCount).toBe(2);
    expect(c.report.counts).toMatchObject({ clusters: 2, noise: 1, placedByNearestExemplar: 4 });
    expect(c.report.rowsIn).toBe(7);
  });

  it('orders segment ids by size over every row', () => {
    // The sample's larger segment (id 0, at x = 10) gets fewer of the other rows.
    const rows = matrix([[0, 0], [10, 0], [10.5, 0], [0.5, 0], [1, 0], [1.5, 0]]);
    const c = extendSampledFit(rows, matrix([[0, 0], [10, 0], [10.5, 0]]), Uint32Array.from([0, 1, 2]), fit([1, 0, 0], [1, 1, 1], [0, 0, 0]), null);
    expect(Array.from(c.labels)).toEqual([0, 1, 1, 0, 0, 0]);
  });

  it('leaves every row noise when the sample has no segment, and refits when asked', () => {
    const none = extendSampledFit(x, sample, pick, { ...fit([-1, -1, -1], [0, 0, 0], [1, 1, 1]), clusterCount: 0 }, null);
    expect(Array.from(none.labels)).toEqual(new Array(7).fill(-1));
    const refit = fit([0, 0, 0, 0, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0]);
    expect(extendSampledFit(x, sample, pick, fit([1, 0, -1], [1, 1, 0], [0, 0, 1]), () => refit)).toBe(refit);
  });
});
