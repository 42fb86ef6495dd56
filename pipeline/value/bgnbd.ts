/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a customer
 * buys at rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability
 * p ~ Beta(a, b). Fitted by maximum likelihood on log-parameters with Nelder–Mead.
 */
import { PersonaError } from '../../lib/errors.ts';
import { nelderMead } from './optimize.ts';
import type { RfmSummary } from './rfm-summary.ts';
import { hyp2f1, lgamma } from './special.ts';

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export interface BgNbdOptions {
  /** L2 penalty λ·Σθ² added to the mean negative log-likelihood (θ on the natural scale; α in weeks). */
  readonly penalizer?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Start point; default r = a = b = 1 and α = mean T. */
  readonly initial?: BgNbdParams;
}

export const defaults = Object.freeze({ penalizer: 0, maxIterations: 4000, tolerance: 1e-10 });

export interface FittedBgNbd {
  readonly params: BgNbdParams;
  /** Total log-likelihood at the optimum, penalty excluded. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly customers: number;
  readonly penalizer: number;
}

/** Repeat frequency x, recency t_x and age T of one customer, in the summary's unit (weeks). */
export interface History {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

/** Log-likelihood of one customer's (x, t_x, T): eq. (6) of the paper, in logs. */
export function bgNbdLogLikelihood(params: BgNbdParams, h: History): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = h;
  const a1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

/** Total log-likelihood over a summary, grouping the lgamma terms by distinct frequency. */
export function bgNbdTotalLogLikelihood(params: BgNbdParams, summary: RfmSummary): number {
  return likelihoodOver(summary)(params);
}

function likelihoodOver(summary: RfmSummary): (params: BgNbdParams) => number {
  const n = summary.customerIds.length;
  const distinct = [...new Set(summary.frequency)].sort((p, q) => p - q);
  const slot = new Map(distinct.map((x, k) => [x, k]));
  const xIndex = Int32Array.from(summary.frequency, (x) => slot.get(x) as number);
  const k = distinct.length;
  const head = new Float64Array(k);
  const tail = new Float64Array(k);
  return ({ r, alpha, a, b }) => {
    const shared = r * Math.log(alpha) - lgamma(r) + lgamma(a + b) - lgamma(b);
    const la = Math.log(a);
    for (let j = 0; j < k; j++) {
      const x = distinct[j] as number;
      head[j] = shared + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x);
      tail[j] = x > 0 ? la - Math.log(b + x - 1) : -Infinity;
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const j = xIndex[i] as number;
      const x = distinct[j] as number;
      const a3 = -(r + x) * Math.log(alpha + (summary.T[i] as number));
      const t = tail[j] as number;
      total += (head[j] as number) + (x > 0 ? logAddExp(a3, t - (r + x) * Math.log(alpha + (summary.recency[i] as number))) : a3);
    }
    return total;
  };
}

export function fitBgNbd(summary: RfmSummary, options: BgNbdOptions = {}): FittedBgNbd {
  const penalizer = options.penalizer ?? defaults.penalizer;
  if (!(penalizer >= 0)) throw new PersonaError('bad_option', `bgnbd: penalizer must be ≥ 0, got ${penalizer}`);
  checkSummary(summary, 'bgnbd');
  const n = summary.customerIds.length;
  if (n < 2) throw new PersonaError('bad_value', `bgnbd: needs at least 2 customers, got ${n}`);
  let repeaters = 0;
  let meanT = 0;
  for (let i = 0; i < n; i++) {
    if ((summary.frequency[i] as number) > 0) repeaters++;
    meanT += (summary.T[i] as number) / n;
  }
  if (repeaters === 0) throw new PersonaError('bad_value', `bgnbd: no customer of ${n} made a repeat purchase; the model cannot be fitted`);
  const start = options.initial ?? { r: 1, alpha: Math.max(meanT, 1e-3), a: 1, b: 1 };
  if (![start.r, start.alpha, start.a, start.b].every((v) => v > 0 && Number.isFinite(v))) {
    throw new PersonaError('bad_option', `bgnbd: initial parameters must be positive, got ${JSON.stringify(start)}`);
  }
  const ll = likelihoodOver(summary);
  const objective = (theta: Float64Array): number => {
    const p = unpack(theta);
    let penalty = 0;
    if (penalizer > 0) penalty = penalizer * (p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2);
    return -ll(p) / n + penalty;
  };
  const best = nelderMead(objective, [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)], {
    maxIterations: options.maxIterations ?? defaults.maxIterations,
    tolerance: options.tolerance ?? defaults.tolerance,
  });
  const params = unpack(best.x);
  const logLikelihood = ll(params);
  if (!Number.isFinite(logLikelihood)) throw new PersonaError('bad_value', 'bgnbd: the fit did not reach a finite log-likelihood');
  return { params, logLikelihood, iterations: best.iterations, converged: best.converged, customers: n, penalizer };
}

function unpack(theta: Float64Array): BgNbdParams {
  return { r: Math.exp(theta[0] as number), alpha: Math.exp(theta[1] as number), a: Math.exp(theta[2] as number), b: Math.exp(theta[3] as number) };
}

/** P(alive at T | x, t_x, T): eq. (11) of the paper. */
export function probabilityAlive(params: BgNbdParams, h: History): number {
  if (h.x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logRatio = Math.log(a) - Math.log(b + h.x - 1) + (r + h.x) * (Math.log(alpha + h.T) - Math.log(alpha + h.tx));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * Expected repeat purchases in (T, T + t] given (x, t_x, T): eq. (10) of the paper. The 2F1 there is
 * rewritten with Euler's transformation, 2F1(r+x, b+x; c; z) = (1−z)^(c−r−b−2x) 2F1(c−r−x, c−b−x; c; z),
 * so heavy buyers (large x) do not overflow and the series converges in a few terms.
 */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, h: History): number {
  if (t <= 0) return 0;
  return acrossOne(params, ({ r, alpha, a, b }) => {
    const { x, tx, T } = h;
    const c = a + b + x - 1;
    const z = t / (alpha + T + t);
    // (1−z)^(r+x) · 2F1(r+x, b+x; c; z) = (1−z)^(a−1) · 2F1(a+b−1−r, a−1; c; z)
    const scaled = Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(a + b - 1 - r, a - 1, c, z);
    const numerator = (c / (a - 1)) * (1 - scaled);
    if (x === 0) return numerator;
    const logRatio = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return numerator / (1 + Math.exp(logRatio));
  });
}

/** Unconditional E[X(t)] for a customer who made their first purchase at time 0: eq. (9) of the paper. */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  return acrossOne(params, ({ r, alpha, a, b }) => {
    const z = t / (alpha + t);
    const scaled = Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z);
    return ((a + b - 1) / (a - 1)) * (1 - scaled);
  });
}

/**
 * The closed forms divide by a − 1: a removable 0/0 at a = 1, with cancellation close to it. Within
 * eps of 1, interpolate linearly between a = 1 ± eps, where the formula still has ~12 good digits.
 */
function acrossOne(params: BgNbdParams, f: (p: BgNbdParams) => number): number {
  const eps = 1e-4;
  if (Math.abs(params.a - 1) >= eps) return f(params);
  const below = f({ ...params, a: 1 - eps });
  const above = f({ ...params, a: 1 + eps });
  return below + ((params.a - (1 - eps)) / (2 * eps)) * (above - below);
}

export function checkSummary(summary: RfmSummary, stage: string): void {
  const n = summary.customerIds.length;
  for (const [name, col] of [['frequency', summary.frequency], ['recency', summary.recency], ['T', summary.T], ['monetary', summary.monetary]] as const) {
    if (col.length !== n) throw new PersonaError('shape_mismatch', `${stage}: ${name} has ${col.length} values for ${n} customers`);
  }
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i] as number;
    const tx = summary.recency[i] as number;
    const T = summary.T[i] as number;
    if (!(Number.isInteger(x) && x >= 0 && tx >= 0 && T >= tx && Number.isFinite(T))) {
      throw new PersonaError('bad_value', `${stage}: customer "${summary.customerIds[i]}" has frequency ${x}, recency ${tx}, T ${T} (need integer x ≥ 0 and 0 ≤ recency ≤ T)`);
    }
  }
}

function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}
