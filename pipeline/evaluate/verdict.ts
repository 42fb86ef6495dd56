/**
 * Whether a segmentation found segments worth presenting as personas. Uses the clusterwise bootstrap
 * Jaccard cut-offs of Hennig (2007, "Cluster-wise assessment of cluster stability"): a cluster whose
 * mean Jaccard under resampling is 0.5 or less has "dissolved", and below 0.6 it shows no stable pattern.
 * A run is reliable when it has at least two segments, most customers sit in stable segments, and the
 * segments are better separated than k-means cuts of a single Gaussian cloud of the data's shape (see
 * null-structure.ts): stable cuts of one cloud are still not segments.
 */
import type { NullStructureResult } from './null-structure.ts';

export interface VerdictInput {
  readonly clusters: number;
  /** Bootstrap Jaccard per segment (empty when stability was not measured). */
  readonly stability: readonly number[];
  /** Customers per segment, same order. */
  readonly sizes: readonly number[];
  /** The separation test, when measured. */
  readonly separation?: NullStructureResult | null;
}

export interface Verdict {
  readonly reliable: boolean;
  /** Why not (empty when reliable), in plain words. */
  readonly reasons: readonly string[];
  /** Segments below the stability cut-off. */
  readonly unstableSegments: readonly number[];
}

export const verdictDefaults = { stableJaccard: 0.6, stableCustomerShare: 0.5 } as const;

export function segmentationVerdict(input: VerdictInput): Verdict {
  if (input.clusters < 2) {
    return { reliable: false, reasons: [input.clusters === 0 ? 'the clusterer found no clusters' : 'the clusterer found a single cluster'], unstableSegments: [] };
  }
  const unstable = input.stability.flatMap((j, i) => (j < verdictDefaults.stableJaccard ? [i] : []));
  const sep = input.separation;
  if (sep && !sep.separated) {
    return {
      reliable: false,
      reasons: [
        `the segments are no better separated than cuts of one structureless cloud of the same shape ` +
          `(silhouette ${sep.silhouette.toFixed(3)} against ${sep.nullSilhouette.toFixed(3)}); the data shows no reliable segments`,
      ],
      unstableSegments: unstable,
    };
  }
  if (!input.stability.length) return { reliable: true, reasons: [], unstableSegments: [] };
  const total = input.sizes.reduce((s, n) => s + n, 0);
  const stableCustomers = input.sizes.reduce((s, n, i) => s + (unstable.includes(i) ? 0 : n), 0);
  const share = total ? stableCustomers / total : 0;
  if (share >= verdictDefaults.stableCustomerShare) return { reliable: true, reasons: [], unstableSegments: unstable };
  return {
    reliable: false,
    reasons: [
      `only ${(share * 100).toFixed(0)}% of customers are in segments that stay together under resampling ` +
        `(bootstrap Jaccard ≥ ${verdictDefaults.stableJaccard}); the data shows no reliable segments`,
    ],
    unstableSegments: unstable,
  };
}
