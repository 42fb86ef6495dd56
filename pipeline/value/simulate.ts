/**
 * Customer histories drawn from BG/NBD (timing) and Gamma-Gamma (spend) with known parameters, for
 * checking that the fits recover them and for synthetic holdout tests. All randomness comes from the
 * injected Rng.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Rng } from '../../lib/rng.ts';
import type { TransactionInput } from '../features/inputs.ts';
import type { BgNbdParams } from './bgnbd.ts';
import type { GammaGammaParams } from './gamma-gamma.ts';
import { weekMs } from './rfm-summary.ts';

/** Gamma(shape, rate) by Marsaglia & Tsang (2000); shape < 1 via Gamma(shape+1)·U^(1/shape). */
export function sampleGamma(rng: Rng, shape: number, rate = 1): number {
  if (!(shape > 0) || !(rate > 0)) throw new PersonaError('bad_value', `sampleGamma: shape and rate must be > 0, got ${shape}, ${rate}`);
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return sampleGamma(rng, shape + 1, rate) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4) return (d * v) / rate;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}

export interface SimulationOptions {
  readonly customers: number;
  /** Each customer's observation length T (weeks) is uniform in [minWeeks, maxWeeks]. */
  readonly minWeeks?: number;
  readonly maxWeeks?: number;
  /** Observation end, epoch ms: customers' first purchases are placed T weeks before it. */
  readonly end?: number;
  /** Purchases simulated beyond the end (weeks), e.g. to create a holdout period. */
  readonly extraWeeks?: number;
}

export const defaults = Object.freeze({ minWeeks: 26, maxWeeks: 78, end: Date.UTC(2024, 0, 1), extraWeeks: 0 });

export interface SimulatedCustomer {
  readonly id: string;
  readonly lambda: number;
  readonly dropout: number;
  /** Gamma-Gamma scale ν: the customer's mean transaction value is p/ν. */
  readonly nu: number;
  /** Weeks between first purchase and `end`. */
  readonly T: number;
  /** Weeks after the first purchase at which the customer dropped out; null if they never did. */
  readonly droppedAt: number | null;
}

export interface Simulation {
  readonly transactions: TransactionInput[];
  readonly customers: readonly SimulatedCustomer[];
  readonly end: number;
}

/**
 * One order per purchase (order id `<customer>-<k>`), one line each with quantity 1. The first purchase
 * is at −T weeks; dropout can follow any repeat purchase, as in the model.
 */
export function simulateCustomers(bg: BgNbdParams, gg: GammaGammaParams, rng: Rng, options: SimulationOptions): Simulation {
  const minWeeks = options.minWeeks ?? defaults.minWeeks;
  const maxWeeks = options.maxWeeks ?? defaults.maxWeeks;
  const end = options.end ?? defaults.end;
  const extra = options.extraWeeks ?? defaults.extraWeeks;
  if (!Number.isInteger(options.customers) || options.customers < 0) throw new PersonaError('bad_option', `simulate: customers must be a non-negative integer, got ${options.customers}`);
  if (!(minWeeks >= 0 && maxWeeks >= minWeeks)) throw new PersonaError('bad_option', `simulate: need 0 ≤ minWeeks ≤ maxWeeks, got ${minWeeks}, ${maxWeeks}`);
  if (!(extra >= 0)) throw new PersonaError('bad_option', `simulate: extraWeeks must be ≥ 0, got ${extra}`);
  const width = String(options.customers).length;
  const transactions: TransactionInput[] = [];
  const customers: SimulatedCustomer[] = [];
  for (let c = 0; c < options.customers; c++) {
    const id = `S${String(c).padStart(width, '0')}`;
    const lambda = sampleGamma(rng, bg.r, bg.alpha);
    const dropout = sampleBeta(rng, bg.a, bg.b);
    const nu = sampleGamma(rng, gg.q, gg.v);
    const T = minWeeks + (maxWeeks - minWeeks) * rng.next();
    const horizon = T + extra;
    const buy = (t: number, k: number): void => {
      const value = sampleGamma(rng, gg.p, nu);
      transactions.push({ customerId: id, orderId: `${id}-${k}`, at: end - (T - t) * weekMs, quantity: 1, price: value, amount: value, isCancellation: false, attributes: {} });
    };
    buy(0, 0);
    let t = 0;
    let droppedAt: number | null = null;
    for (let k = 1; ; k++) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > horizon) break;
      buy(t, k);
      // Dropout is decided right after each repeat purchase.
      if (rng.next() < dropout) {
        droppedAt = t;
        break;
      }
    }
    customers.push({ id, lambda, dropout, nu, T, droppedAt });
  }
  return { transactions, customers, end };
}
