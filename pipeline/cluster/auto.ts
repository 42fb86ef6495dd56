/**
 * Picking the algorithm when the user does not. The rule:
 *  - HDBSCAN when n ≥ 200, dims ≤ 64, and n ≤ 60,000 or dims ≤ 16: it finds the number of segments itself and marks
 *    outliers as noise instead of forcing them into a persona;
 *  - k-means otherwise: below 200 rows a density estimate (core distance over ~15 neighbours) is too
 *    noisy; above 60,000 rows in more than 16 dimensions HDBSCAN runs Prim's O(n²) algorithm, whose
 *    time runs into minutes (up to 16 dimensions Borůvka over a kd-tree keeps it near
 *    O(n log n), so there is no row limit there); above 64 dimensions
 *    distances concentrate and density loses contrast (reduce dimensions first);
 *  - and k-means after all when HDBSCAN finds fewer than 2 clusters or labels more than 60% noise,
 *    since a persona report needs segments that cover most customers.
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import type { Clusterer, Clustering } from '../types.ts';
import { countNoise, requireInt, requireNumber } from './clustering.ts';
import { BORUVKA_MAX_DIMS, fitHdbscan, type HdbscanOptions } from './hdbscan.ts';
import { fitKMeans, type KMeansOptions } from './kmeans.ts';

export type AutoAlgorithm = 'hdbscan' | 'kmeans';

export type AutoOptions = {
  readonly minRowsForDensity?: number;
  readonly maxRowsForDensity?: number;
  readonly maxDimsForDensity?: number;
  /** Fall back to k-means when HDBSCAN labels more than this share as noise. */
  readonly maxNoiseRate?: number;
  /** Fall back to k-means when HDBSCAN finds fewer clusters than this. */
  readonly minClusters?: number;
  /** Fall back to k-means when one HDBSCAN cluster holds more than this share of rows. */
  readonly maxLargestShare?: number;
  readonly hdbscan?: HdbscanOptions;
  readonly kmeans?: KMeansOptions;
};

export const autoDefaults = Object.freeze({
  minRowsForDensity: 200,
  maxRowsForDensity: 60_000,
  maxDimsForDensity: 64,
  maxNoiseRate: 0.6,
  minClusters: 2,
  maxLargestShare: 0.75,
});

export function chooseAlgorithm(n: number, dims: number, options: AutoOptions = {}): { algorithm: AutoAlgorithm; reason: string } {
  const minRows = options.minRowsForDensity ?? autoDefaults.minRowsForDensity;
  const maxRows = options.maxRowsForDensity ?? autoDefaults.maxRowsForDensity;
  const maxDims = options.maxDimsForDensity ?? autoDefaults.maxDimsForDensity;
  if (n < minRows) return { algorithm: 'kmeans', reason: `${n} rows is below ${minRows}: too few for reliable density estimates` };
  if (n > maxRows && dims > BORUVKA_MAX_DIMS) {
    return { algorithm: 'kmeans', reason: `${n} rows is above ${maxRows} in ${dims} dimensions: exact HDBSCAN is O(n²) time above ${BORUVKA_MAX_DIMS} dimensions` };
  }
  if (dims > maxDims) return { algorithm: 'kmeans', reason: `${dims} dimensions is above ${maxDims}: distances concentrate, reduce dimensions first` };
  return { algorithm: 'hdbscan', reason: `${n} rows × ${dims} dimensions suits density-based clustering` };
}

export function fitAuto(x: Matrix, rng: Rng, options: AutoOptions = {}): Clustering {
  const maxNoise = requireNumber('auto', 'maxNoiseRate', options.maxNoiseRate ?? autoDefaults.maxNoiseRate, 0, 1);
  const minClusters = requireInt('auto', 'minClusters', options.minClusters ?? autoDefaults.minClusters, 1);
  const maxLargest = requireNumber('auto', 'maxLargestShare', options.maxLargestShare ?? autoDefaults.maxLargestShare, 0, 1);
  requireInt('auto', 'minRowsForDensity', options.minRowsForDensity ?? autoDefaults.minRowsForDensity, 2);
  requireInt('auto', 'maxRowsForDensity', options.maxRowsForDensity ?? autoDefaults.maxRowsForDensity, 2);
  requireInt('auto', 'maxDimsForDensity', options.maxDimsForDensity ?? autoDefaults.maxDimsForDensity, 1);
  const choice = chooseAlgorithm(x.rows, x.cols, options);
  const withNote = (c: Clustering, notes: string[], params: Record<string, unknown>): Clustering => ({
    ...c,
    report: { ...c.report, params: { ...c.report.params, auto: params }, notes: [...notes, ...(c.report.notes ?? [])] },
  });
  switch (choice.algorithm) {
    case 'kmeans':
      return withNote(fitKMeans(x, rng.fork('kmeans'), options.kmeans), [`auto: k-means because ${choice.reason}`], { chosen: 'kmeans', reason: choice.reason });
    case 'hdbscan': {
      const h = fitHdbscan(x, options.hdbscan);
      const noiseRate = countNoise(h.labels) / x.rows;
      let largest = 0;
      for (const l of h.labels) if (l === 0) largest++;
      const largestShare = largest / x.rows;
      const why =
        h.clusterCount < minClusters
          ? `HDBSCAN found ${h.clusterCount} cluster${h.clusterCount === 1 ? '' : 's'} (fewer than ${minClusters})`
          : noiseRate > maxNoise
            ? `HDBSCAN labelled ${(noiseRate * 100).toFixed(1)}% of rows noise (more than ${(maxNoise * 100).toFixed(0)}%)`
            : largestShare > maxLargest
              ? `HDBSCAN put ${(largestShare * 100).toFixed(1)}% of rows in one cluster (more than ${(maxLargest * 100).toFixed(0)}%): small outlier groups, not a segmentation`
              : null;
      if (why === null) return withNote(h, [`auto: HDBSCAN because ${choice.reason}`], { chosen: 'hdbscan', reason: choice.reason });
      const k = fitKMeans(x, rng.fork('kmeans'), options.kmeans);
      return withNote(k, [`auto: tried HDBSCAN (${choice.reason}), but ${why}; fell back to k-means`], {
        chosen: 'kmeans',
        reason: why,
        tried: { algorithm: 'hdbscan', clusters: h.clusterCount, noiseRate, params: h.report.params },
      });
    }
    default: {
      const unreachable: never = choice.algorithm;
      throw new Error(`unknown algorithm ${String(unreachable)}`);
    }
  }
}

export function createAutoClusterer(options: AutoOptions = {}): Clusterer {
  const stored: AutoOptions = Object.freeze({ ...options });
  return { name: 'auto', options: stored, fit: (x: Matrix, rng: Rng) => fitAuto(x, rng, stored) };
}
