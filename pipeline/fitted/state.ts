/**
 * Everything a segmentation fitted, kept with the run so customers it never saw are placed in its
 * segments without a refit and without reading its customers: the extraction's choices, the feature
 * fills and scalers, the fusion's centres and factors, the reducer and the cluster model. Flat typed arrays throughout (see codec.ts for the stored form).
 */
import type { ClusterModel } from '../cluster/predict.ts';
import type { FeatureContext } from '../features/context.ts';
import type { FittedBlock } from '../features/types.ts';
import type { FittedFusion } from '../fuse/fuse.ts';
import type { FittedReducer } from '../types.ts';

/** 2: the features keep the extraction's context, so new customers are extracted without the run's. */
export const fittedStateVersion = 2;

export interface FittedState {
  readonly version: typeof fittedStateVersion;
  readonly features: {
    /** "Now" recency was measured from, epoch ms; null when the data had no times. */
    readonly referenceTime: number | null;
    readonly blocks: readonly FittedBlock[];
    /** The choices the extraction made from the run's data (roles, fills, caps, levels, channels). */
    readonly context: FeatureContext;
  };
  /** The embedder that made the semantic block (null when the run had no texts). */
  readonly semantic: { readonly model: string } | null;
  readonly fusion: FittedFusion;
  readonly reducer: FittedReducer;
  readonly cluster: ClusterModel;
}
