/**
 * Compares two runs by member overlap: which segments of the first run kept their customers (and grew or
 * shrank), split into several segments of the second run, merged with others, dissolved, or are new.
 */

export interface RunMembers {
  /** Customer id → segment index. */
  readonly members: ReadonlyMap<string, number>;
  /** Segment index → label. */
  readonly labels: ReadonlyMap<number, string>;
  /** Segment index → size in the run (all its customers, not only shared ones). */
  readonly sizes: ReadonlyMap<number, number>;
}

export type ChangeKind = 'stable' | 'grew' | 'shrank' | 'split' | 'merged' | 'dissolved';

export interface SegmentChange {
  readonly segment: number;
  readonly label: string;
  readonly kind: ChangeKind;
  /** Segments of the second run that took a real part (≥ `share`) of this one's shared customers. */
  readonly targets: readonly { segment: number; label: string; customers: number; share: number }[];
  readonly sizeBefore: number;
  readonly sizeAfter: number | null;
  /** Jaccard overlap with the single target, when there is one. */
  readonly jaccard: number | null;
}

export interface RunComparison {
  readonly sharedCustomers: number;
  readonly onlyFirst: number;
  readonly onlySecond: number;
  readonly changes: readonly SegmentChange[];
  /** Segments of the second run that no segment of the first run fed: new groupings. */
  readonly newSegments: readonly { segment: number; label: string; size: number }[];
  /** overlap[a][b]: shared customers in segment a of the first run and b of the second. */
  readonly overlap: ReadonlyMap<number, ReadonlyMap<number, number>>;
}

export interface CompareOptions {
  /** Share of a segment's shared customers that makes a link between segments. */
  readonly linkShare?: number;
  /** Relative size change below which a matched segment counts as stable. */
  readonly sizeTolerance?: number;
}

export const compareDefaults = { linkShare: 0.2, sizeTolerance: 0.1 } as const;

export function compareRuns(a: RunMembers, b: RunMembers, options: CompareOptions = {}): RunComparison {
  const linkShare = options.linkShare ?? compareDefaults.linkShare;
  const tolerance = options.sizeTolerance ?? compareDefaults.sizeTolerance;
  const overlap = new Map<number, Map<number, number>>();
  const sharedA = new Map<number, number>();
  const sharedB = new Map<number, number>();
  let shared = 0;
  for (const [id, sa] of a.members) {
    const sb = b.members.get(id);
    if (sb === undefined) continue;
    shared++;
    const row = overlap.get(sa) ?? new Map<number, number>();
    row.set(sb, (row.get(sb) ?? 0) + 1);
    overlap.set(sa, row);
    sharedA.set(sa, (sharedA.get(sa) ?? 0) + 1);
    sharedB.set(sb, (sharedB.get(sb) ?? 0) + 1);
  }
  const sourcesOf = new Map<number, number[]>();
  const targetsOf = new Map<number, { segment: number; label: string; customers: number; share: number }[]>();
  for (const sa of [...a.labels.keys()].sort((x, y) => x - y)) {
    const row = overlap.get(sa) ?? new Map<number, number>();
    const n = sharedA.get(sa) ?? 0;
    const targets = [...row.entries()]
      .filter(([, c]) => n > 0 && c / n >= linkShare)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .map(([sb, c]) => ({ segment: sb, label: b.labels.get(sb) ?? `segment ${sb}`, customers: c, share: c / n }));
    targetsOf.set(sa, targets);
    for (const [sb, c] of row) {
      const nb = sharedB.get(sb) ?? 0;
      if (nb > 0 && c / nb >= linkShare) sourcesOf.set(sb, [...(sourcesOf.get(sb) ?? []), sa]);
    }
  }
  const changes: SegmentChange[] = [...targetsOf.entries()].map(([sa, targets]) => {
    const sizeBefore = a.sizes.get(sa) ?? 0;
    const base = { segment: sa, label: a.labels.get(sa) ?? `segment ${sa}`, targets, sizeBefore };
    const only = targets.length === 1 ? (targets[0] as (typeof targets)[number]) : null;
    if (!targets.length) return { ...base, kind: 'dissolved' as const, sizeAfter: null, jaccard: null };
    if (!only) return { ...base, kind: 'split' as const, sizeAfter: null, jaccard: null };
    const sizeAfter = b.sizes.get(only.segment) ?? 0;
    const union = (sharedA.get(sa) ?? 0) + (sharedB.get(only.segment) ?? 0) - only.customers;
    const jaccard = union > 0 ? only.customers / union : 0;
    const merged = (sourcesOf.get(only.segment) ?? []).length >= 2;
    const kind: ChangeKind = merged ? 'merged' : sizeAfter > sizeBefore * (1 + tolerance) ? 'grew' : sizeAfter < sizeBefore * (1 - tolerance) ? 'shrank' : 'stable';
    return { ...base, kind, sizeAfter, jaccard };
  });
  const newSegments = [...b.labels.keys()]
    .sort((x, y) => x - y)
    .filter((sb) => !(sourcesOf.get(sb) ?? []).length)
    .map((sb) => ({ segment: sb, label: b.labels.get(sb) ?? `segment ${sb}`, size: b.sizes.get(sb) ?? 0 }));
  return { sharedCustomers: shared, onlyFirst: a.members.size - shared, onlySecond: b.members.size - shared, changes, newSegments, overlap };
}
