/**
 * k-means (ml-kmeans, k-means++ seeding) with seeded restarts keeping the lowest inertia, and k either
 * fixed or chosen in a range by the mean silhouette. The elbow of the inertia curve (kneedle) is
 * reported next to the silhouette choice as a second opinion; it does not decide.
 */
import { kmeans } from 'ml-kmeans';
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import { silhouette } from '../evaluate/metrics.ts';
import type { Clusterer, Clustering } from '../types.ts';
import { centroidConfidence, segmentCentroids } from './centroids.ts';
import { checkInput, clusterReport, orderLabelsBySize, requireInt, requireNumber } from './clustering.ts';

export type KMeansOptions = {
  /** A fixed number of segments; without it k is chosen in kRange. */
  readonly k?: number;
  /** Inclusive range searched when k is not given. */
  readonly kRange?: readonly [number, number];
  /** Seeded runs per k; the lowest inertia wins. */
  readonly restarts?: number;
  readonly maxIterations?: number;
  /** Stop when no centroid moves more than this (squared distance). */
  readonly tolerance?: number;
  /** When choosing k: a useful segmentation has no segment above this share of rows … */
  readonly maxLargestShare?: number;
  /** … and none below this share. Among useful k the silhouette decides; without one, all k compete. */
  readonly minSegmentShare?: number;
  /** Rows scored per k when choosing k (see silhouette). */
  readonly silhouetteSampleSize?: number;
};

export const kMeansDefaults = Object.freeze({
  kRange: Object.freeze([2, 12] as const),
  restarts: 5,
  maxIterations: 100,
  tolerance: 1e-6,
  silhouetteSampleSize: 2000,
  maxLargestShare: 0.5,
  minSegmentShare: 0.02,
});

const STAGE = 'kmeans';

export function createKMeans(options: KMeansOptions = {}): Clusterer {
  const stored: KMeansOptions = Object.freeze({ ...options });
  return { name: STAGE, options: stored, fit: (x: Matrix, rng: Rng) => fitKMeans(x, rng, stored) };
}

interface Run {
  readonly assignment: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function fitKMeans(x: Matrix, rng: Rng, options: KMeansOptions = {}): Clustering {
  const started = performance.now();
  const restarts = requireInt(STAGE, 'restarts', options.restarts ?? kMeansDefaults.restarts, 1);
  const maxIterations = requireInt(STAGE, 'maxIterations', options.maxIterations ?? kMeansDefaults.maxIterations, 1);
  const tolerance = requireNumber(STAGE, 'tolerance', options.tolerance ?? kMeansDefaults.tolerance, 0);
  const sampleSize = requireInt(STAGE, 'silhouetteSampleSize', options.silhouetteSampleSize ?? kMeansDefaults.silhouetteSampleSize, 2);
  const fixedK = options.k === undefined ? undefined : requireInt(STAGE, 'k', options.k, 1);
  const range = options.kRange ?? kMeansDefaults.kRange;
  if (fixedK === undefined && (!Array.isArray(range) || range.length !== 2)) {
    throw new PersonaError('bad_option', `${STAGE}: kRange must be [min, max], got ${JSON.stringify(range)}`);
  }
  const lo = fixedK ?? requireInt(STAGE, 'kRange[0]', range[0], 2);
  const hiAsked = fixedK ?? requireInt(STAGE, 'kRange[1]', range[1], lo);
  checkInput(x, STAGE, 1);
  const n = x.rows;
  const d = x.cols;
  if (fixedK !== undefined && fixedK > n) throw new PersonaError('shape_mismatch', `${STAGE}: k = ${fixedK} needs at least ${fixedK} rows, got ${n}×${d}`);
  // The silhouette needs at least one cluster with two members: k ≤ n − 1.
  const hi = fixedK ?? Math.min(hiAsked, n - 1);
  if (hi < lo) throw new PersonaError('shape_mismatch', `${STAGE}: choosing k in [${lo}, ${hiAsked}] needs at least ${lo + 1} rows, got ${n}×${d}`);

  const points = Array.from({ length: n }, (_, i) => Array.from(x.data.subarray(i * d, (i + 1) * d)));
  const runK = (k: number): Run => {
    let best: Run | undefined;
    for (let r = 0; r < restarts; r++) {
      // Seeds come from the Rng, so the whole search replays from the run's seed.
      const seed = rng.int(2 ** 31);
      const res = kmeans(points, k, { initialization: 'kmeans++', seed, maxIterations, tolerance });
      const assignment = Int32Array.from(res.clusters);
      const run = { assignment, inertia: inertia(x.data, d, assignment, res.centroids), iterations: res.iterations, converged: res.converged };
      if (!best || run.inertia < best.inertia) best = run;
    }
    return best as Run;
  };

  const notes: string[] = [];
  const silhouetteByK: Record<string, number | null> = {};
  const inertiaByK: Record<string, number> = {};
  const alternatives: { k: number; silhouette: number | null; largestShare: number; smallestShare: number; useful: boolean }[] = [];
  let chosen: { k: number; run: Run } | undefined;
  let elbowK: number | null = null;
  if (fixedK !== undefined) {
    chosen = { k: fixedK, run: runK(fixedK) };
  } else {
    if (hi < hiAsked) notes.push(`kRange capped at ${hi}: ${n} rows`);
    let bestScore = -Infinity;
    const curve: number[] = [];
    const maxLargest = options.maxLargestShare ?? kMeansDefaults.maxLargestShare;
    const minShare = options.minSegmentShare ?? kMeansDefaults.minSegmentShare;
    const tried: { k: number; run: Run; score: number; useful: boolean }[] = [];
    for (let k = lo; k <= hi; k++) {
      const run = runK(k);
      // The same fork for every k: every k is scored on the same sample.
      const ordered = orderLabelsBySize(run.assignment);
      const score = silhouette(x, ordered.labels, { sampleSize, rng: rng.fork('silhouette') });
      silhouetteByK[k] = Number.isFinite(score) ? score : null;
      inertiaByK[k] = run.inertia;
      curve.push(run.inertia);
      const sizes = new Array<number>(ordered.clusterCount).fill(0);
      for (const l of ordered.labels) if (l >= 0) sizes[l]!++;
      const largest = Math.max(...sizes) / n;
      const smallest = Math.min(...sizes) / n;
      const useful = ordered.clusterCount === k && largest <= maxLargest && smallest >= minShare;
      tried.push({ k, run, score, useful });
      alternatives.push({ k, silhouette: Number.isFinite(score) ? Number(score.toFixed(4)) : null, largestShare: Number(largest.toFixed(4)), smallestShare: Number(smallest.toFixed(4)), useful });
    }
    // Usefulness first (no segment above maxLargestShare or below minSegmentShare), then the silhouette;
    // NaN (a single non-empty cluster) never wins, but the first k stands in until something does.
    const pool = tried.some((t) => t.useful) ? tried.filter((t) => t.useful) : tried;
    for (const t of pool) {
      if (!chosen || (Number.isFinite(t.score) && t.score > bestScore)) {
        chosen = { k: t.k, run: t.run };
        if (Number.isFinite(t.score)) bestScore = t.score;
      }
    }
    if (!tried.some((t) => t.useful)) notes.push(`no k in ${lo}..${hi} gave segments between ${Math.round(minShare * 100)}% and ${Math.round(maxLargest * 100)}% of rows: little structure, the best silhouette stands`);
    elbowK = elbow(curve, lo);
    const c = chosen as { k: number };
    notes.push(`k = ${c.k} by silhouette (${fmt(bestScore)}) among useful k (largest segment ≤ ${Math.round(maxLargest * 100)}%, smallest ≥ ${Math.round(minShare * 100)}%); elbow of inertia (kneedle): ${elbowK ?? 'none (needs 3 values of k and a falling curve)'}`);
  }
  const { k, run } = chosen as { k: number; run: Run };
  const { labels, clusterCount } = orderLabelsBySize(run.assignment);
  if (clusterCount < k) notes.push(`${k - clusterCount} of ${k} clusters ended empty`);
  const { centres } = segmentCentroids(x.data, d, labels, clusterCount);
  return {
    labels,
    probabilities: centroidConfidence(x.data, d, labels, centres, clusterCount),
    clusterCount,
    report: clusterReport({
      started,
      rows: n,
      labels,
      clusterCount,
      params: {
        algorithm: STAGE,
        selection: fixedK === undefined ? 'silhouette' : 'fixed',
        ...(fixedK === undefined ? { kRange: [lo, hiAsked], silhouetteByK, inertiaByK, elbowK, alternatives } : {}),
        chosenK: k,
        restarts,
        maxIterations,
        tolerance,
        inertia: run.inertia,
      },
      counts: { iterations: run.iterations, converged: run.converged ? 1 : 0 },
      notes,
    }),
  };
}

function inertia(data: ArrayLike<number>, d: number, assignment: Int32Array, centroids: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < assignment.length; i++) {
    const c = centroids[assignment[i] as number] as readonly number[];
    for (let t = 0; t < d; t++) s += ((data[i * d + t] as number) - (c[t] as number)) ** 2;
  }
  return s;
}

/**
 * The elbow by the kneedle rule (Satopää et al. 2011): scale k and inertia to [0, 1] and take the k
 * lying farthest below the chord from the first to the last point, max (1 − k̂) − Î. Unlike the raw
 * largest second difference it is not pulled to the smallest k by the steep start of the curve. Null
 * with fewer than three values of k or a flat curve.
 */
export function elbow(inertias: readonly number[], firstK: number): number | null {
  const m = inertias.length;
  if (m < 3) return null;
  const first = inertias[0] as number;
  const last = inertias[m - 1] as number;
  const span = first - last;
  if (!(span > 0)) return null;
  let bestK: number | null = null;
  let best = 0;
  for (let i = 1; i + 1 < m; i++) {
    const gap = 1 - i / (m - 1) - ((inertias[i] as number) - last) / span;
    if (gap > best) {
      best = gap;
      bestK = firstK + i;
    }
  }
  return bestK;
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'undefined');
