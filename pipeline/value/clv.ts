/**
 * Customer lifetime value over a horizon: Σ_m (E[X(t_m)] − E[X(t_{m−1})]) · E[spend] / (1+d)^m, with
 * the BG/NBD conditional cumulative expectation, the Gamma-Gamma conditional mean spend and a monthly
 * discount rate d applied at the end of each month. Churn risk is a band of P(alive).
 */
import { PersonaError } from '../../lib/errors.ts';
import type { ChurnRisk } from '../types.ts';
import { conditionalExpectedPurchases, probabilityAlive, type BgNbdParams } from './bgnbd.ts';
import { conditionalExpectedValue, type GammaGammaParams } from './gamma-gamma.ts';
import type { RfmSummary } from './rfm-summary.ts';

export interface ClvOptions {
  readonly horizonMonths?: number;
  /** Discount rate per month (0.01 = 1%). */
  readonly monthlyDiscount?: number;
  /** Model time units (weeks) per month. */
  readonly weeksPerMonth?: number;
  /** P(alive) below this is high churn risk. */
  readonly highRiskBelow?: number;
  /** P(alive) below this (and not high) is medium churn risk; otherwise low. */
  readonly mediumRiskBelow?: number;
}

export const defaults = Object.freeze({
  horizonMonths: 12,
  monthlyDiscount: 0.01,
  weeksPerMonth: 365.25 / 12 / 7,
  highRiskBelow: 0.5,
  mediumRiskBelow: 0.8,
});

export interface ResolvedClvOptions {
  readonly horizonMonths: number;
  readonly monthlyDiscount: number;
  readonly weeksPerMonth: number;
  readonly highRiskBelow: number;
  readonly mediumRiskBelow: number;
}

export function resolveClvOptions(options: ClvOptions = {}): ResolvedClvOptions {
  const o = { ...defaults, ...stripUndefined(options) };
  if (!Number.isInteger(o.horizonMonths) || o.horizonMonths < 1) throw new PersonaError('bad_option', `clv: horizonMonths must be a positive integer, got ${o.horizonMonths}`);
  if (!(o.monthlyDiscount >= 0 && o.monthlyDiscount < 1)) throw new PersonaError('bad_option', `clv: monthlyDiscount must be in [0, 1), got ${o.monthlyDiscount}`);
  if (!(o.weeksPerMonth > 0)) throw new PersonaError('bad_option', `clv: weeksPerMonth must be > 0, got ${o.weeksPerMonth}`);
  if (!(o.highRiskBelow >= 0 && o.highRiskBelow <= o.mediumRiskBelow && o.mediumRiskBelow <= 1)) {
    throw new PersonaError('bad_option', `clv: need 0 ≤ highRiskBelow ≤ mediumRiskBelow ≤ 1, got ${o.highRiskBelow}, ${o.mediumRiskBelow}`);
  }
  return o;
}

export interface DiscountedValue {
  readonly clv: number;
  /** Undiscounted expected purchases over the whole horizon. */
  readonly expectedPurchases: number;
}

/** CLV from any cumulative expected-purchases curve (t in model units) and a spend per purchase. */
export function discountedValue(cumulative: (t: number) => number, spend: number, options: ClvOptions = {}): DiscountedValue {
  return discounted(cumulative, spend, resolveClvOptions(options));
}

function discounted(cumulative: (t: number) => number, spend: number, o: ResolvedClvOptions): DiscountedValue {
  let clv = 0;
  let previous = 0;
  for (let m = 1; m <= o.horizonMonths; m++) {
    const current = cumulative(m * o.weeksPerMonth);
    clv += ((current - previous) * spend) / (1 + o.monthlyDiscount) ** m;
    previous = current;
  }
  return { clv, expectedPurchases: previous };
}

export function churnRisk(pAlive: number, options: ClvOptions = {}): ChurnRisk {
  const o = resolveClvOptions(options);
  return pAlive < o.highRiskBelow ? 'high' : pAlive < o.mediumRiskBelow ? 'medium' : 'low';
}

export interface CustomerValues {
  readonly clv: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly probabilityAlive: Float64Array;
  /** Gamma-Gamma conditional mean spend per purchase. */
  readonly expectedSpend: Float64Array;
}

/** Per-customer CLV, expected purchases, P(alive) and expected spend for every row of a summary. */
export function customerValues(bg: BgNbdParams, gg: GammaGammaParams, summary: RfmSummary, options: ClvOptions = {}): CustomerValues {
  const o = resolveClvOptions(options);
  const n = summary.customerIds.length;
  const clv = new Float64Array(n);
  const expected = new Float64Array(n);
  const alive = new Float64Array(n);
  const spend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = { x: summary.frequency[i] as number, tx: summary.recency[i] as number, T: summary.T[i] as number };
    spend[i] = conditionalExpectedValue(gg, h.x, summary.monetary[i] as number);
    const value = discounted((t) => conditionalExpectedPurchases(bg, t, h), spend[i] as number, o);
    clv[i] = value.clv;
    expected[i] = value.expectedPurchases;
    alive[i] = probabilityAlive(bg, h);
  }
  return { clv, expectedPurchases: expected, probabilityAlive: alive, expectedSpend: spend };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
