/** Median / mode imputation. Statistics come from the values present, never from imputed ones. */
import type { CellValue } from '../types.ts';

/** Fills every null with `value`; returns how many cells were filled. */
export function fillMissing(values: CellValue[], value: CellValue): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null) {
      values[i] = value;
      count++;
    }
  }
  return count;
}

/** Most frequent non-missing value; ties go to the value seen first, so the result is stable. */
export function modeOf(values: readonly CellValue[]): CellValue {
  const counts = new Map<CellValue, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: CellValue = null;
  let bestCount = 0;
  // Map iteration follows first appearance, so a strict > keeps the earliest of tied values.
  for (const [v, c] of counts) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}
