/**
 * Assigning rows a clustering never saw, from a small serialisable model fitted on the rows it did see:
 * the nearest centroid (k-means, Ward), or the nearest exemplar (HDBSCAN: its non-noise members, so
 * non-convex segments keep their shape — the nearest-exemplar form of approximate prediction).
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { segmentCentroids } from './centroids.ts';
import { nearestInTree } from './kd-nearest.ts';
import { buildKdTree } from './kd-tree.ts';
import { squaredDistance } from './squared-distance.ts';

export type ClusterModel =
  | { readonly kind: 'centroids'; readonly cols: number; readonly centres: Float64Array }
  | {
      readonly kind: 'exemplars';
      readonly cols: number;
      /** Exemplar rows, row-major, and the segment and membership probability of each. */
      readonly points: Float64Array;
      readonly labels: Int32Array;
      readonly probabilities: Float64Array;
    };

export interface Prediction {
  readonly labels: Int32Array;
  readonly probabilities: Float64Array;
}

/** Centroids of the labelled rows (labels ≥ 0), one per segment 0..k−1. */
export function centroidModel(x: Matrix, labels: Int32Array, k: number): ClusterModel {
  const data = Float64Array.from(x.data);
  return { kind: 'centroids', cols: x.cols, centres: segmentCentroids(data, x.cols, labels, k).centres };
}

/** Every row with a segment (labels ≥ 0) is an exemplar of it. */
export function exemplarModel(x: Matrix, labels: Int32Array, probabilities: Float64Array): ClusterModel {
  let m = 0;
  for (const l of labels) if (l >= 0) m++;
  const d = x.cols;
  const points = new Float64Array(m * d);
  const out = new Int32Array(m);
  const prob = new Float64Array(m);
  let w = 0;
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] as number) < 0) continue;
    for (let t = 0; t < d; t++) points[w * d + t] = x.data[i * d + t] as number;
    out[w] = labels[i] as number;
    prob[w] = probabilities[i] as number;
    w++;
  }
  return { kind: 'exemplars', cols: d, points, labels: out, probabilities: prob };
}

export function predict(model: ClusterModel, x: Matrix): Prediction {
  if (x.cols !== model.cols) throw new PersonaError('shape_mismatch', `predict: a ${x.rows}×${x.cols} matrix for a model fitted on ${model.cols} columns`);
  const n = x.rows;
  const d = x.cols;
  const data = x.data instanceof Float64Array ? x.data : Float64Array.from(x.data);
  const labels = new Int32Array(n);
  const probabilities = new Float64Array(n);
  switch (model.kind) {
    case 'centroids': {
      const k = model.centres.length / d;
      for (let i = 0; i < n; i++) {
        let best = Infinity;
        let bestL = -1;
        for (let l = 0; l < k; l++) {
          const s = squaredDistance(data, i * d, model.centres, l * d, d);
          if (s < best) {
            best = s;
            bestL = l;
          }
        }
        labels[i] = bestL;
        probabilities[i] = 1;
      }
      return { labels, probabilities };
    }
    case 'exemplars': {
      const m = model.labels.length;
      if (m === 0) return { labels: labels.fill(-1), probabilities };
      const tree = buildKdTree(model.points, m, d);
      for (let i = 0; i < n; i++) {
        const { index } = nearestInTree(tree, data, i * d);
        labels[i] = model.labels[index] as number;
        probabilities[i] = model.probabilities[index] as number;
      }
      return { labels, probabilities };
    }
    default: {
      const never: never = model;
      throw new Error(`unknown cluster model ${JSON.stringify(never)}`);
    }
  }
}
