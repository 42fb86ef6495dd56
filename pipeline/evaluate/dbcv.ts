/**
 * Density-Based Clustering Validation (Moulavi et al., SDM 2014). Range [−1, 1], higher is better;
 * noise counts against the score through the weights (|C| / all rows, noise included).
 *
 * O(n²·d) time and O(n) memory; above maxPoints rows (default 3,000: ≈ 4.5 M pairs) a uniform sample
 * of that size, noise included, is scored instead.
 */
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';
import { sampleIndices, type Rng } from '../../lib/rng.ts';

export type DbcvOptions = {
  readonly maxPoints?: number;
  /** Draws the sample above maxPoints; without one an evenly spaced subset is taken. */
  readonly rng?: Rng;
};

export const dbcvDefaults = Object.freeze({ maxPoints: 3000 });

interface ClusterPart {
  readonly rows: Int32Array;
  /** All-points core distance per member. */
  readonly core: Float64Array;
  /** Members that are internal MST nodes (degree ≥ 2), or all members when there are none. */
  readonly internal: Int32Array;
  /** Density sparseness: largest internal MST edge. */
  readonly sparseness: number;
}

export function dbcv(x: Matrix, labels: ArrayLike<number>, options: DbcvOptions = {}): number {
  assertShape(x, 'dbcv', {});
  if (labels.length !== x.rows) throw new PersonaError('shape_mismatch', `dbcv: ${labels.length} labels for a ${x.rows}×${x.cols} matrix`);
  const maxPoints = options.maxPoints ?? dbcvDefaults.maxPoints;
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new PersonaError('bad_option', `dbcv: maxPoints must be an integer ≥ 2, got ${maxPoints}`);
  const n = x.rows;
  const sample = n <= maxPoints ? null : options.rng ? sampleIndices(n, maxPoints, options.rng) : Uint32Array.from({ length: maxPoints }, (_, i) => Math.floor((i * n) / maxPoints));
  const total = sample ? sample.length : n;
  const groups = new Map<number, number[]>();
  for (let s = 0; s < total; s++) {
    const i = sample ? (sample[s] as number) : s;
    const l = labels[i] as number;
    if (l < 0) continue;
    const g = groups.get(l);
    if (g) g.push(i);
    else groups.set(l, [i]);
  }
  // A cluster needs two members for a density; smaller ones add nothing (validity 0).
  const parts = [...groups.values()].filter((g) => g.length >= 2).map((g) => clusterPart(x, Int32Array.from(g)));
  if (parts.length < 2) return NaN;
  let score = 0;
  for (let i = 0; i < parts.length; i++) {
    let separation = Infinity;
    for (let j = 0; j < parts.length; j++) if (j !== i) separation = Math.min(separation, densitySeparation(x, parts[i] as ClusterPart, parts[j] as ClusterPart));
    const p = parts[i] as ClusterPart;
    const den = Math.max(separation, p.sparseness);
    const validity = den > 0 ? (separation - p.sparseness) / den : 0;
    score += (p.rows.length / total) * validity;
  }
  return score;
}

function distance(x: Matrix, a: number, b: number): number {
  const d = x.cols;
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = (x.data[a * d + t] as number) - (x.data[b * d + t] as number);
    s += v * v;
  }
  return Math.sqrt(s);
}

function clusterPart(x: Matrix, rows: Int32Array): ClusterPart {
  const m = rows.length;
  const dims = x.cols;
  // core(o) = (Σ_j (1/d(o,j))^D / (m − 1))^(−1/D), evaluated in logs: (1/d)^D overflows for large D.
  const core = new Float64Array(m);
  const logs = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let maxLog = -Infinity;
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const v = -dims * Math.log(distance(x, rows[i] as number, rows[j] as number));
      logs[j] = v;
      if (v > maxLog) maxLog = v;
    }
    if (maxLog === Infinity) continue; // a duplicate: infinite density, core distance 0
    let sum = 0;
    for (let j = 0; j < m; j++) if (j !== i) sum += Math.exp((logs[j] as number) - maxLog);
    core[i] = Math.exp(-(maxLog + Math.log(sum) - Math.log(m - 1)) / dims);
  }
  // Prim's MST on mutual reachability within the cluster, O(m²), tracking degrees.
  const inTree = new Uint8Array(m);
  const best = new Float64Array(m).fill(Infinity);
  const from = new Int32Array(m).fill(-1);
  const degree = new Int32Array(m);
  const edgeA: number[] = [];
  const edgeB: number[] = [];
  const edgeW: number[] = [];
  let cur = 0;
  inTree[0] = 1;
  for (let e = 0; e < m - 1; e++) {
    let next = -1;
    for (let j = 0; j < m; j++) {
      if (inTree[j]) continue;
      const w = Math.max(core[cur] as number, core[j] as number, distance(x, rows[cur] as number, rows[j] as number));
      if (w < (best[j] as number)) {
        best[j] = w;
        from[j] = cur;
      }
      if (next < 0 || (best[j] as number) < (best[next] as number)) next = j;
    }
    inTree[next] = 1;
    const f = from[next] as number;
    degree[f] = (degree[f] as number) + 1;
    degree[next] = (degree[next] as number) + 1;
    edgeA.push(f);
    edgeB.push(next);
    edgeW.push(best[next] as number);
    cur = next;
  }
  const internalFlags = Uint8Array.from(degree, (g) => (g >= 2 ? 1 : 0));
  const anyInternal = internalFlags.some((f) => f === 1);
  let sparseness = 0;
  let internalEdges = 0;
  for (let e = 0; e < edgeW.length; e++) {
    if (internalFlags[edgeA[e] as number] && internalFlags[edgeB[e] as number]) {
      sparseness = Math.max(sparseness, edgeW[e] as number);
      internalEdges++;
    }
  }
  // No internal edge (tiny clusters): the largest edge overall, as the authors' MATLAB code does.
  if (internalEdges === 0) for (const w of edgeW) sparseness = Math.max(sparseness, w);
  const internal: number[] = [];
  for (let i = 0; i < m; i++) if (!anyInternal || internalFlags[i]) internal.push(i);
  return { rows, core, internal: Int32Array.from(internal), sparseness };
}

/** Smallest mutual reachability distance between internal nodes of two clusters. */
function densitySeparation(x: Matrix, a: ClusterPart, b: ClusterPart): number {
  let best = Infinity;
  for (const i of a.internal) {
    const ci = a.core[i] as number;
    const ri = a.rows[i] as number;
    for (const j of b.internal) {
      const w = Math.max(ci, b.core[j] as number, distance(x, ri, b.rows[j] as number));
      if (w < best) best = w;
    }
  }
  return best;
}
