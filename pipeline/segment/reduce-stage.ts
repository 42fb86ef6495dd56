/**
 * Dimensionality reduction before clustering, and the 2-D map kept with every run.
 * Rule for 'auto': UMAP to `reduceTo` dimensions when there are more columns than that and at most
 * 20,000 customers (density clustering works best on a UMAP manifold); PCA beyond 20,000 customers
 * (UMAP's neighbour graph grows too slow); no reduction when the data is already small.
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import { createPca } from '../reduce/pca.ts';
import { createUmap, project2d } from '../reduce/umap.ts';
import type { Reduction } from '../types.ts';
import type { ResolvedSegmentOptions } from './options.ts';

const umapMaxRows = 20_000;

/** The reducer the options ask for, 'auto' resolved by the rule above on the whole data's shape. */
export function reducerChoice(x: Matrix, o: ResolvedSegmentOptions): 'none' | 'umap' | 'pca' {
  return o.reducer === 'auto' ? (x.cols <= o.reduceTo ? 'none' : x.rows <= umapMaxRows ? 'umap' : 'pca') : o.reducer;
}

export async function reduceStage(x: Matrix, o: ResolvedSegmentOptions, rng: Rng): Promise<Reduction> {
  const target = Math.min(o.reduceTo, x.cols);
  const choice = reducerChoice(x, o);
  switch (choice) {
    case 'none':
      return {
        embedding: x,
        report: { stage: 'reduce', ms: 0, rowsIn: x.rows, rowsOut: x.rows, params: { method: 'none', dims: x.cols } },
      };
    case 'umap':
      return createUmap({ components: target, nNeighbors: 15, minDist: 0 }).fit(x, rng);
    case 'pca':
      return createPca({ components: target }).fit(x, rng);
    default: {
      const never: never = choice;
      throw new Error(`unknown reducer ${String(never)}`);
    }
  }
}

/** The 2-D map: UMAP up to 5,000 customers, PCA beyond (a map is for looking, not for clustering). */
export async function mapStage(x: Matrix, rng: Rng): Promise<Reduction> {
  if (x.cols === 2) {
    return { embedding: x, report: { stage: 'map', ms: 0, rowsIn: x.rows, rowsOut: x.rows, params: { method: 'identity' } } };
  }
  const reduction = x.rows <= 5000 ? await project2d(x, rng, { method: 'umap' }) : await createPca({ components: 2 }).fit(x, rng);
  return { embedding: reduction.embedding, report: { ...reduction.report, stage: 'map' } };
}
