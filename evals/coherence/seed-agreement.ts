/**
 * Stability under another seed: the run is segmented again with a different seed; each segment is
 * matched to the other run's segment it overlaps most (Jaccard of members). A segment keeps its name
 * when the matched segment's persona has the same name (case and spacing ignored). Per-segment bootstrap
 * Jaccard comes from the run itself (the evaluate stage refits on resamples); this adds what resampling
 * cannot show: whether people would see the same personas on a second run.
 */
import { bestMatches, membersByCluster } from '../lib/partition.ts';

export interface LabelledRun {
  readonly customerIds: readonly string[];
  readonly labels: readonly number[];
  /** Persona (or segment) name per segment index. */
  readonly names: ReadonlyMap<number, string>;
}

export interface SeedAgreement {
  readonly perSegment: readonly { readonly segment: number; readonly match: number | null; readonly jaccard: number; readonly sameName: boolean }[];
  readonly meanJaccard: number | null;
  readonly sameNameShare: number | null;
}

const normaliseName = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

export function seedAgreement(first: LabelledRun, second: LabelledRun): SeedAgreement {
  const matches = bestMatches(membersByCluster(first.customerIds, first.labels), membersByCluster(second.customerIds, second.labels));
  const perSegment = [...matches.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([segment, m]) => {
      const a = first.names.get(segment);
      const b = m.match === null ? undefined : second.names.get(m.match);
      return { segment, match: m.match, jaccard: m.jaccard, sameName: a !== undefined && b !== undefined && normaliseName(a) === normaliseName(b) };
    });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  return {
    perSegment,
    meanJaccard: mean(perSegment.map((p) => p.jaccard)),
    sameNameShare: mean(perSegment.map((p) => (p.sameName ? 1 : 0))),
  };
}
