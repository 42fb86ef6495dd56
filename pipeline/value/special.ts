/**
 * Special functions the value models need: log-gamma (Lanczos) and the Gaussian hypergeometric
 * function 2F1 by its power series.
 */
import { PersonaError } from '../../lib/errors.ts';

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes / Godfrey): ~15 significant digits.
const lanczosG = 7;
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);

/** ln|Γ(x)| for real x; +Infinity at the poles (0, -1, -2, …). */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  const z = x - 1;
  let sum = lanczos[0] as number;
  for (let i = 1; i < lanczos.length; i++) sum += (lanczos[i] as number) / (z + i);
  const t = z + lanczosG + 0.5;
  return halfLog2Pi + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

export interface Hyp2f1Options {
  /** Stop when a term is below this fraction of the running sum. */
  readonly tolerance?: number;
  readonly maxTerms?: number;
}

export const defaults = Object.freeze({ tolerance: 1e-14, maxTerms: 200_000 });

/**
 * 2F1(a, b; c; z) = Σ (a)_n (b)_n / (c)_n zⁿ/n! for |z| < 1 (the only range the BG/NBD formulas use:
 * z = t/(α+T+t) ∈ [0, 1)). Throws when c is a non-positive integer or the series does not converge
 * in maxTerms, rather than return a silently wrong number.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  const tolerance = options.tolerance ?? defaults.tolerance;
  const maxTerms = options.maxTerms ?? defaults.maxTerms;
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new PersonaError('bad_value', `hyp2f1: arguments must be finite, got a=${a}, b=${b}, c=${c}, z=${z}`);
  }
  if (Math.abs(z) >= 1) throw new PersonaError('bad_value', `hyp2f1: the series needs |z| < 1, got z=${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new PersonaError('bad_value', `hyp2f1: c must not be a non-positive integer, got c=${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) return sum;
    // Terms eventually shrink geometrically; stop once they are negligible and still shrinking.
    if (Math.abs(term) <= tolerance * Math.abs(sum)) {
      const next = term * (((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z;
      if (Math.abs(next) <= Math.abs(term)) return sum + next;
    }
  }
  throw new PersonaError('bad_value', `hyp2f1: series did not converge in ${maxTerms} terms (a=${a}, b=${b}, c=${c}, z=${z})`);
}
