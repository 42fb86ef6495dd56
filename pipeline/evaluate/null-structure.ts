/**
 * Is there any cluster structure at all? Resampling alone cannot tell: k-means cuts a single Gaussian
 * cloud the same way every time, so its segments look stable although nothing separates them. The test
 * follows SigClust (Liu, Hayes, Nobel & Marron 2008, "Statistical significance of clustering for
 * high-dimension, low-sample size data"): the null model is one Gaussian with the data's own mean and
 * covariance. k-means with the same number of segments is fitted on a few draws from that null and its
 * silhouette is compared with the silhouette of the delivered segments: segments are separated only when
 * they beat the best null draw by a margin.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import { fitKMeans } from '../cluster/kmeans.ts';
import { silhouette } from './metrics.ts';

export type NullStructureOptions = {
  /** Null data sets drawn; the best of them is the reference. */
  readonly draws?: number;
  /** Rows per null draw (and rows of the data scored): keeps the test cheap on large runs. */
  readonly maxRows?: number;
  /** How far above the best null silhouette the data must be to count as separated. */
  readonly margin?: number;
};

export const nullStructureDefaults = Object.freeze({ draws: 3, maxRows: 1000, margin: 0.02 });

export interface NullStructureResult {
  /** Silhouette of the given segments on the scored rows. */
  readonly silhouette: number;
  /** Best silhouette k-means reached on the null draws. */
  readonly nullSilhouette: number;
  readonly margin: number;
  readonly separated: boolean;
}

export function nullStructureTest(x: Matrix, labels: ArrayLike<number>, rng: Rng, options: NullStructureOptions = {}): NullStructureResult | null {
  const draws = options.draws ?? nullStructureDefaults.draws;
  const maxRows = options.maxRows ?? nullStructureDefaults.maxRows;
  const margin = options.margin ?? nullStructureDefaults.margin;
  if (!Number.isInteger(draws) || draws < 1) throw new PersonaError('bad_option', `nullStructureTest: draws must be an integer ≥ 1, got ${draws}`);
  if (!Number.isInteger(maxRows) || maxRows < 10) throw new PersonaError('bad_option', `nullStructureTest: maxRows must be an integer ≥ 10, got ${maxRows}`);
  if (labels.length !== x.rows) throw new PersonaError('shape_mismatch', `nullStructureTest: ${labels.length} labels for a ${x.rows}×${x.cols} matrix`);
  const k = new Set(Array.from(labels).filter((l) => l >= 0)).size;
  if (k < 2 || x.rows < 2 * k + 1) return null;
  const m = Math.min(x.rows, maxRows);
  const data = silhouette(x, labels, { sampleSize: m, rng: rng.fork('data') });
  if (!Number.isFinite(data)) return null;
  const { mean, factor } = gaussianOf(x);
  let best = -Infinity;
  for (let r = 0; r < draws; r++) {
    const drawRng = rng.fork(`null-${r}`);
    const z = drawGaussian(mean, factor, x.cols, m, drawRng);
    const fit = fitKMeans(z, drawRng.fork('kmeans'), { k, restarts: 2 });
    const s = silhouette(z, fit.labels, { sampleSize: m, rng: drawRng.fork('silhouette') });
    if (Number.isFinite(s)) best = Math.max(best, s);
  }
  if (!Number.isFinite(best)) return null;
  return { silhouette: data, nullSilhouette: best, margin, separated: data >= best + margin };
}

/** Mean and a lower-triangular L with L·Lᵀ = covariance (a small ridge keeps L defined for flat columns). */
export function gaussianOf(x: Matrix): { mean: Float64Array; factor: Float64Array } {
  const n = x.rows;
  const d = x.cols;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x.data[i * d + j] as number) / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const va = (x.data[i * d + a] as number) - (mean[a] as number);
      for (let b = 0; b <= a; b++) cov[a * d + b] = (cov[a * d + b] as number) + (va * ((x.data[i * d + b] as number) - (mean[b] as number))) / Math.max(1, n - 1);
    }
  }
  let trace = 0;
  for (let a = 0; a < d; a++) trace += cov[a * d + a] as number;
  const ridge = (1e-9 * trace) / Math.max(1, d) + 1e-12;
  const factor = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let s = cov[a * d + b] as number;
      for (let t = 0; t < b; t++) s -= (factor[a * d + t] as number) * (factor[b * d + t] as number);
      if (a === b) factor[a * d + a] = Math.sqrt(Math.max(s + ridge, 0));
      else factor[a * d + b] = (factor[b * d + b] as number) > 0 ? s / (factor[b * d + b] as number) : 0;
    }
  }
  return { mean, factor };
}

function drawGaussian(mean: Float64Array, factor: Float64Array, d: number, rows: number, rng: Rng): Matrix {
  const data = new Float64Array(rows * d);
  const z = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < d; j++) z[j] = rng.normal();
    for (let a = 0; a < d; a++) {
      let v = mean[a] as number;
      for (let t = 0; t <= a; t++) v += (factor[a * d + t] as number) * (z[t] as number);
      data[i * d + a] = v;
    }
  }
  return { rows, cols: d, data };
}

