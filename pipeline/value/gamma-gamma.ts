/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's transaction values
 * are Gamma(p, ν) with ν ~ Gamma(q, v) across customers, independent of purchase timing. Fitted on the
 * mean repeat-purchase value of customers with at least one repeat purchase.
 */
import { PersonaError } from '../../lib/errors.ts';
import { nelderMead } from './optimize.ts';
import type { RfmSummary } from './rfm-summary.ts';
import { lgamma } from './special.ts';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly v: number;
}

export interface GammaGammaOptions {
  /** L2 penalty λ·Σθ² added to the mean negative log-likelihood. */
  readonly penalizer?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

export const defaults = Object.freeze({ penalizer: 0, maxIterations: 4000, tolerance: 1e-10 });

export interface FittedGammaGamma {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Customers the fit used (frequency > 0 and monetary > 0). */
  readonly customers: number;
  /** Mean transaction value across customers, p·v/(q−1); Infinity when q ≤ 1. */
  readonly populationMean: number;
}

/** Log-likelihood of one customer's mean repeat value m over x repeat purchases. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(v) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + v);
}

export function fitGammaGamma(summary: RfmSummary, options: GammaGammaOptions = {}): FittedGammaGamma {
  const penalizer = options.penalizer ?? defaults.penalizer;
  if (!(penalizer >= 0)) throw new PersonaError('bad_option', `gamma-gamma: penalizer must be ≥ 0, got ${penalizer}`);
  const n = summary.customerIds.length;
  if (summary.frequency.length !== n || summary.monetary.length !== n) {
    throw new PersonaError('shape_mismatch', `gamma-gamma: ${n} customers but ${summary.frequency.length} frequencies and ${summary.monetary.length} monetary values`);
  }
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i] as number;
    const m = summary.monetary[i] as number;
    if (x > 0 && m > 0 && Number.isFinite(m)) {
      xs.push(x);
      ms.push(m);
    }
  }
  const used = xs.length;
  if (used < 2) throw new PersonaError('bad_value', `gamma-gamma: needs at least 2 customers with repeat purchases, got ${used}`);
  const distinct = [...new Set(xs)].sort((a, b) => a - b);
  const slot = new Map(distinct.map((x, k) => [x, k]));
  const xIndex = Int32Array.from(xs, (x) => slot.get(x) as number);
  const logM = Float64Array.from(ms, Math.log);
  const logX = Float64Array.from(xs, Math.log);
  const per = new Float64Array(distinct.length);
  const ll = ({ p, q, v }: GammaGammaParams): number => {
    const shared = q * Math.log(v) - lgamma(q);
    for (let j = 0; j < distinct.length; j++) {
      const px = p * (distinct[j] as number);
      per[j] = shared + lgamma(px + q) - lgamma(px);
    }
    let total = 0;
    for (let i = 0; i < used; i++) {
      const x = xs[i] as number;
      const px = p * x;
      total += (per[xIndex[i] as number] as number) + (px - 1) * (logM[i] as number) + px * (logX[i] as number) - (px + q) * Math.log(x * (ms[i] as number) + v);
    }
    return total;
  };
  let meanM = 0;
  for (const m of ms) meanM += m / used;
  // Start where the population mean p·v/(q−1) equals the observed mean.
  const best = nelderMead(
    (theta) => {
      const params = unpack(theta);
      const penalty = penalizer > 0 ? penalizer * (params.p ** 2 + params.q ** 2 + params.v ** 2) : 0;
      return -ll(params) / used + penalty;
    },
    [0, Math.log(2), Math.log(meanM)],
    { maxIterations: options.maxIterations ?? defaults.maxIterations, tolerance: options.tolerance ?? defaults.tolerance },
  );
  const params = unpack(best.x);
  const logLikelihood = ll(params);
  if (!Number.isFinite(logLikelihood)) throw new PersonaError('bad_value', 'gamma-gamma: the fit did not reach a finite log-likelihood');
  const populationMean = params.q > 1 ? (params.p * params.v) / (params.q - 1) : Infinity;
  return { params, logLikelihood, iterations: best.iterations, converged: best.converged, customers: used, populationMean };
}

function unpack(theta: Float64Array): GammaGammaParams {
  return { p: Math.exp(theta[0] as number), q: Math.exp(theta[1] as number), v: Math.exp(theta[2] as number) };
}

/**
 * E[mean transaction value | x, m] = p(v + x·m)/(p·x + q − 1): a weighted average of the population mean
 * and the customer's own mean, leaning on the latter as x grows. x = 0 gives the population mean.
 */
export function conditionalExpectedValue(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return Infinity;
  return (p * (v + (x > 0 ? x * m : 0))) / denominator;
}
