/**
 * The strict total order on mutual reachability edges, (weight, smaller end, larger end), that makes
 * the minimum spanning tree unique, and the canonical form of a tree built under it: edges sorted by
 * that order and oriented smaller end → larger end, so the dendrogram does not depend on which MST
 * algorithm produced the tree.
 */
import type { SpanningTree } from './spanning-tree.ts';

/** Whether edge {a1, b1} precedes edge {a2, b2} of equal weight (a2 < 0: there is no second edge). */
export function edgeBefore(a1: number, b1: number, a2: number, b2: number): boolean {
  if (a2 < 0) return true;
  const lo1 = a1 < b1 ? a1 : b1;
  const lo2 = a2 < b2 ? a2 : b2;
  if (lo1 !== lo2) return lo1 < lo2;
  return (a1 < b1 ? b1 : a1) < (a2 < b2 ? b2 : a2);
}

export function canonicalTree(tree: SpanningTree): SpanningTree {
  const m = tree.weight.length;
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const a = tree.from[e] as number;
    const b = tree.to[e] as number;
    lo[e] = a < b ? a : b;
    hi[e] = a < b ? b : a;
  }
  const order = new Uint32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  const w = tree.weight;
  order.sort((a, b) => (w[a] as number) - (w[b] as number) || (lo[a] as number) - (lo[b] as number) || (hi[a] as number) - (hi[b] as number));
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const e = order[k] as number;
    from[k] = lo[e] as number;
    to[k] = hi[e] as number;
    weight[k] = w[e] as number;
  }
  return { from, to, weight };
}
