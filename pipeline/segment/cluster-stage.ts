/**
 * Picks and fits the clusterer, then reassigns noise so every customer has a segment (the original
 * noise rate is kept for the metrics). The fitted clusterer is also the refit function stability uses.
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import { createAgglomerative } from '../cluster/agglomerative.ts';
import { chosenClusterer, createAutoClusterer, type AutoOptions } from '../cluster/auto.ts';
import { createHdbscan, type HdbscanOptions } from '../cluster/hdbscan.ts';
import { createKMeans, type KMeansOptions } from '../cluster/kmeans.ts';
import { reassignNoise } from '../cluster/reassign-noise.ts';
import type { Clusterer, StageReport } from '../types.ts';
import type { ResolvedSegmentOptions } from './options.ts';

export interface ClusterStageResult {
  readonly algorithm: string;
  /** Refits the delivered configuration (for `auto`, the chosen candidate, not the whole search). */
  readonly clusterer: Clusterer;
  /** Labels before reassignment (−1 = noise). */
  readonly rawLabels: Int32Array;
  readonly labels: Int32Array;
  readonly probabilities: Float64Array;
  readonly wasNoise: Uint8Array;
  readonly clusterCount: number;
  readonly originalNoiseRate: number;
  readonly reports: StageReport[];
}

/** HDBSCAN's smallest segment: 2% of customers, at least 10 (documented in the README). */
export function defaultMinClusterSize(n: number): number {
  return Math.max(10, Math.round(n * 0.02));
}

export function chooseClusterer(n: number, o: ResolvedSegmentOptions): Clusterer {
  const hdbscan: HdbscanOptions = {
    minClusterSize: o.minClusterSize ?? defaultMinClusterSize(n),
    ...(o.minSamples ? { minSamples: o.minSamples } : {}),
  };
  const kmeans: KMeansOptions = o.k ? { k: o.k } : { kRange: o.kRange };
  switch (o.algorithm) {
    case 'auto': {
      // A fixed k means the user wants exactly k segments: k-means, not density.
      if (o.k) return createKMeans(kmeans);
      // Without a user's minimum size, auto tries several (see auto.ts).
      const { minClusterSize: _default, ...rest } = hdbscan;
      return createAutoClusterer({ hdbscan: o.minClusterSize ? hdbscan : rest, kmeans });
    }
    case 'hdbscan':
      return createHdbscan(hdbscan);
    case 'kmeans':
      return createKMeans(kmeans);
    case 'agglomerative':
      return createAgglomerative({ k: o.k ?? 6 });
    default: {
      const never: never = o.algorithm;
      throw new Error(`unknown algorithm ${String(never)}`);
    }
  }
}

export function clusterStage(x: Matrix, o: ResolvedSegmentOptions, rng: Rng): ClusterStageResult {
  const searched = chooseClusterer(x.rows, o);
  const fitted = searched.fit(x, rng.fork('fit'));
  const clusterer = (searched.name === 'auto' && chosenClusterer(fitted.report, searched.options as AutoOptions)) || searched;
  const algorithm = algorithmName(searched.name, fitted.report);
  const reassigned = fitted.labels.some((l) => l < 0) ? reassignNoise(x, fitted) : null;
  const final = reassigned ?? fitted;
  const wasNoise = new Uint8Array(x.rows);
  fitted.labels.forEach((l, i) => (wasNoise[i] = l < 0 ? 1 : 0));
  return {
    algorithm,
    clusterer,
    rawLabels: fitted.labels,
    labels: final.labels,
    probabilities: final.probabilities,
    wasNoise,
    clusterCount: final.clusterCount,
    originalNoiseRate: reassigned?.originalNoiseRate ?? 0,
    reports: reassigned ? [fitted.report, { ...reassigned.report, stage: 'reassign' }] : [fitted.report],
  };
}

function algorithmName(name: string, report: StageReport): string {
  if (name !== 'auto') return name;
  const chosen = (report.params.auto as { chosen?: string } | undefined)?.chosen;
  return chosen ?? name;
}
