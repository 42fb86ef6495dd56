/**
 * Why a segment is a segment, from a surrogate model: one-vs-rest gradient-boosted decision stumps
 * (logistic loss) on the interpretable features. A stump model is additive in its features, so each
 * feature's contribution to a customer's score is exact (SHAP values of an additive model are its
 * centred per-feature terms): importance = mean |contribution| over the segment's members; direction
 * says whether members' values are higher or lower than everyone's.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';

export interface SurrogateOptions {
  readonly rounds?: number;
  readonly learningRate?: number;
  /** Candidate thresholds per feature (quantiles). */
  readonly bins?: number;
}

export const surrogateDefaults = { rounds: 60, learningRate: 0.3, bins: 16 } as const;

export interface Driver {
  readonly feature: number;
  /** Mean |contribution| to the log-odds of membership, over the segment's members. */
  readonly importance: number;
  readonly direction: 'higher' | 'lower';
}

interface Stump {
  readonly feature: number;
  readonly threshold: number;
  readonly left: number;
  readonly right: number;
}

/** Quantile thresholds per feature, computed once and shared by every segment's model. */
export function candidateThresholds(x: Matrix, bins: number): number[][] {
  const out: number[][] = [];
  for (let j = 0; j < x.cols; j++) {
    const values = Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols + j] as number).sort((a, b) => a - b);
    const cuts = new Set<number>();
    for (let b = 1; b < bins; b++) {
      const lo = values[Math.floor((b / bins) * (values.length - 1))] as number;
      const hi = values[Math.min(values.length - 1, Math.floor((b / bins) * (values.length - 1)) + 1)] as number;
      if (hi > lo) cuts.add((lo + hi) / 2);
    }
    out.push([...cuts].sort((a, b) => a - b));
  }
  return out;
}

export function fitStumps(x: Matrix, y: Uint8Array, thresholds: number[][], options: SurrogateOptions = {}): { base: number; stumps: Stump[] } {
  const rounds = options.rounds ?? surrogateDefaults.rounds;
  const lr = options.learningRate ?? surrogateDefaults.learningRate;
  if (y.length !== x.rows) throw new PersonaError('shape_mismatch', `surrogate: ${y.length} labels for a ${x.rows}×${x.cols} matrix`);
  const n = x.rows;
  let positives = 0;
  for (const v of y) positives += v;
  const p0 = Math.min(1 - 1e-6, Math.max(1e-6, positives / n));
  const base = Math.log(p0 / (1 - p0));
  const score = new Float64Array(n).fill(base);
  const stumps: Stump[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let r = 0; r < rounds; r++) {
    let gTotal = 0;
    let hTotal = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(score[i] as number)));
      g[i] = (y[i] as number) - p;
      h[i] = Math.max(p * (1 - p), 1e-6);
      gTotal += g[i] as number;
      hTotal += h[i] as number;
    }
    let best: { gain: number; stump: Stump } | null = null;
    for (let j = 0; j < x.cols; j++) {
      const cuts = thresholds[j] as number[];
      if (!cuts.length) continue;
      // Gradient and hessian sums below each threshold, by binning every value once.
      const gBelow = new Float64Array(cuts.length);
      const hBelow = new Float64Array(cuts.length);
      for (let i = 0; i < n; i++) {
        const v = x.data[i * x.cols + j] as number;
        let lo = 0;
        let hi = cuts.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (v <= (cuts[mid] as number)) hi = mid;
          else lo = mid + 1;
        }
        if (lo < cuts.length) {
          gBelow[lo]! += g[i] as number;
          hBelow[lo]! += h[i] as number;
        }
      }
      let gl = 0;
      let hl = 0;
      for (let c = 0; c < cuts.length; c++) {
        gl += gBelow[c] as number;
        hl += hBelow[c] as number;
        const gr = gTotal - gl;
        const hr = hTotal - hl;
        if (hl < 1e-3 || hr < 1e-3) continue;
        const gain = (gl * gl) / hl + (gr * gr) / hr - (gTotal * gTotal) / hTotal;
        if (!best || gain > best.gain + 1e-12) best = { gain, stump: { feature: j, threshold: cuts[c] as number, left: (lr * gl) / hl, right: (lr * gr) / hr } };
      }
    }
    if (!best || best.gain <= 1e-9) break;
    stumps.push(best.stump);
    const s = best.stump;
    for (let i = 0; i < n; i++) score[i]! += (x.data[i * x.cols + s.feature] as number) <= s.threshold ? s.left : s.right;
  }
  return { base, stumps };
}

/** Per-feature exact contributions (centred on the population), averaged over the members. */
export function drivers(x: Matrix, members: Uint8Array, model: { stumps: readonly Stump[] }): Driver[] {
  const n = x.rows;
  const memberSum = new Float64Array(x.cols);
  const allSum = new Float64Array(x.cols);
  const sumAbs = new Float64Array(x.cols);
  let count = 0;
  // Each stump's population mean, so contributions are centred (they sum to score − mean score).
  const means = model.stumps.map((s) => {
    let below = 0;
    for (let i = 0; i < n; i++) if ((x.data[i * x.cols + s.feature] as number) <= s.threshold) below++;
    return (below * s.left + (n - below) * s.right) / n;
  });
  const phi = new Float64Array(x.cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < x.cols; j++) allSum[j]! += x.data[i * x.cols + j] as number;
    if (!members[i]) continue;
    count++;
    for (let j = 0; j < x.cols; j++) memberSum[j]! += x.data[i * x.cols + j] as number;
    phi.fill(0);
    model.stumps.forEach((s, t) => {
      phi[s.feature]! += ((x.data[i * x.cols + s.feature] as number) <= s.threshold ? s.left : s.right) - (means[t] as number);
    });
    for (let j = 0; j < x.cols; j++) sumAbs[j]! += Math.abs(phi[j] as number);
  }
  const out: Driver[] = [];
  for (let j = 0; j < x.cols; j++) {
    if (!count || (sumAbs[j] as number) === 0) continue;
    const higher = (memberSum[j] as number) / count >= (allSum[j] as number) / n;
    out.push({ feature: j, importance: (sumAbs[j] as number) / count, direction: higher ? 'higher' : 'lower' });
  }
  return out.sort((a, b) => b.importance - a.importance || a.feature - b.feature);
}
