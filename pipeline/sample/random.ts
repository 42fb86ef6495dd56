/** Small sampling helpers over the project Rng, so every draw in the sample stays seeded. */
import type { Rng } from '../../lib/rng.ts';

export type Weights<K extends string> = Readonly<Partial<Record<K, number>>>;

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[rng.int(items.length)] as T;
}

/** Integer in [min, max], both inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + rng.int(max - min + 1);
}

export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** Index drawn in proportion to non-negative weights (at least one positive). */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  if (!(total > 0)) throw new RangeError('weights must have a positive sum');
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  // Rounding can leave r at a hair above zero: fall back to the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
  return 0;
}

/** A key drawn in proportion to its weight; keys are visited in insertion order, so draws are stable. */
export function weighted<K extends string>(rng: Rng, weights: Weights<K>): K {
  const keys = Object.keys(weights) as K[];
  return keys[weightedIndex(rng, keys.map((k) => weights[k] ?? 0))] as K;
}

/** Log-normal around a median: incomes and prices are skewed, never negative. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
