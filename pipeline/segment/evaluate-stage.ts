/**
 * Scores the segmentation in its clustering space. Two partitions, each named with the share of customers
 * it covers: the delivered segments (after noise reassignment, every customer: what users see) and, when
 * the clusterer left noise, the density clusters (noise excluded, as the algorithm saw them). The
 * top-level silhouette, Calinski-Harabasz, Davies-Bouldin, ARI/NMI and bootstrap stability are the
 * delivered segments' (each refit has its noise reassigned like the run); DBCV describes the clusterer's
 * own fit. The separation test asks whether the segments beat one Gaussian cloud of the data's shape.
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';
import { evaluateClustering, evaluateDefaults } from '../evaluate/evaluate.ts';
import { stabilityDrawSize } from '../evaluate/stability.ts';
import { refitSpec, stabilityCostDefaults, stabilityRefit } from './stability-refits.ts';
import { calinskiHarabasz, daviesBouldin, silhouette } from '../evaluate/metrics.ts';
import { adjustedRandIndex, normalizedMutualInfo } from '../evaluate/partition-agreement.ts';
import { nullStructureTest, type NullStructureResult } from '../evaluate/null-structure.ts';
import { segmentationVerdict, type Verdict } from '../evaluate/verdict.ts';
import { delivered } from '../cluster/auto.ts';
import type { StageReport } from '../types.ts';
import type { ClusterStageResult } from './cluster-stage.ts';
import type { ResolvedSegmentOptions } from './options.ts';

export interface PartitionMetrics {
  readonly name: 'delivered segments' | 'density clusters (noise excluded)';
  /** Share of customers the partition assigns to a cluster. */
  readonly coverage: number;
  readonly clusters: number;
  readonly silhouette: number | null;
  readonly calinskiHarabasz: number | null;
  readonly daviesBouldin: number | null;
  readonly ari: number | null;
  readonly nmi: number | null;
}

export interface RunMetrics {
  readonly clusters: number;
  readonly silhouette: number | null;
  readonly calinskiHarabasz: number | null;
  readonly daviesBouldin: number | null;
  readonly dbcv: number | null;
  /** Share the clusterer called noise before reassignment. */
  readonly noiseRate: number;
  /** Share of customers with a segment after reassignment (1.0). */
  readonly coverage: number;
  readonly stability: { readonly mean: number | null; readonly perSegment: readonly number[] };
  readonly ari: number | null;
  readonly nmi: number | null;
  /** The delivered segments, then the density clusters when the clusterer left noise. */
  readonly partitions: readonly PartitionMetrics[];
  /** Delivered segments against one Gaussian cloud of the data's shape (null when not measurable). */
  readonly separation: NullStructureResult | null;
  /** Whether the segments are reliable enough to present as personas, and why not. */
  readonly verdict: Verdict;
}

export async function evaluateStage(
  x: Matrix,
  c: ClusterStageResult,
  o: ResolvedSegmentOptions,
  rng: Rng,
  truthLabels?: readonly (string | null)[],
): Promise<{ metrics: RunMetrics; report: StageReport }> {
  const started = performance.now();
  const truth = truthLabels ? encode(truthLabels) : undefined;
  const stabilityMaxRows = o.stabilityMaxRows ?? stabilityCostDefaults.stabilityMaxRows;
  const refit = await stabilityRefit(x, refitSpec(c.clusterer), o.stabilityResamples, rng, stabilityMaxRows);
  const raw = { labels: c.rawLabels, probabilities: c.probabilities, clusterCount: c.clusterCount, report: c.reports[0] as StageReport };
  const evaluation = evaluateClustering(x, raw, {
    rng,
    // Stability of what users get: each refit has its noise reassigned like the run's.
    refit,
    stabilityLabels: c.labels,
    ...(truth ? { truth } : {}),
    resamples: o.stabilityResamples,
    stabilityMaxRows,
    dbcv: c.algorithm === 'hdbscan',
  });
  const perSegment = evaluation.stability.perSegment.map((v) => v ?? 0);
  let covered = 0;
  const sizes = new Array<number>(c.clusterCount).fill(0);
  for (const l of c.labels) {
    if (l < 0) continue;
    covered++;
    sizes[l]!++;
  }
  const hasNoise = c.rawLabels.some((l) => l < 0);
  const deliveredMetrics = hasNoise ? partitionMetrics('delivered segments', x, c.labels, truth, rng.fork('delivered')) : null;
  const density: PartitionMetrics = {
    name: hasNoise ? 'density clusters (noise excluded)' : 'delivered segments',
    coverage: 1 - (hasNoise ? c.rawLabels.filter((l) => l < 0).length / c.rawLabels.length : 0),
    clusters: c.clusterCount,
    silhouette: evaluation.silhouette,
    calinskiHarabasz: evaluation.calinskiHarabasz,
    daviesBouldin: evaluation.daviesBouldin,
    ari: evaluation.ari ?? null,
    nmi: evaluation.nmi ?? null,
  };
  const shown = deliveredMetrics ?? density;
  const separation = nullStructureTest(x, c.labels, rng.fork('separation'));
  const metrics: RunMetrics = {
    clusters: c.clusterCount,
    silhouette: shown.silhouette,
    calinskiHarabasz: shown.calinskiHarabasz,
    daviesBouldin: shown.daviesBouldin,
    dbcv: evaluation.dbcv ?? null,
    noiseRate: c.originalNoiseRate,
    coverage: covered / c.labels.length,
    stability: { mean: evaluation.stability.mean, perSegment },
    ari: shown.ari,
    nmi: shown.nmi,
    partitions: deliveredMetrics ? [deliveredMetrics, density] : [density],
    separation,
    verdict: segmentationVerdict({ clusters: c.clusterCount, stability: evaluation.stability.mean === null ? [] : perSegment, sizes, separation }),
  };
  return {
    metrics,
    report: {
      stage: 'evaluate',
      ms: Math.round(performance.now() - started),
      rowsIn: x.rows,
      rowsOut: c.clusterCount,
      params: { resamples: o.stabilityResamples, stabilityRowsPerRefit: stabilityDrawSize(x.rows, evaluateDefaults.sampleShare, stabilityMaxRows), labels: o.labelsColumn ?? null },
    },
  };
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function partitionMetrics(name: PartitionMetrics['name'], x: Matrix, labels: Int32Array, truth: Int32Array | undefined, rng: Rng): PartitionMetrics {
  let covered = 0;
  const ids = new Set<number>();
  for (const l of labels) if (l >= 0) (covered++, ids.add(l));
  let ari: number | null = null;
  let nmi: number | null = null;
  if (truth) {
    const t: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < labels.length; i++) if ((truth[i] as number) >= 0 && (labels[i] as number) >= 0) (t.push(truth[i] as number), p.push(labels[i] as number));
    ari = finite(adjustedRandIndex(t, p));
    nmi = finite(normalizedMutualInfo(t, p));
  }
  return {
    name,
    coverage: labels.length ? covered / labels.length : 0,
    clusters: ids.size,
    silhouette: finite(silhouette(x, labels, { rng: rng.fork('silhouette') })),
    calinskiHarabasz: finite(calinskiHarabasz(x, labels)),
    daviesBouldin: finite(daviesBouldin(x, labels)),
    ari,
    nmi,
  };
}

function encode(values: readonly (string | null)[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = ids.size));
    return id;
  });
}
