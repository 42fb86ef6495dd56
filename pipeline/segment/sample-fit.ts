/**
 * Reduction and clustering, sized to the data. Up to `sampleFitAbove` customers (default 20,000) both
 * are fitted on everyone, as before. Above it, they are fitted on a seeded stratified sample of
 * `sampleSize` customers (default 10,000), and every other customer is placed by the fitted models:
 * projected by the PCA fit (or the UMAP transform) and assigned by the clustering's model — the
 * nearest exemplar for HDBSCAN, the nearest centroid for k-means and Ward. Cost then grows linearly
 * with the customers beyond the sample. The evaluate stage scores the sample, where the model was fitted.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import { centroidModel, exemplarModel, predict, type ClusterModel } from '../cluster/predict.ts';
import { fitPca, pcaTransform } from '../reduce/pca.ts';
import { fitUmapModel } from '../reduce/umap.ts';
import type { FittedReducer, StageReport } from '../types.ts';
import { clusterStage, type ClusterStageResult } from './cluster-stage.ts';
import type { ResolvedSegmentOptions } from './options.ts';
import { reduceStage, reducerChoice } from './reduce-stage.ts';
import { stratifiedSample } from './stratified-sample.ts';

export const sampleFitDefaults = Object.freeze({ sampleFitAbove: 20_000, sampleSize: 10_000 });

export interface ReduceClusterResult {
  /** Every customer in the clustering space. */
  readonly embedding: Matrix;
  /** Every customer's segment. */
  readonly clustered: ClusterStageResult;
  /** What the evaluate stage scores: the fitted rows (the sample, when there is one). */
  readonly fitted: {
    readonly embedding: Matrix;
    readonly clustered: ClusterStageResult;
    /** Per-customer values (e.g. known classes) cut down to the fitted rows. */
    labelsOf<T>(all: readonly T[] | undefined): T[] | undefined;
  };
  readonly reports: StageReport[];
  /** The fitted reducer and cluster model, kept with the run to place customers it never saw. */
  readonly model: { readonly reducer: FittedReducer; readonly cluster: ClusterModel };
}

export async function reduceAndCluster(x: Matrix, o: ResolvedSegmentOptions, rng: Rng): Promise<ReduceClusterResult> {
  const above = o.sampleFitAbove ?? sampleFitDefaults.sampleFitAbove;
  const size = o.sampleSize ?? sampleFitDefaults.sampleSize;
  checkSettings({ sampleFitAbove: above, sampleSize: size });
  if (x.rows <= above || size >= x.rows) {
    const reduced = await reduceStage(x, o, rng.fork('reduce'));
    const clustered = clusterStage(reduced.embedding, o, rng.fork('cluster'));
    return {
      model: { reducer: reduced.fitted ?? { kind: 'none', cols: x.cols }, cluster: storedClusterModel(reduced.embedding, clustered) },
      embedding: reduced.embedding,
      clustered,
      fitted: { embedding: reduced.embedding, clustered, labelsOf: (all) => (all ? [...all] : undefined) },
      reports: [{ ...reduced.report, stage: 'reduce', params: { method: reduced.report.stage, ...reduced.report.params } }, ...clustered.reports],
    };
  }
  const started = performance.now();
  const pick = stratifiedSample(x, size, rng.fork('sample'));
  const sample = rows(x, pick);
  const sampleReport: StageReport = {
    stage: 'sample',
    ms: Math.round(performance.now() - started),
    rowsIn: x.rows,
    rowsOut: pick.length,
    params: { sampleFitAbove: above, sampleSize: size, strata: 'k-means cells of a pilot sample' },
  };
  const { embedding, fittedEmbedding, report, reducer } = await reduceWithModel(x, sample, pick, o, rng.fork('reduce'));
  const clustered = clusterStage(fittedEmbedding, o, rng.fork('cluster'));
  const model = clusterModel(fittedEmbedding, clustered);
  const placed = predict(model, embedding);
  const n = x.rows;
  const labels = placed.labels;
  const probabilities = placed.probabilities;
  const wasNoise = new Uint8Array(n);
  pick.forEach((row, j) => {
    labels[row] = clustered.labels[j] as number;
    probabilities[row] = clustered.probabilities[j] as number;
    wasNoise[row] = clustered.wasNoise[j] as number;
  });
  const rawLabels = Int32Array.from(labels, (l, i) => (wasNoise[i] ? -1 : l));
  const full: ClusterStageResult = { ...clustered, labels, probabilities, wasNoise, rawLabels };
  const assignReport: StageReport = {
    stage: 'assign',
    ms: 0,
    rowsIn: n - pick.length,
    rowsOut: n - pick.length,
    params: { model: model.kind === 'exemplars' ? 'nearest exemplar' : 'nearest centroid' },
  };
  return { model: { reducer, cluster: model }, embedding, clustered: full, fitted: { embedding: fittedEmbedding, clustered, labelsOf: (all) => (all ? Array.from(pick, (r) => all[r] as (typeof all)[number]) : undefined) }, reports: [sampleReport, report, ...clustered.reports, assignReport] };
}

/**
 * The model stored with a run fitted on everyone: k-means keeps its centroids; HDBSCAN and Ward keep
 * every customer as an exemplar of its final segment (reassigned noise included), so a customer the
 * run saw is placed back in its own segment.
 */
function storedClusterModel(x: Matrix, c: ClusterStageResult): ClusterModel {
  return c.algorithm === 'kmeans' ? centroidModel(x, c.labels, c.clusterCount) : exemplarModel(x, c.labels, c.probabilities);
}

function clusterModel(x: Matrix, c: ClusterStageResult): ClusterModel {
  if (c.algorithm === 'hdbscan') {
    // Exemplars are the members HDBSCAN itself put in a segment, not the reassigned noise.
    const labels = Int32Array.from(c.labels, (l, i) => (c.wasNoise[i] ? -1 : l));
    return exemplarModel(x, labels, c.probabilities);
  }
  return centroidModel(x, c.labels, c.clusterCount);
}

async function reduceWithModel(
  x: Matrix,
  sample: Matrix,
  pick: Uint32Array,
  o: ResolvedSegmentOptions,
  rng: Rng,
): Promise<{ embedding: Matrix; fittedEmbedding: Matrix; report: StageReport; reducer: FittedReducer }> {
  const started = performance.now();
  const choice = reducerChoice(x, o);
  const target = Math.min(o.reduceTo, x.cols);
  const report = (method: string, params: Record<string, unknown>): StageReport => ({
    stage: 'reduce',
    ms: Math.round(performance.now() - started),
    rowsIn: x.rows,
    rowsOut: x.rows,
    params: { method, fittedOn: pick.length, ...params },
  });
  switch (choice) {
    case 'none':
      return { embedding: x, fittedEmbedding: sample, report: report('none', { dims: x.cols }), reducer: { kind: 'none', cols: x.cols } };
    case 'pca': {
      const fit = fitPca(sample, target, rng.fork('pca'));
      const embedding = pcaTransform(x, fit.mean, fit.components);
      const reducer: FittedReducer = { kind: 'pca', mean: fit.mean, components: fit.components };
      return { embedding, fittedEmbedding: rows(embedding, pick), report: report('pca', { components: target, transform: 'projection' }), reducer };
    }
    case 'umap': {
      const fit = await fitUmapModel(sample, rng, { components: target, nNeighbors: 15, minDist: 0 });
      const fitted = fit.reduction.embedding;
      const rest = complement(x.rows, pick);
      const placed = fit.transform ? fit.transform(rows(x, rest)) : null;
      if (!placed) throw new PersonaError('internal', 'umap transform is unavailable for this fit');
      const k = fitted.cols;
      const data = new Float64Array(x.rows * k);
      pick.forEach((row, j) => data.set(fitted.data.subarray(j * k, (j + 1) * k), row * k));
      rest.forEach((row, j) => data.set(placed.data.subarray(j * k, (j + 1) * k), row * k));
      const reducer = fit.reduction.fitted ?? { kind: 'none', cols: x.cols };
      return { embedding: { rows: x.rows, cols: k, data }, fittedEmbedding: fitted, report: report('umap', { components: k, transform: 'umap transform' }), reducer };
    }
    default: {
      const never: never = choice;
      throw new Error(`unknown reducer ${String(never)}`);
    }
  }
}

function checkSettings(s: { sampleFitAbove: number; sampleSize: number }): void {
  if (!Number.isInteger(s.sampleFitAbove) || s.sampleFitAbove < 1) throw new PersonaError('bad_option', `sampleFitAbove must be a positive integer, got ${s.sampleFitAbove}`);
  if (!Number.isInteger(s.sampleSize) || s.sampleSize < 2) throw new PersonaError('bad_option', `sampleSize must be an integer ≥ 2, got ${s.sampleSize}`);
}

function rows(x: Matrix, pick: ArrayLike<number>): Matrix {
  const d = x.cols;
  const data = new Float64Array(pick.length * d);
  for (let j = 0; j < pick.length; j++) {
    const r = pick[j] as number;
    for (let t = 0; t < d; t++) data[j * d + t] = x.data[r * d + t] as number;
  }
  return { rows: pick.length, cols: d, data };
}

function complement(n: number, pick: Uint32Array): Uint32Array {
  const out = new Uint32Array(n - pick.length);
  let w = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    if (p < pick.length && pick[p] === i) p++;
    else out[w++] = i;
  }
  return out;
}
