/**
 * Completes an automatic choice made on a sample of the rows to every row. k-means is refitted on all
 * rows (cheap, O(n·k) per iteration, and the centroids then come from everyone). HDBSCAN keeps the
 * sample's clustering, and every other row takes the segment, membership probability and outlier
 * score of its nearest exemplar — a sample row HDBSCAN put in a segment — found exactly with a
 * kd-tree; with no exemplar at all (everything noise) the other rows are noise too.
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { Clustering } from '../types.ts';
import { asFloat64, clusterReport, orderLabelsBySize } from './clustering.ts';
import { nearestInTree } from './kd-nearest.ts';
import { buildKdTree } from './kd-tree.ts';

/**
 * `sample` holds rows `pick` (ascending) of `x`; `fitted` is the chosen clustering of `sample`;
 * `refitAll` refits it on every row (k-means), or null to place the other rows by nearest exemplar.
 */
export function extendSampledFit(x: Matrix, sample: Matrix, pick: Uint32Array, fitted: Clustering, refitAll: (() => Clustering) | null): Clustering {
  if (refitAll) return refitAll();
  const started = performance.now();
  const n = x.rows;
  const d = x.cols;
  const data = asFloat64(x);
  const exemplars: number[] = [];
  fitted.labels.forEach((l, j) => l >= 0 && exemplars.push(j));
  const points = new Float64Array(exemplars.length * d);
  exemplars.forEach((j, e) => points.set(sample.data.subarray(j * d, (j + 1) * d), e * d));
  const tree = exemplars.length ? buildKdTree(points, exemplars.length, d) : null;
  const labels = new Int32Array(n).fill(-1);
  const probabilities = new Float64Array(n);
  const outlierScores = new Float64Array(n).fill(1);
  const sampled = new Uint8Array(n);
  pick.forEach((row, j) => {
    sampled[row] = 1;
    labels[row] = fitted.labels[j] as number;
    probabilities[row] = fitted.probabilities[j] as number;
    outlierScores[row] = fitted.outlierScores?.[j] ?? 0;
  });
  if (tree) {
    for (let i = 0; i < n; i++) {
      if (sampled[i]) continue;
      const j = exemplars[nearestInTree(tree, data, i * d).index] as number;
      labels[i] = fitted.labels[j] as number;
      probabilities[i] = fitted.probabilities[j] as number;
      outlierScores[i] = fitted.outlierScores?.[j] ?? 0;
    }
  }
  // Segment ids stay ordered by size, now over every row.
  const ordered = orderLabelsBySize(labels);
  const { clusters: _clusters, noise: _noise, ...counts } = fitted.report.counts ?? {};
  const report = clusterReport({
    started,
    rows: n,
    labels: ordered.labels,
    clusterCount: ordered.clusterCount,
    params: fitted.report.params,
    counts: { ...counts, placedByNearestExemplar: n - pick.length },
    ...(fitted.report.notes ? { notes: fitted.report.notes } : {}),
  });
  return { labels: ordered.labels, probabilities, outlierScores, clusterCount: ordered.clusterCount, report };
}
