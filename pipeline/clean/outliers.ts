/**
 * Outlier capping (winsorising): values beyond a fence are set to the fence, so an income of 666666
 * stays "the highest income" without dragging means and scales. Fences come from the values present
 * before imputation, with quantiles by linear interpolation (see quantile.ts).
 */
import type { CellValue, ColumnRole } from '../types.ts';
import { formatNumber, quantileSorted } from './quantile.ts';

export type CapMethod = 'iqr' | 'percentile' | 'none';

export interface CapSettings {
  readonly method: CapMethod;
  readonly iqrFactor: number;
  /** Percent, 0..100. */
  readonly lowerPercentile: number;
  readonly upperPercentile: number;
}

export type FenceResult =
  | { readonly ok: true; readonly lower: number; readonly upper: number; readonly how: string }
  | { readonly ok: false; readonly why: string | null };

/** Fences for a sorted sample, or why the column is left alone (null why = nothing worth a note). */
export function fencesFor(sorted: Float64Array, s: CapSettings): FenceResult {
  if (sorted.length === 0) return { ok: false, why: null };
  switch (s.method) {
    case 'none':
      return { ok: false, why: null };
    case 'iqr': {
      const q1 = quantileSorted(sorted, 0.25);
      const q3 = quantileSorted(sorted, 0.75);
      const iqr = q3 - q1;
      // A zero IQR (mostly one value) would cap every other value to it: that is not an outlier rule.
      if (iqr === 0) return { ok: false, why: 'not capped: interquartile range is 0' };
      return {
        ok: true,
        lower: q1 - s.iqrFactor * iqr,
        upper: q3 + s.iqrFactor * iqr,
        how: `Q1 ${formatNumber(q1)}, Q3 ${formatNumber(q3)}, ${s.iqrFactor}×IQR`,
      };
    }
    case 'percentile': {
      const lower = quantileSorted(sorted, s.lowerPercentile / 100);
      const upper = quantileSorted(sorted, s.upperPercentile / 100);
      if (lower === upper) return { ok: false, why: `not capped: P${s.lowerPercentile} equals P${s.upperPercentile}` };
      return { ok: true, lower, upper, how: `P${s.lowerPercentile}–P${s.upperPercentile}` };
    }
    default: {
      const never: never = s.method;
      throw new Error(`unknown cap method ${String(never)}`);
    }
  }
}

/** Caps eligible numbers to [lower, upper] in place; returns how many changed. */
export function capValues(values: CellValue[], lower: number, upper: number, eligible: (v: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !eligible(v)) continue;
    if (v > upper) {
      values[i] = upper;
      count++;
    } else if (v < lower) {
      values[i] = lower;
      count++;
    }
  }
  return count;
}

/** Returns and non-positive prices are real events, not outliers: they neither set nor meet the fences. */
export function capEligible(role: ColumnRole): (v: number) => boolean {
  return role === 'price' ? (v) => v > 0 : role === 'quantity' ? (v) => v >= 0 : () => true;
}
