/**
 * Places new customers with a run's fitted state: their feature blocks (already built with the fitted
 * fills and scalers) are fused with the fitted centres and factors, reduced with the fitted reducer
 * and assigned by the fitted cluster model. Nothing is re-estimated.
 *
 * Segment: the nearest exemplar's (HDBSCAN, Ward) or the nearest centroid's (k-means).
 * Confidence: for exemplars, the share of the inverse-distance vote of the `neighbours` nearest
 * exemplars won by that segment; for centroids, d₂ / (d₁ + d₂) with d₁, d₂ the distances to the
 * nearest and second-nearest centroid (0.5 on the boundary, 1 at the centre).
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { applyFusion, type FuseBlock } from '../fuse/fuse.ts';
import { kNearest } from './nearest.ts';
import { applyReducer } from './reducer.ts';
import type { FittedState } from './state.ts';

export const placeDefaults = Object.freeze({ neighbours: 15 });

export interface Placement {
  readonly segments: Int32Array;
  readonly confidence: Float64Array;
  /** The rows in the clustering space. */
  readonly embedding: Matrix;
}

export function placeCustomers(state: FittedState, blocks: readonly FuseBlock[], options: { neighbours?: number } = {}): Placement {
  const fused = applyFusion(blocks, state.fusion);
  const embedding = applyReducer(state.reducer, fused);
  const model = state.cluster;
  if (embedding.cols !== model.cols) throw new PersonaError('shape_mismatch', `place: ${embedding.cols} reduced columns for a cluster model on ${model.cols}`);
  const n = embedding.rows;
  const segments = new Int32Array(n).fill(-1);
  const confidence = new Float64Array(n);
  switch (model.kind) {
    case 'centroids': {
      const k = Math.min(2, model.centres.length / model.cols);
      for (let i = 0; i < n; i++) {
        const found = kNearest(model.centres, model.cols, embedding.data, i * model.cols, k);
        segments[i] = found.index[0] as number;
        const d1 = Math.sqrt(found.distance[0] as number);
        const d2 = k > 1 ? Math.sqrt(found.distance[1] as number) : Infinity;
        confidence[i] = d1 + d2 === 0 ? 0.5 : Number.isFinite(d2) ? d2 / (d1 + d2) : 1;
      }
      break;
    }
    case 'exemplars': {
      const k = Math.max(1, Math.min(options.neighbours ?? placeDefaults.neighbours, model.labels.length));
      if (!model.labels.length) break;
      for (let i = 0; i < n; i++) {
        const found = kNearest(model.points, model.cols, embedding.data, i * model.cols, k);
        const own = model.labels[found.index[0] as number] as number;
        let total = 0;
        let mine = 0;
        for (let j = 0; j < k; j++) {
          const idx = found.index[j] as number;
          if (idx < 0) continue;
          const w = 1 / (Math.sqrt(found.distance[j] as number) + 1e-9);
          total += w;
          if (model.labels[idx] === own) mine += w;
        }
        segments[i] = own;
        confidence[i] = total ? mine / total : 0;
      }
      break;
    }
    default: {
      const never: never = model;
      throw new Error(`unknown cluster model ${JSON.stringify(never)}`);
    }
  }
  return { segments, confidence, embedding };
}
