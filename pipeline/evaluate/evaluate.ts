/**
 * One report card for a clustering: internal validity, noise, reproducibility under subsampling and,
 * when a known grouping exists, agreement with it. Undefined scores are null so the card serialises.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import type { Clustering } from '../types.ts';
import { dbcv } from './dbcv.ts';
import { calinskiHarabasz, daviesBouldin, silhouette } from './metrics.ts';
import { adjustedRandIndex, normalizedMutualInfo } from './partition-agreement.ts';
import { bootstrapStability, type RefitFn } from './stability.ts';

export type EvaluateOptions = {
  readonly rng: Rng;
  /** Refits for the stability check, usually the clusterer's own fit. */
  readonly refit: RefitFn;
  /** The partition whose stability is measured, when not the clustering's own labels (e.g. the delivered segments after noise reassignment; refit must then deliver the same way). */
  readonly stabilityLabels?: ArrayLike<number>;
  /** A known grouping (e.g. a label column) to score against; −1 rows are left out of ARI/NMI. */
  readonly truth?: ArrayLike<number>;
  readonly silhouetteSampleSize?: number;
  /** DBCV is O(n²) on up to dbcvMaxPoints rows; false skips it. */
  readonly dbcv?: boolean;
  readonly dbcvMaxPoints?: number;
  readonly resamples?: number;
  readonly sampleShare?: number;
  /** At most this many rows per stability refit (see bootstrapStability). */
  readonly stabilityMaxRows?: number;
};

export const evaluateDefaults = Object.freeze({ silhouetteSampleSize: 2000, dbcv: true, dbcvMaxPoints: 3000, resamples: 10, sampleShare: 0.8 });

export interface ClusteringEvaluation {
  readonly silhouette: number | null;
  readonly calinskiHarabasz: number | null;
  readonly daviesBouldin: number | null;
  readonly dbcv?: number | null;
  /** Share of rows labelled noise, and its complement. */
  readonly noiseRate: number;
  readonly coverage: number;
  readonly stability: { readonly mean: number | null; readonly perSegment: readonly (number | null)[] };
  readonly ari?: number;
  readonly nmi?: number;
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function evaluateClustering(x: Matrix, clustering: Clustering, options: EvaluateOptions): ClusteringEvaluation {
  const { labels } = clustering;
  if (labels.length !== x.rows) throw new PersonaError('shape_mismatch', `evaluateClustering: ${labels.length} labels for a ${x.rows}×${x.cols} matrix`);
  // Field by field, so an explicit undefined still means "default".
  const o = {
    rng: options.rng,
    refit: options.refit,
    truth: options.truth,
    silhouetteSampleSize: options.silhouetteSampleSize ?? evaluateDefaults.silhouetteSampleSize,
    dbcv: options.dbcv ?? evaluateDefaults.dbcv,
    dbcvMaxPoints: options.dbcvMaxPoints ?? evaluateDefaults.dbcvMaxPoints,
    resamples: options.resamples ?? evaluateDefaults.resamples,
    sampleShare: options.sampleShare ?? evaluateDefaults.sampleShare,
  };
  let noise = 0;
  for (const l of labels) if (l < 0) noise++;
  const noiseRate = labels.length ? noise / labels.length : 0;
  const stability = bootstrapStability(x, o.refit, options.stabilityLabels ?? labels, { rng: o.rng.fork('stability'), resamples: o.resamples, sampleShare: o.sampleShare, ...(options.stabilityMaxRows ? { maxRows: options.stabilityMaxRows } : {}) });
  const out: ClusteringEvaluation = {
    silhouette: orNull(silhouette(x, labels, { sampleSize: o.silhouetteSampleSize, rng: o.rng.fork('silhouette') })),
    calinskiHarabasz: orNull(calinskiHarabasz(x, labels)),
    daviesBouldin: orNull(daviesBouldin(x, labels)),
    ...(o.dbcv ? { dbcv: orNull(dbcv(x, labels, { maxPoints: o.dbcvMaxPoints, rng: o.rng.fork('dbcv') })) } : {}),
    noiseRate,
    coverage: 1 - noiseRate,
    stability: { mean: orNull(stability.mean), perSegment: stability.perSegment.map(orNull) },
  };
  if (!o.truth) return out;
  if (o.truth.length !== x.rows) throw new PersonaError('shape_mismatch', `evaluateClustering: ${o.truth.length} truth labels for a ${x.rows}×${x.cols} matrix`);
  const keep: number[] = [];
  for (let i = 0; i < x.rows; i++) if ((o.truth[i] as number) >= 0) keep.push(i);
  const truth = o.truth;
  const t = keep.map((i) => truth[i] as number);
  const p = keep.map((i) => labels[i] as number);
  return { ...out, ari: adjustedRandIndex(t, p), nmi: normalizedMutualInfo(t, p) };
}
