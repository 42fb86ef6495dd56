/**
 * Ward agglomerative clustering cut at k segments, by the nearest-neighbour-chain algorithm with
 * Lance–Williams updates: O(n²) time and O(n²) memory (a condensed n(n−1)/2 distance matrix, 100 MB at
 * 5,000 rows), which is why fit refuses more than maxRows rows. Ward is reducible, so the chain finds
 * exactly the greedy merge sequence; merges sorted by height and replayed give the k-segment cut.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import type { Clusterer, Clustering } from '../types.ts';
import { centroidConfidence, segmentCentroids } from './centroids.ts';
import { asFloat64, checkInput, clusterReport, orderLabelsBySize, requireInt } from './clustering.ts';

export type AgglomerativeOptions = {
  readonly k?: number;
  /** Refuse larger inputs: the distance matrix grows with n². */
  readonly maxRows?: number;
};

export const agglomerativeDefaults = Object.freeze({ k: 8, maxRows: 5000 });

const STAGE = 'agglomerative';

export function createAgglomerative(options: AgglomerativeOptions = {}): Clusterer {
  const stored: AgglomerativeOptions = Object.freeze({ ...options });
  return { name: STAGE, options: stored, fit: (x: Matrix, _rng: Rng) => fitAgglomerative(x, stored) };
}

export function fitAgglomerative(x: Matrix, options: AgglomerativeOptions = {}): Clustering {
  const started = performance.now();
  const k = requireInt(STAGE, 'k', options.k ?? agglomerativeDefaults.k, 1);
  const maxRows = requireInt(STAGE, 'maxRows', options.maxRows ?? agglomerativeDefaults.maxRows, 2);
  checkInput(x, STAGE, 1);
  const n = x.rows;
  const d = x.cols;
  if (n > maxRows) {
    const mb = Math.round((n * (n - 1) * 4) / 2 ** 20);
    throw new PersonaError(
      'bad_option',
      `${STAGE}: Ward needs an n×n distance matrix (~${mb} MB for ${n}×${d}); ${n} rows exceed maxRows ${maxRows}. Use k-means (createKMeans) for data this large.`,
    );
  }
  if (k > n) throw new PersonaError('shape_mismatch', `${STAGE}: k = ${k} needs at least ${k} rows, got ${n}×${d}`);
  const data = asFloat64(x);
  const merges = wardMerges(data, n, d);
  const raw = cutAt(merges, n, k);
  const { labels, clusterCount } = orderLabelsBySize(raw);
  const { centres } = segmentCentroids(data, d, labels, clusterCount);
  return {
    labels,
    // Ward has no membership model; the centroid share is the same soft confidence k-means reports.
    probabilities: centroidConfidence(data, d, labels, centres, clusterCount),
    clusterCount,
    report: clusterReport({ started, rows: n, labels, clusterCount, params: { algorithm: STAGE, linkage: 'ward', k, maxRows } }),
  };
}

interface Merges {
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Ward cost on squared distances, monotone along the greedy order. */
  readonly height: Float64Array;
}

/** Index of pair (i, j), i < j, in the condensed upper triangle. */
const tri = (n: number, i: number, j: number): number => i * n - (i * (i + 1)) / 2 + j - i - 1;

function wardMerges(data: Float64Array, n: number, d: number): Merges {
  const dist = new Float64Array((n * (n - 1)) / 2);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = (data[i * d + t] as number) - (data[j * d + t] as number);
        s += v * v;
      }
      dist[tri(n, i, j)] = s;
    }
  }
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const chain = new Int32Array(n);
  const a = new Int32Array(Math.max(0, n - 1));
  const b = new Int32Array(Math.max(0, n - 1));
  const height = new Float64Array(Math.max(0, n - 1));
  let len = 0;
  let firstActive = 0;
  for (let m = 0; m < n - 1; ) {
    if (len === 0) {
      while (!active[firstActive]) firstActive++;
      chain[len++] = firstActive;
    }
    const top = chain[len - 1] as number;
    const prev = len > 1 ? (chain[len - 2] as number) : -1;
    // Nearest active neighbour of top; the previous chain element wins ties, so the chain cannot cycle.
    let nn = prev;
    let best = prev >= 0 ? (dist[prev < top ? tri(n, prev, top) : tri(n, top, prev)] as number) : Infinity;
    for (let j = 0; j < n; j++) {
      if (j === top || !active[j]) continue;
      const v = dist[j < top ? tri(n, j, top) : tri(n, top, j)] as number;
      if (v < best) {
        best = v;
        nn = j;
      }
    }
    if (nn !== prev) {
      chain[len++] = nn;
      continue;
    }
    // top and prev are reciprocal nearest neighbours: merge them into the lower slot.
    len -= 2;
    const i = Math.min(top, prev);
    const j = Math.max(top, prev);
    a[m] = i;
    b[m] = j;
    height[m++] = best;
    const ni = size[i] as number;
    const nj = size[j] as number;
    for (let q = 0; q < n; q++) {
      if (!active[q] || q === i || q === j) continue;
      const nq = size[q] as number;
      const iq = q < i ? tri(n, q, i) : tri(n, i, q);
      const jq = q < j ? tri(n, q, j) : tri(n, j, q);
      // Lance–Williams for Ward on squared distances.
      dist[iq] = ((ni + nq) * (dist[iq] as number) + (nj + nq) * (dist[jq] as number) - nq * best) / (ni + nj + nq);
    }
    size[i] = ni + nj;
    active[j] = 0;
  }
  return { a, b, height };
}

/** Replays the n − k lowest merges (slot i holds point i's cluster, so slots union as points). */
function cutAt(merges: Merges, n: number, k: number): Int32Array {
  const order = Array.from({ length: merges.height.length }, (_, e) => e);
  order.sort((p, q) => (merges.height[p] as number) - (merges.height[q] as number) || p - q);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => {
    let r = v;
    while ((parent[r] as number) !== r) r = parent[r] as number;
    while ((parent[v] as number) !== r) {
      const next = parent[v] as number;
      parent[v] = r;
      v = next;
    }
    return r;
  };
  for (let s = 0; s < n - k; s++) {
    const e = order[s] as number;
    const ra = find(merges.a[e] as number);
    const rb = find(merges.b[e] as number);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}
