/**
 * Column scalers on a Matrix. Settings (kind, clip) stay apart from the fitted state (center, scale),
 * so a scaler fitted on one run can be applied to new rows unchanged.
 */
import { assertShape, createMatrix, type Matrix } from '../../lib/matrix.ts';
import { quantileSorted } from '../clean/quantile.ts';

export type ScalingKind = 'standard' | 'robust';

export interface FittedScaler {
  readonly kind: ScalingKind;
  readonly center: Float64Array;
  /** Always positive: a constant column gets 1, so its scaled values are all 0. */
  readonly scale: Float64Array;
  /** 1 where the column holds a single value. */
  readonly constant: Uint8Array;
}

/** IQR of a normal distribution in standard deviations: keeps the robust fallback in IQR units. */
const normalIqr = 1.349;

/**
 * standard: mean and population standard deviation. robust: median and IQR (type-7 quantiles); when
 * the IQR is 0 but the column varies (a mostly-zero rate, a rare one-hot level) the standard
 * deviation × 1.349 stands in, since a unit scale would silence the column or let it dominate.
 */
export function fitScaler(m: Matrix, kind: ScalingKind): FittedScaler {
  assertShape(m, 'fitScaler', { minRows: 1 });
  const center = new Float64Array(m.cols);
  const scale = new Float64Array(m.cols).fill(1);
  const constant = new Uint8Array(m.cols);
  const col = new Float64Array(m.rows);
  for (let j = 0; j < m.cols; j++) {
    for (let i = 0; i < m.rows; i++) col[i] = m.data[i * m.cols + j] as number;
    const { mean, sd, min, max } = moments(col);
    if (max - min <= 1e-12 * Math.max(1, Math.abs(max), Math.abs(min))) {
      constant[j] = 1;
      center[j] = mean;
      continue;
    }
    switch (kind) {
      case 'standard':
        center[j] = mean;
        scale[j] = sd;
        break;
      case 'robust': {
        const sorted = Float64Array.from(col).sort();
        const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
        center[j] = quantileSorted(sorted, 0.5);
        scale[j] = iqr > 0 ? iqr : sd * normalIqr;
        break;
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown scaling ${String(never)}`);
      }
    }
  }
  return { kind, center, scale, constant };
}

/** (x − center) / scale per column, then clipped to ±clip when clip is given. */
export function applyScaler(m: Matrix, fitted: FittedScaler, clip: number | null = null): Matrix {
  assertShape(m, 'applyScaler', { cols: fitted.center.length });
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const k = i * m.cols + j;
      let z = ((m.data[k] as number) - (fitted.center[j] as number)) / (fitted.scale[j] as number);
      if (clip !== null) z = Math.min(clip, Math.max(-clip, z));
      out[k] = z === 0 ? 0 : z; // no −0: identical inputs give byte-identical outputs
    }
  }
  return createMatrix(m.rows, m.cols, out);
}

function moments(col: Float64Array): { mean: number; sd: number; min: number; max: number } {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of col) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / col.length;
  let ss = 0;
  for (const v of col) ss += (v - mean) * (v - mean);
  return { mean, sd: Math.sqrt(ss / col.length), min, max };
}
