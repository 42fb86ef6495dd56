/**
 * Full coverage for reports that need every customer in a segment: each noise point joins the segment
 * with the nearest centroid (in the space that was clustered), with a deliberately low membership
 * probability so downstream code can still tell core members from adopted outliers.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Clustering } from '../types.ts';
import { distanceToCentre, segmentCentroids } from './centroids.ts';
import { checkInput, countNoise, orderLabelsBySize } from './clustering.ts';

/** A reassigned point's probability is at most this (on the centroid), so it ranks below core members. */
export const REASSIGNED_MAX_PROBABILITY = 0.5;

export type ReassignedClustering = Clustering & {
  /** Noise share before reassignment (the honest figure for the clustering itself). */
  readonly originalNoiseRate: number;
  readonly reassigned: number;
};

/**
 * p = 0.5 · r / (r + dist), with r the segment's RMS radius (root mean squared member distance to the
 * centroid) and dist the point's distance to that centroid: 0.25 at one radius, falling towards 0.
 * Segment ids are renumbered by the new sizes (descending) so the label contract still holds.
 */
export function reassignNoise(x: Matrix, clustering: Clustering): ReassignedClustering {
  const started = performance.now();
  checkInput(x, 'reassignNoise', 1);
  const n = x.rows;
  const d = x.cols;
  if (clustering.labels.length !== n || clustering.probabilities.length !== n) {
    throw new PersonaError('shape_mismatch', `reassignNoise: ${clustering.labels.length} labels for a ${n}×${d} matrix`);
  }
  const noise = countNoise(clustering.labels);
  const originalNoiseRate = n ? noise / n : 0;
  const k = clustering.clusterCount;
  if (noise === 0 || k === 0) {
    const note = k === 0 && noise > 0 ? 'no segment to reassign noise to: every point stays noise' : 'no noise to reassign';
    return { ...clustering, originalNoiseRate, reassigned: 0, report: { ...clustering.report, notes: [...(clustering.report.notes ?? []), note] } };
  }
  const { centres, sizes } = segmentCentroids(x.data, d, clustering.labels, k);
  const radius = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const l = clustering.labels[i] as number;
    if (l >= 0) radius[l] = (radius[l] as number) + distanceToCentre(x.data, i, centres, l, d) ** 2;
  }
  for (let l = 0; l < k; l++) radius[l] = Math.sqrt((radius[l] as number) / Math.max(1, sizes[l] as number));

  const raw = Int32Array.from(clustering.labels);
  const probabilities = Float64Array.from(clustering.probabilities);
  for (let i = 0; i < n; i++) {
    if ((raw[i] as number) >= 0) continue;
    let best = 0;
    let bestDist = Infinity;
    for (let l = 0; l < k; l++) {
      const v = distanceToCentre(x.data, i, centres, l, d);
      if (v < bestDist) {
        bestDist = v;
        best = l;
      }
    }
    raw[i] = best;
    const r = radius[best] as number;
    probabilities[i] = r + bestDist > 0 ? (REASSIGNED_MAX_PROBABILITY * r) / (r + bestDist) : REASSIGNED_MAX_PROBABILITY;
  }
  const { labels, clusterCount } = orderLabelsBySize(raw);
  const report = clustering.report;
  return {
    ...clustering,
    labels,
    probabilities,
    clusterCount,
    originalNoiseRate,
    reassigned: noise,
    report: {
      ...report,
      ms: report.ms + Math.round((performance.now() - started) * 10) / 10,
      params: { ...report.params, reassignNoise: true },
      counts: { ...report.counts, noise: 0, reassignedNoise: noise },
      notes: [...(report.notes ?? []), `${noise} noise points (${(originalNoiseRate * 100).toFixed(1)}%) joined the nearest segment centroid with probability ≤ ${REASSIGNED_MAX_PROBABILITY}`],
    },
  };
}
