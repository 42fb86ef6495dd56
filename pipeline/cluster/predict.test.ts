import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { centroidModel, exemplarModel, predict } from './predict.ts';

describe('cluster models for rows the clustering never saw', () => {
  // Two segments on a line: {0, 1, 2} and {10, 11}; the row at 50 was noise.
  const x = fromRows([[0], [1], [2], [10], [11], [50]]);
  const labels = Int32Array.from([0, 0, 0, 1, 1, -1]);

  it('nearest centroid: centres 1 and 10.5', () => {
    const model = centroidModel(x, labels, 2);
    expect(model.kind === 'centroids' && Array.from(model.centres)).toEqual([1, 10.5]);
    expect(Array.from(predict(model, fromRows([[5.7], [5.8], [-100], [1000]])).labels)).toEqual([0, 1, 0, 1]);
  });

  it('nearest exemplar: the noise row is no exemplar; ties go to the earlier exemplar', () => {
    const model = exemplarModel(x, labels, Float64Array.from([1, 0.5, 1, 0.9, 1, 0]));
    const p = predict(model, fromRows([[6], [7], [40], [1.4]]));
    // 6 is 4 from both 2 and 10: the earlier row (segment 0) wins.
    expect(Array.from(p.labels)).toEqual([0, 1, 1, 0]);
    expect(Array.from(p.probabilities)).toEqual([1, 0.9, 1, 0.5]);
  });

  it('places its own training rows in their own segments', () => {
    const model = exemplarModel(x, labels, new Float64Array(6).fill(1));
    expect(Array.from(predict(model, fromRows([[0], [1], [2], [10], [11]])).labels)).toEqual([0, 0, 0, 1, 1]);
  });

  it('checks the width', () => {
    expect(() => predict(centroidModel(x, labels, 2), fromRows([[1, 2]]))).toThrow(/1×2 matrix for a model fitted on 1 columns/);
  });
});
