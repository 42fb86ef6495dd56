/**
 * Exact nearest neighbour of an outside point in a kd-tree (ties: the smaller original row index), for
 * assigning new rows to the exemplars a clustering was fitted on.
 */
import type { KdTree } from './kd-tree.ts';
import { squaredDistance } from './squared-distance.ts';

/** Original row index of the tree point nearest to query[qb..qb+d), and its squared distance. */
export function nearestInTree(tree: KdTree, query: Float64Array, qb: number): { index: number; distance2: number } {
  const { d, points, index, start, end, left, lo, hi } = tree;
  let best = Infinity;
  let bestIndex = -1;
  const stack: number[] = [0];
  const bounds: number[] = [0];
  while (stack.length) {
    const node = stack.pop() as number;
    if ((bounds.pop() as number) > best) continue;
    const c = left[node] as number;
    if (c < 0) {
      for (let p = start[node] as number, e = end[node] as number; p < e; p++) {
        const s = squaredDistance(query, qb, points, p * d, d);
        const i = index[p] as number;
        if (s < best || (s === best && i < bestIndex)) {
          best = s;
          bestIndex = i;
        }
      }
      continue;
    }
    const b0 = boxBound(c);
    const b1 = boxBound(c + 1);
    if (b0 <= b1) {
      stack.push(c + 1, c);
      bounds.push(b1, b0);
    } else {
      stack.push(c, c + 1);
      bounds.push(b0, b1);
    }
  }
  return { index: bestIndex, distance2: best };

  function boxBound(k: number): number {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = query[qb + t] as number;
      const a = (lo[k * d + t] as number) - v;
      if (a > 0) s += a * a;
      else {
        const b = v - (hi[k * d + t] as number);
        if (b > 0) s += b * b;
      }
    }
    // Shrunk so rounding never prunes a box holding an exact tie.
    return s * (1 - 1e-12);
  }
}
