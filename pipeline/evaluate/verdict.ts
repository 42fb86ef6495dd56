/**
 * Whether a segmentation found segments worth presenting as personas. Uses the clusterwise bootstrap
 * Jaccard cut-offs of Hennig (2007, "Cluster-wise assessment of cluster stability"): a cluster whose
 * mean Jaccard under resampling is 0.5 or less has "dissolved", and below 0.6 it shows no stable pattern.
 * A run is reliable when it has at least two segments and most customers sit in stable segments.
 */
export interface VerdictInput {
  readonly clusters: number;
  /** Bootstrap Jaccard per segment (empty when stability was not measured). */
  readonly stability: readonly number[];
  /** Customers per segment, same order. */
  readonly sizes: readonly number[];
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
  if (!input.stability.length) return { reliable: true, reasons: [], unstableSegments: [] };
  const unstable = input.stability.flatMap((j, i) => (j < verdictDefaults.stableJaccard ? [i] : []));
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
