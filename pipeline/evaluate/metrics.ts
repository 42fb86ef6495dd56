/**
 * Internal validity of a clustering in the space it was made in. Noise (label < 0) is left out of every
 * score here; how much noise there is gets reported on its own (evaluateClustering). A score that is
 * undefined — fewer than two clusters — is NaN.
 */
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';
import { sampleIndices, type Rng } from '../../lib/rng.ts';

export { adjustedRandIndex, normalizedMutualInfo } from './partition-agreement.ts';
export { dbcv } from './dbcv.ts';

export type SilhouetteOptions = {
  /**
   * At most this many clustered rows are scored exactly (O(s²·d) time, O(s·k) memory); above it a
   * uniform sample of this size is scored within itself, as sklearn's silhouette_score(sample_size).
   */
  readonly sampleSize?: number;
  /** Needed only when sampling. */
  readonly rng?: Rng;
};

export const silhouetteDefaults = Object.freeze({ sampleSize: 2000 });

/** Clustered rows and their labels renumbered 0..k-1. */
interface Clustered {
  readonly rows: Int32Array;
  readonly labels: Int32Array;
  readonly k: number;
}

function clustered(stage: string, x: Matrix, labels: ArrayLike<number>): Clustered {
  assertShape(x, stage, {});
  if (labels.length !== x.rows) {
    throw new PersonaError('shape_mismatch', `${stage}: ${labels.length} labels for a ${x.rows}×${x.cols} matrix`);
  }
  const ids = new Map<number, number>();
  const rows: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (l < 0) continue;
    let id = ids.get(l);
    if (id === undefined) ids.set(l, (id = ids.size));
    rows.push(i);
    out.push(id);
  }
  return { rows: Int32Array.from(rows), labels: Int32Array.from(out), k: ids.size };
}

function dist(data: ArrayLike<number>, a: number, b: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = (data[a + t] as number) - (data[b + t] as number);
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * Mean silhouette (Rousseeuw): s(i) = (b − a) / max(a, b) with a the mean distance to the own cluster's
 * other members and b the smallest mean distance to another cluster; a point alone in its cluster
 * scores 0. Range [−1, 1].
 */
export function silhouette(x: Matrix, labels: ArrayLike<number>, options: SilhouetteOptions = {}): number {
  const sampleSize = options.sampleSize ?? silhouetteDefaults.sampleSize;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new PersonaError('bad_option', `silhouette: sampleSize must be an integer ≥ 2, got ${sampleSize}`);
  }
  const c = clustered('silhouette', x, labels);
  let rows = c.rows;
  let lab = c.labels;
  if (rows.length > sampleSize) {
    if (!options.rng) throw new PersonaError('bad_option', `silhouette: sampling ${rows.length} rows down to ${sampleSize} needs an rng`);
    const pick = sampleIndices(rows.length, sampleSize, options.rng);
    rows = Int32Array.from(pick, (p) => c.rows[p] as number);
    lab = Int32Array.from(pick, (p) => c.labels[p] as number);
  }
  const m = rows.length;
  const k = c.k;
  const counts = new Float64Array(k);
  for (let i = 0; i < m; i++) counts[lab[i] as number] = (counts[lab[i] as number] as number) + 1;
  let present = 0;
  for (let l = 0; l < k; l++) if ((counts[l] as number) > 0) present++;
  if (present < 2) return NaN;
  // sums[i·k + l] = total distance from sampled point i to the sampled members of cluster l.
  const sums = new Float64Array(m * k);
  const d = x.cols;
  for (let i = 0; i < m; i++) {
    const bi = (rows[i] as number) * d;
    const li = lab[i] as number;
    for (let j = i + 1; j < m; j++) {
      const v = dist(x.data, bi, (rows[j] as number) * d, d);
      sums[i * k + (lab[j] as number)] = (sums[i * k + (lab[j] as number)] as number) + v;
      sums[j * k + li] = (sums[j * k + li] as number) + v;
    }
  }
  let total = 0;
  for (let i = 0; i < m; i++) {
    const li = lab[i] as number;
    const own = counts[li] as number;
    if (own < 2) continue;
    const a = (sums[i * k + li] as number) / (own - 1);
    let b = Infinity;
    for (let l = 0; l < k; l++) {
      if (l === li || (counts[l] as number) === 0) continue;
      b = Math.min(b, (sums[i * k + l] as number) / (counts[l] as number));
    }
    const den = Math.max(a, b);
    total += den > 0 ? (b - a) / den : 0;
  }
  return total / m;
}

/** Per cluster: size and centroid (k×d, row-major). */
function centroids(x: Matrix, c: Clustered): { sizes: Float64Array; centres: Float64Array } {
  const d = x.cols;
  const sizes = new Float64Array(c.k);
  const centres = new Float64Array(c.k * d);
  for (let i = 0; i < c.rows.length; i++) {
    const l = c.labels[i] as number;
    const b = (c.rows[i] as number) * d;
    sizes[l] = (sizes[l] as number) + 1;
    for (let t = 0; t < d; t++) centres[l * d + t] = (centres[l * d + t] as number) + (x.data[b + t] as number);
  }
  for (let l = 0; l < c.k; l++) for (let t = 0; t < d; t++) centres[l * d + t] = (centres[l * d + t] as number) / (sizes[l] as number);
  return { sizes, centres };
}

/**
 * Calinski–Harabasz: (between-cluster dispersion / (k − 1)) / (within-cluster dispersion / (n − k)).
 * Higher is better; 1 when every cluster is a single repeated point (sklearn's convention).
 */
export function calinskiHarabasz(x: Matrix, labels: ArrayLike<number>): number {
  const c = clustered('calinskiHarabasz', x, labels);
  const n = c.rows.length;
  if (c.k < 2 || n <= c.k) return NaN;
  const d = x.cols;
  const { sizes, centres } = centroids(x, c);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] = (mean[t] as number) + (x.data[(c.rows[i] as number) * d + t] as number) / n;
  let between = 0;
  for (let l = 0; l < c.k; l++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += ((centres[l * d + t] as number) - (mean[t] as number)) ** 2;
    between += (sizes[l] as number) * s;
  }
  let within = 0;
  for (let i = 0; i < n; i++) within += sq(x.data, (c.rows[i] as number) * d, centres, (c.labels[i] as number) * d, d);
  if (within === 0) return 1;
  return (between / (c.k - 1)) / (within / (n - c.k));
}

function sq(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = (a[ai + t] as number) - (b[bi + t] as number);
    s += v * v;
  }
  return s;
}

/**
 * Davies–Bouldin: mean over clusters of max over others of (s_i + s_j) / ‖c_i − c_j‖, s = mean distance
 * of members to their centroid. Lower is better, 0 at best. Coinciding centroids are skipped (sklearn).
 */
export function daviesBouldin(x: Matrix, labels: ArrayLike<number>): number {
  const c = clustered('daviesBouldin', x, labels);
  if (c.k < 2) return NaN;
  const d = x.cols;
  const { sizes, centres } = centroids(x, c);
  const scatter = new Float64Array(c.k);
  for (let i = 0; i < c.rows.length; i++) {
    const l = c.labels[i] as number;
    scatter[l] = (scatter[l] as number) + Math.sqrt(sq(x.data, (c.rows[i] as number) * d, centres, l * d, d)) / (sizes[l] as number);
  }
  let total = 0;
  for (let i = 0; i < c.k; i++) {
    let worst = 0;
    for (let j = 0; j < c.k; j++) {
      if (j === i) continue;
      const m = Math.sqrt(sq(centres, i * d, centres, j * d, d));
      if (m > 0) worst = Math.max(worst, ((scatter[i] as number) + (scatter[j] as number)) / m);
    }
    total += worst;
  }
  return total / c.k;
}
