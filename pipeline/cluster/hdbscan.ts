/**
 * HDBSCAN* on typed arrays, O(n) memory: exact core distances, the mutual reachability MST, single
 * linkage, the condensed tree, excess-of-mass (or leaf) selection, membership
 * probabilities and GLOSH outlier scores. Deterministic: the Rng is not needed.
 *
 * The MST algorithm, by a fixed rule (mstAlgorithm 'auto'): up to 16 columns, kd-tree k-NN core
 * distances and Borůvka's algorithm, about O(n log n) — a kd-tree keeps pruning while the dimension is
 * low, which is what UMAP gives the clusterer; above 16 columns, brute-force core distances and Prim's
 * algorithm, O(n²·d) but with no index to degrade. Both use one strict total order on edges, so they
 * return the same tree and the same clustering, bit for bit.
 *
 * Differences from the Python hdbscan package, on purpose: minSamples counts the point itself (the
 * HDBSCAN* definition, as in sklearn.cluster.HDBSCAN; the hdbscan package's code queries minSamples + 1
 * neighbours), so minSamples = m here equals min_samples = m − 1 there.
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import type { Clusterer, Clustering } from '../types.ts';
import { labelPoints, selectClusters, type ClusterSelectionMethod, type SelectionSettings } from './cluster-selection.ts';
import {
  asFloat64,
  checkInput,
  clusterReport,
  orderLabelsBySize,
  requireBoolean,
  requireInt,
  requireNumber,
  requireOneOf,
} from './clustering.ts';
import { clusterDeaths, clusterStability, clusterTree, condenseTree } from './condensed-tree.ts';
import { boruvkaMst } from './boruvka.ts';
import { squaredCoreDistances } from './core-distance.ts';
import { kdNeighbours } from './kd-core-distance.ts';
import { buildKdTree } from './kd-tree.ts';
import { gloshScores, membershipProbabilities } from './membership.ts';
import { mutualReachabilityMst, type SpanningTree } from './mst.ts';
import { canonicalTree } from './mst-order.ts';
import { singleLinkage } from './single-linkage.ts';

export type { ClusterSelectionMethod } from './cluster-selection.ts';

export type MstAlgorithm = 'auto' | 'prim' | 'boruvka';

/** 'auto' uses Borůvka over a kd-tree up to this many columns, Prim's above. */
export const BORUVKA_MAX_DIMS = 16;

export type HdbscanOptions = {
  /** Smallest group that counts as a cluster; smaller splits are points falling out. */
  readonly minClusterSize?: number;
  /** Neighbourhood size for core distances, counting the point itself. Default: minClusterSize. */
  readonly minSamples?: number;
  readonly clusterSelectionMethod?: ClusterSelectionMethod;
  /** Let the whole data set be one cluster (otherwise the root is never selected). */
  readonly allowSingleCluster?: boolean;
  /** Merge clusters that split below this distance (0 = off). */
  readonly clusterSelectionEpsilon?: number;
  /** Same result either way; only time differs. 'auto' follows BORUVKA_MAX_DIMS. */
  readonly mstAlgorithm?: MstAlgorithm;
};

/** minSamples has no fixed default: it follows minClusterSize. */
export const hdbscanDefaults = Object.freeze({
  minClusterSize: 15,
  clusterSelectionMethod: 'eom' as ClusterSelectionMethod,
  allowSingleCluster: false,
  clusterSelectionEpsilon: 0,
  mstAlgorithm: 'auto' as MstAlgorithm,
});

const STAGE = 'hdbscan';

export function createHdbscan(options: HdbscanOptions = {}): Clusterer {
  const stored: HdbscanOptions = Object.freeze({ ...options });
  return { name: STAGE, options: stored, fit: (x: Matrix, _rng: Rng) => fitHdbscan(x, stored) };
}

interface HdbscanSettings extends SelectionSettings {
  readonly minClusterSize: number;
  readonly minSamples: number;
  readonly mstAlgorithm: MstAlgorithm;
}

function resolveSettings(o: HdbscanOptions): HdbscanSettings {
  const minClusterSize = requireInt(STAGE, 'minClusterSize', o.minClusterSize ?? hdbscanDefaults.minClusterSize, 2);
  return {
    minClusterSize,
    minSamples: requireInt(STAGE, 'minSamples', o.minSamples ?? minClusterSize, 1),
    method: requireOneOf(STAGE, 'clusterSelectionMethod', o.clusterSelectionMethod ?? hdbscanDefaults.clusterSelectionMethod, ['eom', 'leaf'] as const),
    allowSingleCluster: requireBoolean(STAGE, 'allowSingleCluster', o.allowSingleCluster ?? hdbscanDefaults.allowSingleCluster),
    mstAlgorithm: requireOneOf(STAGE, 'mstAlgorithm', o.mstAlgorithm ?? hdbscanDefaults.mstAlgorithm, ['auto', 'prim', 'boruvka'] as const),
    epsilon: requireNumber(STAGE, 'clusterSelectionEpsilon', o.clusterSelectionEpsilon ?? hdbscanDefaults.clusterSelectionEpsilon, 0),
  };
}

export function fitHdbscan(x: Matrix, options: HdbscanOptions = {}): Clustering {
  const started = performance.now();
  const s = resolveSettings(options);
  checkInput(x, STAGE, 2);
  const n = x.rows;
  const d = x.cols;
  const data = asFloat64(x);
  const notes: string[] = [];
  // With fewer rows than minSamples the farthest point is the best density estimate there is.
  const k = Math.min(s.minSamples, n);
  if (k < s.minSamples) notes.push(`minSamples ${s.minSamples} exceeds the ${n} rows; used ${k}`);

  const algorithm = resolveMstAlgorithm(s.mstAlgorithm, d);
  const mst = canonicalTree(spanningTree(data, n, d, k, algorithm));
  const condensed = condenseTree(singleLinkage(mst, n), s.minClusterSize);
  const tree = clusterTree(condensed);
  const stability = clusterStability(condensed, tree);
  const deaths = clusterDeaths(condensed);
  const selected = selectClusters(tree, stability, s);
  const raw = labelPoints(condensed, tree, selected, s, deaths);
  const probabilities = membershipProbabilities(condensed, raw, deaths);
  const outlierScores = gloshScores(condensed, tree, deaths);
  const { labels, clusterCount } = orderLabelsBySize(raw);

  if (clusterCount === 0) notes.push('no cluster found: every point is noise (try a smaller minClusterSize or allowSingleCluster)');
  return {
    labels,
    probabilities,
    outlierScores,
    clusterCount,
    report: clusterReport({
      started,
      rows: n,
      labels,
      clusterCount,
      params: {
        algorithm: STAGE,
        minClusterSize: s.minClusterSize,
        minSamples: k,
        clusterSelectionMethod: s.method,
        allowSingleCluster: s.allowSingleCluster,
        clusterSelectionEpsilon: s.epsilon,
        mstAlgorithm: algorithm,
      },
      counts: { treeClusters: condensed.clusterCount - 1 },
      notes,
    }),
  };
}

export function resolveMstAlgorithm(requested: MstAlgorithm, cols: number): 'prim' | 'boruvka' {
  switch (requested) {
    case 'auto':
      return cols <= BORUVKA_MAX_DIMS ? 'boruvka' : 'prim';
    case 'prim':
    case 'boruvka':
      return requested;
    default: {
      const unreachable: never = requested;
      throw new Error(`unknown MST algorithm ${String(unreachable)}`);
    }
  }
}

/** The mutual reachability MST with k-neighbour core distances (k counts the point itself). */
export function spanningTree(data: Float64Array, n: number, d: number, k: number, algorithm: 'prim' | 'boruvka'): SpanningTree {
  if (algorithm === 'prim') return mutualReachabilityMst(data, n, d, squaredCoreDistances(data, n, d, k));
  const tree = buildKdTree(data, n, d);
  return boruvkaMst(tree, kdNeighbours(tree, k));
}
