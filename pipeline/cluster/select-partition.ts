/**
 * The rule `auto` uses to pick one partition among candidates (HDBSCAN at a few minimum sizes, k-means
 * over the k range), every criterion computed from the data on the partition users would get (noise
 * reassigned):
 *  1. usable: between 2 and maxSegments segments, none above maxLargestShare of customers, none below
 *     minSegmentShare, and at most maxNoiseRate of them called noise before reassignment;
 *  2. stable: every segment found again under resampling, bootstrap Jaccard ≥ minStability (Hennig 2007:
 *     below 0.6 a cluster shows no stable pattern);
 *  3. among the first non-empty tier of (usable and stable) → (usable) → (at least 2 segments), the best
 *     silhouette wins; a candidate within `closeSilhouette` of it with fewer segments wins instead (fewer
 *     personas are easier to use and the data does not prefer the finer cut), ties broken by higher mean
 *     stability, then lower noise, then the candidate order.
 * Stability is the expensive criterion, so it is measured lazily: only for usable candidates, best
 * silhouette first, and only for those that can still win.
 */

export interface CandidateSummary {
  /** e.g. "kmeans k=4", "hdbscan minClusterSize=12". */
  readonly id: string;
  readonly segments: number;
  /** Share of customers per delivered segment. */
  readonly shares: readonly number[];
  readonly noiseRate: number;
  /** Silhouette of the delivered partition; NaN when undefined. */
  readonly silhouette: number;
}

export interface StabilityScore {
  /** Bootstrap Jaccard per delivered segment. */
  readonly perSegment: readonly number[];
  readonly mean: number;
}

export type SelectionOptions = {
  readonly maxSegments?: number;
  readonly maxLargestShare?: number;
  readonly minSegmentShare?: number;
  readonly maxNoiseRate?: number;
  readonly minStability?: number;
  readonly closeSilhouette?: number;
};

export const selectionDefaults = Object.freeze({
  // About as many personas as a team can act on; more is a catalogue, not a segmentation.
  maxSegments: 8,
  // "About half": a planted half of the customers lands a point or two either side of 50%.
  maxLargestShare: 0.55,
  minSegmentShare: 0.02,
  maxNoiseRate: 0.6,
  minStability: 0.6,
  closeSilhouette: 0.02,
});

export type Tier = 'usable and stable' | 'usable' | 'any';

export interface CandidateVerdict {
  readonly id: string;
  readonly segments: number;
  readonly silhouette: number | null;
  readonly noiseRate: number;
  readonly largestShare: number;
  readonly smallestShare: number;
  /** Why it is not usable (empty when usable). */
  readonly unusable: readonly string[];
  /** null when not measured (it could not win). */
  readonly stability: { readonly mean: number; readonly min: number } | null;
  readonly stable: boolean | null;
}

export interface Selection {
  readonly chosen: number;
  readonly tier: Tier;
  readonly reason: string;
  readonly candidates: readonly CandidateVerdict[];
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export function selectPartition(
  candidates: readonly CandidateSummary[],
  measureStability: (index: number) => StabilityScore,
  options: SelectionOptions = {},
): Selection {
  const o: Required<SelectionOptions> = { ...selectionDefaults, ...definedOnly(options) };
  if (!candidates.length) throw new Error('selectPartition: no candidates');
  const unusable = candidates.map((c) => usability(c, o));
  const stability = new Map<number, StabilityScore>();
  const stableOf = (i: number): boolean => {
    let s = stability.get(i);
    if (!s) stability.set(i, (s = measureStability(i)));
    return s.perSegment.length > 0 && s.perSegment.every((j) => j >= o.minStability);
  };
  const sil = (i: number) => (Number.isFinite(candidates[i]!.silhouette) ? candidates[i]!.silhouette : -Infinity);
  const bySilhouette = (idx: number[]) => [...idx].sort((a, b) => sil(b) - sil(a) || a - b);
  const usable = candidates.flatMap((_, i) => (unusable[i]!.length === 0 ? [i] : []));

  let tier: Tier = 'usable and stable';
  let pool: number[] = [];
  // Best silhouette first; once a stable one is found only candidates close to it can still win.
  for (const i of bySilhouette(usable)) {
    if (pool.length && sil(i) < sil(pool[0]!) - o.closeSilhouette) break;
    if (stableOf(i)) pool.push(i);
  }
  if (!pool.length) {
    tier = 'usable';
    pool = usable;
  }
  if (!pool.length) {
    tier = 'any';
    pool = candidates.flatMap((c, i) => (c.segments >= 2 ? [i] : []));
  }
  if (!pool.length) pool = candidates.map((_, i) => i);
  const best = bySilhouette(pool)[0]!;
  const close = pool.filter((i) => sil(i) >= sil(best) - o.closeSilhouette);
  const meanStability = (i: number) => stability.get(i)?.mean ?? -Infinity;
  const chosen = [...close].sort(
    (a, b) =>
      candidates[a]!.segments - candidates[b]!.segments ||
      meanStability(b) - meanStability(a) ||
      candidates[a]!.noiseRate - candidates[b]!.noiseRate ||
      a - b,
  )[0]!;
  const c = candidates[chosen]!;
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'undefined');
  const reason =
    `${c.id}: ${tier === 'any' ? 'no candidate was usable, ' : tier === 'usable' ? 'no usable candidate was stable, ' : ''}` +
    `silhouette ${fmt(c.silhouette)}${chosen !== best ? ` (best ${fmt(candidates[best]!.silhouette)} by ${candidates[best]!.id}, within ${o.closeSilhouette}: fewer segments preferred)` : ''}` +
    (stability.has(chosen) ? `, bootstrap Jaccard mean ${fmt(stability.get(chosen)!.mean)}` : '');
  return {
    chosen,
    tier,
    reason,
    candidates: candidates.map((cand, i) => {
      const s = stability.get(i);
      return {
        id: cand.id,
        segments: cand.segments,
        silhouette: Number.isFinite(cand.silhouette) ? round(cand.silhouette) : null,
        noiseRate: round(cand.noiseRate),
        largestShare: round(cand.shares.length ? Math.max(...cand.shares) : 0),
        smallestShare: round(cand.shares.length ? Math.min(...cand.shares) : 0),
        unusable: unusable[i]!,
        stability: s ? { mean: round(s.mean), min: round(Math.min(...s.perSegment)) } : null,
        stable: s ? s.perSegment.every((j) => j >= o.minStability) : null,
      };
    }),
  };
}

function usability(c: CandidateSummary, o: Required<SelectionOptions>): string[] {
  const why: string[] = [];
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  if (c.segments < 2) why.push(`${c.segments} segment${c.segments === 1 ? '' : 's'}`);
  if (c.segments > o.maxSegments) why.push(`${c.segments} segments (more than ${o.maxSegments})`);
  const largest = c.shares.length ? Math.max(...c.shares) : 1;
  const smallest = c.shares.length ? Math.min(...c.shares) : 0;
  if (largest > o.maxLargestShare) why.push(`largest segment ${pct(largest)} (above ${pct(o.maxLargestShare)})`);
  if (c.segments >= 2 && smallest < o.minSegmentShare) why.push(`smallest segment ${pct(smallest)} (below ${pct(o.minSegmentShare)})`);
  if (c.noiseRate > o.maxNoiseRate) why.push(`${pct(c.noiseRate)} noise (above ${pct(o.maxNoiseRate)})`);
  return why;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
