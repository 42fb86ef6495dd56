/**
 * Segment stability under subsampling (Hennig 2007, "clusterwise assessment of cluster stability"):
 * refit on random subsets of the rows and ask how well each original segment is found again.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { sampleIndices, type Rng } from '../../lib/rng.ts';

/** Any refit: a Clusterer's fit qualifies. */
export type RefitFn = (x: Matrix, rng: Rng) => { readonly labels: Int32Array };

export type StabilityOptions = {
  readonly resamples?: number;
  /** Share of rows drawn (without replacement) for each refit. */
  readonly sampleShare?: number;
  /** At most this many rows per refit (a sampled bootstrap for large data); default: no cap. */
  readonly maxRows?: number;
  readonly rng: Rng;
};

export const stabilityDefaults = Object.freeze({ resamples: 10, sampleShare: 0.8 });

export interface StabilityResult {
  /** Unweighted mean of perSegment (a small unstable segment counts as much as a big one). */
  readonly mean: number;
  /** perSegment[c] = mean over resamples of the best Jaccard match of segment c; NaN if never drawn. */
  readonly perSegment: readonly number[];
  readonly resamples: number;
  readonly sampleShare: number;
}

/** Rows each refit draws: sampleShare of them, at most maxRows, at least 2. */
export function stabilityDrawSize(rows: number, share: number, maxRows = Infinity): number {
  return Math.max(2, Math.min(Math.round(share * rows), maxRows));
}

/**
 * For each resample: draw sampleShare of the rows, refit, and for every original segment c take the
 * best Jaccard overlap |A ∩ B| / |A ∪ B| between c's drawn rows (A) and any refitted cluster (B), noise
 * excluded from B. Values near 1 mean the segment is reproducible; below ~0.6 it is not (Hennig).
 */
export function bootstrapStability(x: Matrix, fitFn: RefitFn, labels: ArrayLike<number>, options: StabilityOptions): StabilityResult {
  const resamples = options.resamples ?? stabilityDefaults.resamples;
  const share = options.sampleShare ?? stabilityDefaults.sampleShare;
  if (!Number.isInteger(resamples) || resamples < 1) throw new PersonaError('bad_option', `bootstrapStability: resamples must be an integer ≥ 1, got ${resamples}`);
  if (!(share > 0 && share <= 1)) throw new PersonaError('bad_option', `bootstrapStability: sampleShare must be in (0, 1], got ${share}`);
  if (labels.length !== x.rows) throw new PersonaError('shape_mismatch', `bootstrapStability: ${labels.length} labels for a ${x.rows}×${x.cols} matrix`);
  let k = 0;
  for (let i = 0; i < labels.length; i++) k = Math.max(k, (labels[i] as number) + 1);
  const sums = new Float64Array(k);
  const seen = new Float64Array(k);
  const d = x.cols;
  const size = stabilityDrawSize(x.rows, share, options.maxRows);
  for (let r = 0; r < resamples; r++) {
    const rng = options.rng.fork(`resample-${r}`);
    const pick = sampleIndices(x.rows, size, rng);
    const data = new Float64Array(pick.length * d);
    pick.forEach((row, i) => data.set(x.data.subarray(row * d, (row + 1) * d), i * d));
    const refit = fitFn({ rows: pick.length, cols: d, data }, rng.fork('fit')).labels;
    if (refit.length !== pick.length) throw new PersonaError('shape_mismatch', `bootstrapStability: refit returned ${refit.length} labels for ${pick.length} rows`);
    // Overlap counts between original segments (rows) and refitted clusters (columns).
    let kr = 0;
    for (const l of refit) kr = Math.max(kr, l + 1);
    const overlap = new Float64Array(k * kr);
    const origSize = new Float64Array(k);
    const newSize = new Float64Array(kr);
    pick.forEach((row, i) => {
      const a = labels[row] as number;
      const b = refit[i] as number;
      if (a >= 0) origSize[a] = (origSize[a] as number) + 1;
      if (b >= 0) newSize[b] = (newSize[b] as number) + 1;
      if (a >= 0 && b >= 0) overlap[a * kr + b] = (overlap[a * kr + b] as number) + 1;
    });
    for (let a = 0; a < k; a++) {
      if ((origSize[a] as number) === 0) continue;
      let best = 0;
      for (let b = 0; b < kr; b++) {
        const inter = overlap[a * kr + b] as number;
        const union = (origSize[a] as number) + (newSize[b] as number) - inter;
        if (union > 0) best = Math.max(best, inter / union);
      }
      sums[a] = (sums[a] as number) + best;
      seen[a] = (seen[a] as number) + 1;
    }
  }
  const perSegment = Array.from(sums, (s, a) => ((seen[a] as number) > 0 ? s / (seen[a] as number) : NaN));
  const defined = perSegment.filter((v) => !Number.isNaN(v));
  const mean = defined.length ? defined.reduce((p, v) => p + v, 0) / defined.length : NaN;
  return { mean, perSegment, resamples, sampleShare: share };
}
