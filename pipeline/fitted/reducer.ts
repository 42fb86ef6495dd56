/** Places new rows with a fitted reducer (see FittedReducer in pipeline/types.ts). */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { pcaTransform } from '../reduce/pca.ts';
import type { FittedReducer } from '../types.ts';
import { kNearest, type Neighbours } from './nearest.ts';

export function applyReducer(fitted: FittedReducer, x: Matrix): Matrix {
  switch (fitted.kind) {
    case 'none':
      if (x.cols !== fitted.cols) throw new PersonaError('shape_mismatch', `reduce: a ${x.rows}×${x.cols} matrix for a fit on ${fitted.cols} columns`);
      return x;
    case 'pca':
      if (x.cols !== fitted.mean.length) throw new PersonaError('shape_mismatch', `reduce: a ${x.rows}×${x.cols} matrix for a PCA fitted on ${fitted.mean.length} columns`);
      return pcaTransform(x, fitted.mean, fitted.components);
    case 'neighbours':
      return neighbourTransform(fitted, x);
    default: {
      const never: never = fitted;
      throw new Error(`unknown reducer ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Inverse-distance-weighted mean of the k nearest fitted rows' embeddings. Distances are taken in
 * float32, as the rows are stored, so a row the fit saw lands exactly on its own embedding.
 */
function neighbourTransform(f: Extract<FittedReducer, { kind: 'neighbours' }>, x: Matrix): Matrix {
  const d = f.cols;
  if (x.cols !== d) throw new PersonaError('shape_mismatch', `reduce: a ${x.rows}×${x.cols} matrix for a UMAP fitted on ${d} columns`);
  const m = f.points.length / d;
  const out = f.embedding.cols;
  const k = Math.max(1, Math.min(f.k, m));
  const data = new Float64Array(x.rows * out);
  const query = new Float32Array(d);
  const found: Neighbours = { index: new Int32Array(k), distance: new Float64Array(k) };
  for (let i = 0; i < x.rows; i++) {
    for (let t = 0; t < d; t++) query[t] = x.data[i * d + t] as number;
    kNearest(f.points, d, query, 0, k, found);
    const row = data.subarray(i * out, (i + 1) * out);
    const first = found.index[0] as number;
    if (first < 0) continue;
    if ((found.distance[0] as number) === 0) {
      row.set(f.embedding.data.subarray(first * out, (first + 1) * out));
      continue;
    }
    let total = 0;
    for (let j = 0; j < k; j++) {
      const idx = found.index[j] as number;
      if (idx < 0) continue;
      const w = 1 / Math.sqrt(found.distance[j] as number);
      total += w;
      for (let c = 0; c < out; c++) row[c] = (row[c] as number) + w * (f.embedding.data[idx * out + c] as number);
    }
    for (let c = 0; c < out; c++) row[c] = (row[c] as number) / total;
  }
  return { rows: x.rows, cols: out, data };
}
