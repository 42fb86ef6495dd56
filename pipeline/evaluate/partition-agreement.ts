/**
 * Agreement between two labelings of the same rows, invariant to how the labels are numbered. Every
 * label value, −1 included, is just a group here (as in sklearn); drop noise first to score without it.
 */
import { PersonaError } from '../../lib/errors.ts';

interface Contingency {
  readonly n: number;
  /** Row sums (groups of a), column sums (groups of b) and the non-zero cells. */
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly cells: readonly { readonly p: number; readonly q: number; readonly v: number }[];
}

function contingency(stage: string, a: ArrayLike<number>, b: ArrayLike<number>): Contingency {
  if (a.length !== b.length) {
    throw new PersonaError('shape_mismatch', `${stage}: labelings have ${a.length} and ${b.length} rows`);
  }
  const ia = new Map<number, number>();
  const ib = new Map<number, number>();
  const rowSums: number[] = [];
  const colSums: number[] = [];
  const cells = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    let p = ia.get(x);
    if (p === undefined) ia.set(x, (p = rowSums.push(0) - 1));
    let q = ib.get(y);
    if (q === undefined) ib.set(y, (q = colSums.push(0) - 1));
    rowSums[p] = (rowSums[p] as number) + 1;
    colSums[q] = (colSums[q] as number) + 1;
    // Cells keyed by (p, q) as one number; a.length bounds both, so the key is unique and exact.
    const key = p * a.length + q;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const n = a.length;
  const list = [...cells.entries()].map(([key, v]) => ({ p: Math.floor(key / n), q: key % n, v }));
  return { n, a: rowSums, b: colSums, cells: list };
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie): 1 = identical partitions, ≈ 0 = chance agreement, can be
 * negative. Both partitions trivial (one group each, or all singletons) count as identical: 1.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = contingency('adjustedRandIndex', a, b);
  if (c.n < 2) return 1;
  let index = 0;
  for (const { v } of c.cells) index += pairs(v);
  let sa = 0;
  for (const v of c.a) sa += pairs(v);
  let sb = 0;
  for (const v of c.b) sb += pairs(v);
  const expected = (sa * sb) / pairs(c.n);
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/**
 * Normalized mutual information with the arithmetic-mean normaliser (sklearn's default):
 * NMI = I(a; b) / ((H(a) + H(b)) / 2), natural logs. Both single-group: 1; exactly one single-group: 0.
 */
export function normalizedMutualInfo(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = contingency('normalizedMutualInfo', a, b);
  if (c.n === 0 || (c.a.length === 1 && c.b.length === 1)) return 1;
  const ha = entropy(c.a, c.n);
  const hb = entropy(c.b, c.n);
  let mi = 0;
  for (const { p, q, v } of c.cells) mi += (v / c.n) * Math.log((c.n * v) / ((c.a[p] as number) * (c.b[q] as number)));
  const norm = (ha + hb) / 2;
  if (norm <= 0) return 0;
  return Math.min(1, Math.max(0, mi / norm));
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const v of counts) if (v > 0) h -= (v / n) * Math.log(v / n);
  return h;
}
