/**
 * Picking the algorithm and the number of segments when the user does not. Candidates:
 *  - k-means for every k in the k range;
 *  - HDBSCAN at minimum cluster sizes of 2%, 5% and 10% of the rows (at least 10; the user's
 *    minClusterSize alone when given), when the shape suits density estimates: n ≥ 200 (below, a core
 *    distance over ~15 neighbours is too noisy), at most 64 dimensions (distances concentrate above:
 *    reduce first), and not above 60,000 rows in more than 16 dimensions (Prim's O(n²) MST, minutes).
 * Each candidate's delivered partition (noise reassigned to the nearest segment, as the run delivers it)
 * is scored and one is picked by the rule in select-partition.ts: usable sizes and noise, stable under
 * resampling, then the best silhouette, preferring fewer segments when silhouettes are close.
 * Stability here is cheap on purpose: a seeded subsample of at most `stabilityRows` rows and a few
 * resamples. Every candidate and its scores are reported, so the choice can be checked.
 *
 * Above `searchRows` rows (20,000, the size up to which segmentation fits on everyone) the search runs
 * on a seeded stratified sample of `searchRows` rows, so its cost stops growing with the data (HDBSCAN
 * candidates with minClusterSize at 2–10% of a 100,000-row input need 2,000–10,000 neighbours per row).
 * The chosen candidate then covers every row: k-means is refitted on all of them with the chosen k;
 * HDBSCAN keeps the sample's clustering and places every other row with its nearest exemplar (see
 * auto-extend.ts). At or below `searchRows` nothing changes. The reported minClusterSize is scaled back
 * to the whole input, so a refit of the chosen candidate means the same share of the rows.
 */
import type { Matrix } from '../../lib/matrix.ts';
import { sampleIndices, type Rng } from '../../lib/rng.ts';
import { silhouette } from '../evaluate/metrics.ts';
import { stratifiedSample } from '../segment/stratified-sample.ts';
import { bootstrapStability } from '../evaluate/stability.ts';
import type { Clusterer, Clustering } from '../types.ts';
import { extendSampledFit } from './auto-extend.ts';
import { countNoise, requireInt, requireNumber } from './clustering.ts';
import { BORUVKA_MAX_DIMS, createHdbscan, fitHdbscan, type HdbscanOptions } from './hdbscan.ts';
import { createKMeans, fitKMeans, kMeansDefaults, type KMeansOptions } from './kmeans.ts';
import { reassignNoise } from './reassign-noise.ts';
import { selectionDefaults, selectPartition, type CandidateSummary, type SelectionOptions } from './select-partition.ts';

export type AutoAlgorithm = 'hdbscan' | 'kmeans';

export type AutoOptions = SelectionOptions & {
  readonly minRowsForDensity?: number;
  readonly maxRowsForDensity?: number;
  readonly maxDimsForDensity?: number;
  /** HDBSCAN minimum cluster sizes tried, as shares of the rows (ignored when hdbscan.minClusterSize is set). */
  readonly minClusterShares?: readonly number[];
  /** Rows drawn for the selection's stability check, and resamples of them. */
  readonly stabilityRows?: number;
  readonly stabilityResamples?: number;
  /** Rows scored by each candidate's silhouette. */
  readonly silhouetteSampleSize?: number;
  /** Above this many rows the candidate search runs on a stratified sample of this many rows. */
  readonly searchRows?: number;
  readonly hdbscan?: HdbscanOptions;
  readonly kmeans?: KMeansOptions;
};

export const autoDefaults = Object.freeze({
  minRowsForDensity: 200,
  maxRowsForDensity: 60_000,
  maxDimsForDensity: 64,
  minClusterShares: Object.freeze([0.02, 0.05, 0.1]),
  minClusterFloor: 10,
  stabilityRows: 1000,
  stabilityResamples: 5,
  silhouetteSampleSize: 2000,
  searchRows: 20_000,
});

/** A candidate's settings: enough to refit it exactly (the evaluate stage's stability uses this). */
export type CandidateConfig = { readonly algorithm: 'kmeans'; readonly k: number } | { readonly algorithm: 'hdbscan'; readonly minClusterSize: number };

export function densityAllowed(n: number, dims: number, options: AutoOptions = {}): { allowed: boolean; reason: string } {
  const minRows = options.minRowsForDensity ?? autoDefaults.minRowsForDensity;
  const maxRows = options.maxRowsForDensity ?? autoDefaults.maxRowsForDensity;
  const maxDims = options.maxDimsForDensity ?? autoDefaults.maxDimsForDensity;
  if (n < minRows) return { allowed: false, reason: `${n} rows is below ${minRows}: too few for reliable density estimates` };
  if (n > maxRows && dims > BORUVKA_MAX_DIMS) {
    return { allowed: false, reason: `${n} rows is above ${maxRows} in ${dims} dimensions: exact HDBSCAN is O(n²) time above ${BORUVKA_MAX_DIMS} dimensions` };
  }
  if (dims > maxDims) return { allowed: false, reason: `${dims} dimensions is above ${maxDims}: distances concentrate, reduce dimensions first` };
  return { allowed: true, reason: `${n} rows × ${dims} dimensions suits density-based clustering` };
}

export function candidateConfigs(n: number, dims: number, options: AutoOptions = {}): CandidateConfig[] {
  const range = options.kmeans?.kRange ?? kMeansDefaults.kRange;
  const fixedK = options.kmeans?.k;
  const lo = requireInt('auto', 'kRange[0]', fixedK ?? range[0], 1);
  const maxSegments = requireInt('auto', 'maxSegments', options.maxSegments ?? selectionDefaults.maxSegments, 2);
  const hi = Math.min(requireInt('auto', 'kRange[1]', fixedK ?? range[1], lo), maxSegments, n - 1);
  const out: CandidateConfig[] = [];
  for (let k = lo; k <= hi; k++) out.push({ algorithm: 'kmeans', k });
  // Too few rows for the range: k-means at the lower bound refuses with a message naming the shape.
  if (!out.length) out.push({ algorithm: 'kmeans', k: lo });
  if (!densityAllowed(n, dims, options).allowed) return out;
  const given = options.hdbscan?.minClusterSize;
  const shares = options.minClusterShares ?? autoDefaults.minClusterShares;
  const sizes = given !== undefined ? [given] : shares.map((s) => Math.max(autoDefaults.minClusterFloor, Math.round(requireNumber('auto', 'minClusterShares', s, 0, 1) * n)));
  for (const m of [...new Set(sizes)].filter((m) => m < n)) out.push({ algorithm: 'hdbscan', minClusterSize: m });
  return out;
}

const idOf = (c: CandidateConfig) => (c.algorithm === 'kmeans' ? `k-means k=${c.k}` : `HDBSCAN minClusterSize=${c.minClusterSize}`);

/** The clusterer that refits one candidate as it was fitted (raw labels: noise stays −1). */
export function candidateClusterer(config: CandidateConfig, options: AutoOptions = {}): Clusterer {
  switch (config.algorithm) {
    case 'kmeans': {
      const { kRange: _range, ...kmeans } = options.kmeans ?? {};
      return createKMeans({ ...kmeans, k: config.k });
    }
    case 'hdbscan':
      return createHdbscan({ ...options.hdbscan, minClusterSize: config.minClusterSize });
    default: {
      const never: never = config;
      throw new Error(`unknown candidate ${JSON.stringify(never)}`);
    }
  }
}

/** The partition users get: noise joins the nearest segment. */
export function delivered(x: Matrix, c: Clustering): Int32Array {
  return c.clusterCount > 0 && c.labels.some((l) => l < 0) ? reassignNoise(x, c).labels : c.labels;
}

export function fitAuto(x: Matrix, rng: Rng, options: AutoOptions = {}): Clustering {
  const searchRows = requireInt('auto', 'searchRows', options.searchRows ?? autoDefaults.searchRows, 100);
  if (x.rows <= searchRows) return searchCandidates(x, rng, options);
  const started = performance.now();
  const pick = stratifiedSample(x, searchRows, rng.fork('search rows'));
  const sub = rowsOf(x, pick);
  const searched = searchCandidates(sub, rng, options);
  const config = (searched.report.params.auto as { config: CandidateConfig }).config;
  const scaled: CandidateConfig = config.algorithm === 'hdbscan' ? { ...config, minClusterSize: Math.round((config.minClusterSize * x.rows) / sub.rows) } : config;
  const extended = extendSampledFit(x, sub, pick, searched, config.algorithm === 'kmeans' ? () => candidateClusterer(config, options).fit(x, rng.fork(`fit ${idOf(config)}`)) : null);
  const auto = searched.report.params.auto as Record<string, unknown>;
  return {
    ...extended,
    report: {
      ...extended.report,
      ms: Math.round((performance.now() - started) * 10) / 10,
      rowsIn: x.rows,
      params: { ...extended.report.params, auto: { ...auto, config: scaled, searchedOn: { rows: sub.rows, of: x.rows, sample: 'stratified', searchRows } } },
      notes: [
        `auto: the candidate search ran on a stratified sample of ${sub.rows} of ${x.rows} rows; ${config.algorithm === 'kmeans' ? `k-means k=${config.k} was refitted on all rows` : 'the other rows joined the segment of their nearest exemplar'}`,
        ...(extended.report.notes ?? []),
      ],
    },
  };
}

function searchCandidates(x: Matrix, rng: Rng, options: AutoOptions): Clustering {
  const started = performance.now();
  const n = x.rows;
  const stabilityRows = requireInt('auto', 'stabilityRows', options.stabilityRows ?? autoDefaults.stabilityRows, 10);
  const resamples = requireInt('auto', 'stabilityResamples', options.stabilityResamples ?? autoDefaults.stabilityResamples, 1);
  const silhouetteRows = requireInt('auto', 'silhouetteSampleSize', options.silhouetteSampleSize ?? autoDefaults.silhouetteSampleSize, 2);
  const configs = candidateConfigs(n, x.cols, options);
  const fits = configs.map((config) => {
    const fit = candidateClusterer(config, options).fit(x, rng.fork(`fit ${idOf(config)}`));
    return { config, fit, labels: delivered(x, fit) };
  });
  const summaries: CandidateSummary[] = fits.map(({ config, fit, labels }) => {
    const sizes = new Map<number, number>();
    for (const l of labels) if (l >= 0) sizes.set(l, (sizes.get(l) ?? 0) + 1);
    return {
      id: idOf(config),
      segments: sizes.size,
      shares: [...sizes.values()].map((s) => s / n),
      noiseRate: countNoise(fit.labels) / n,
      // The same fork for every candidate: all are scored on the same rows.
      silhouette: sizes.size >= 2 ? silhouette(x, labels, { sampleSize: silhouetteRows, rng: rng.fork('silhouette') }) : Number.NaN,
    };
  });
  const pick = sampleIndices(n, Math.min(n, stabilityRows), rng.fork('stability rows'));
  const sub = rowsOf(x, pick);
  const selection = selectPartition(
    summaries,
    (i) => {
      const { config, labels } = fits[i]!;
      // A density setting is a share of the rows: scale it to the subsample.
      const scaled: CandidateConfig = config.algorithm === 'hdbscan' ? { ...config, minClusterSize: Math.max(2, Math.round((config.minClusterSize * sub.rows) / n)) } : config;
      const refit = candidateClusterer(scaled, options);
      const s = bootstrapStability(sub, (m, r) => ({ labels: delivered(m, refit.fit(m, r)) }), Int32Array.from(pick, (row) => labels[row] as number), {
        rng: rng.fork(`stability ${idOf(config)}`),
        resamples,
        sampleShare: 0.8,
      });
      const perSegment = s.perSegment.filter((v) => !Number.isNaN(v));
      return { perSegment, mean: s.mean };
    },
    options,
  );
  const chosen = fits[selection.chosen]!;
  const density = densityAllowed(n, x.cols, options);
  const notes = [`auto: ${selection.reason}`, ...(density.allowed ? [] : [`auto: HDBSCAN not tried: ${density.reason}`])];
  return {
    ...chosen.fit,
    report: {
      ...chosen.fit.report,
      // The whole search, not only the chosen fit.
      ms: Math.round((performance.now() - started) * 10) / 10,
      params: {
        ...chosen.fit.report.params,
        auto: { chosen: chosen.config.algorithm, config: chosen.config, tier: selection.tier, reason: selection.reason, stabilityRows: sub.rows, stabilityResamples: resamples, candidates: selection.candidates },
      },
      notes: [...notes, ...(chosen.fit.report.notes ?? [])],
    },
  };
}

function rowsOf(x: Matrix, pick: Uint32Array): Matrix {
  const d = x.cols;
  const data = new Float64Array(pick.length * d);
  pick.forEach((row, i) => data.set(x.data.subarray(row * d, (row + 1) * d), i * d));
  return { rows: pick.length, cols: d, data };
}

/** The chosen candidate of an auto fit, as a clusterer that refits it (for stability checks). */
export function chosenClusterer(report: Clustering['report'], options: AutoOptions = {}): Clusterer | null {
  const config = (report.params.auto as { config?: CandidateConfig } | undefined)?.config;
  return config ? candidateClusterer(config, options) : null;
}

export function createAutoClusterer(options: AutoOptions = {}): Clusterer {
  const stored: AutoOptions = Object.freeze({ ...options });
  return { name: 'auto', options: stored, fit: (x: Matrix, rng: Rng) => fitAuto(x, rng, stored) };
}
