/** Rare-level folding: categories too small to describe a segment are merged into one label. */
import type { CellValue } from '../types.ts';

export interface FoldResult {
  readonly count: number;
  /** Folded levels with their row counts, most frequent first (ties in order of appearance). */
  readonly levels: readonly { readonly level: string; readonly count: number }[];
}

/**
 * Folds levels whose share of the present values is below `minShare` into `label`, in place.
 * Returns null when nothing folds, or when every level is rare (an id-like column: folding would
 * erase it, so it is left for the caller to report instead).
 */
export function foldRareLevels(values: CellValue[], minShare: number, label: string): FoldResult | null {
  const counts = new Map<CellValue, number>();
  let present = 0;
  for (const v of values) {
    if (v === null) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    present++;
  }
  if (present === 0) return null;
  const rare = new Set<CellValue>();
  for (const [level, c] of counts) if (level !== label && c / present < minShare) rare.add(level);
  if (rare.size === 0 || rare.size === counts.size) return null;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (rare.has(values[i] ?? null)) {
      values[i] = label;
      count++;
    }
  }
  const levels = [...rare]
    .map((level) => ({ level: String(level), count: counts.get(level) as number }))
    .sort((a, b) => b.count - a.count);
  return { count, levels };
}
