/**
 * Order statistics for the clean stage. One quantile definition everywhere so fences are reproducible:
 * linear interpolation between order statistics, h = (n − 1)·p (Hyndman & Fan type 7, the default of
 * numpy and R), so the median of [1, 2, 3, 4] is 2.5 and Q1 of [1, 2, 3, 4, 5] is 2.
 */

/** Finite numbers of a column, ascending. */
export function sortedNumbers(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** p in [0, 1]; `sorted` must be ascending and non-empty. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

export function median(values: readonly number[]): number {
  return quantileSorted(sortedNumbers(values), 0.5);
}

/** Short, stable rendering of a fence or median for change details. */
export function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(8)));
}
