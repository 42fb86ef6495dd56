/**
 * Minimum spanning tree of the mutual reachability graph, mreach(a, b) = max(core(a), core(b), d(a, b)),
 * by Prim's algorithm on the implicit complete graph: O(n²·d) time, O(n) memory, distances computed on
 * the fly and never stored (the "prims" approach of the reference library, fit for higher dimensions).
 * Edges are compared by the strict total order of mst-order.ts, so the tree is the unique MST and
 * equals the one Borůvka's algorithm finds.
 */
import { edgeBefore } from './mst-order.ts';
import type { SpanningTree } from './spanning-tree.ts';

export type { SpanningTree } from './spanning-tree.ts';

/**
 * @param data flat row-major n×d
 * @param core2 squared core distances (see squaredCoreDistances)
 */
export function mutualReachabilityMst(data: Float64Array, n: number, d: number, core2: Float64Array): SpanningTree {
  const edges = Math.max(0, n - 1);
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const weight = new Float64Array(edges);
  if (n < 2) return { from, to, weight };

  // The points not yet in the tree, in ascending index order, with their best squared distance to the
  // tree, its source, their squared core distance and a copy of their row, all in parallel compact
  // arrays: the scan then reads memory strictly sequentially. A point that joins the tree is only
  // marked (core = ∞ makes the scan skip it); the arrays are compacted once a quarter is dead, so they
  // shrink geometrically (O(n·d) copying in all) and the order, hence tie-breaking, keeps to the index.
  let m = n - 1;
  const rem = new Int32Array(m);
  const best = new Float64Array(m).fill(Infinity);
  const src = new Int32Array(m);
  const coreR = new Float64Array(m);
  const rows = data.slice(d);
  for (let p = 0; p < m; p++) {
    rem[p] = p + 1;
    coreR[p] = core2[p + 1] as number;
  }
  let dead = 0;
  let cur = 0;
  // Even, so the first half ends on an accumulator pair boundary (see squared-distance.ts).
  const half = d >= 6 ? (d >> 1) & ~1 : 0;
  for (let e = 0; e < edges; e++) {
    const bc = cur * d;
    const cc = core2[cur] as number;
    let bestVal = Infinity;
    let bestPos = -1;
    for (let p = 0, bj = 0; p < m; p++, bj += d) {
      let bv = best[p] as number;
      const cj = coreR[p] as number;
      const lb = cc > cj ? cc : cj;
      // On equal weight the edge from the smaller tree vertex wins (the total order, p being fixed).
      const tieWins = cur < (src[p] as number);
      // mreach(cur, j) ≥ max of the two core distances: when that already loses, skip the distance.
      // Removed points have core = ∞ and never pass.
      if (lb < bv || (lb === bv && tieWins && cj !== Infinity)) {
        // The shared kernel's summation order, stopped halfway when the partial sum already loses.
        let s0 = 0;
        let s1 = 0;
        let t = 0;
        for (; t < half; t += 2) {
          const v0 = (data[bc + t] as number) - (rows[bj + t] as number);
          const v1 = (data[bc + t + 1] as number) - (rows[bj + t + 1] as number);
          s0 += v0 * v0;
          s1 += v1 * v1;
        }
        const partial = s0 + s1;
        if (partial < bv || (partial === bv && tieWins)) {
          for (; t + 1 < d; t += 2) {
            const v0 = (data[bc + t] as number) - (rows[bj + t] as number);
            const v1 = (data[bc + t + 1] as number) - (rows[bj + t + 1] as number);
            s0 += v0 * v0;
            s1 += v1 * v1;
          }
          if (t < d) {
            const v = (data[bc + t] as number) - (rows[bj + t] as number);
            s0 += v * v;
          }
          let s = s0 + s1;
          if (s < lb) s = lb;
          if (s < bv || (s === bv && tieWins)) {
            bv = s;
            best[p] = s;
            src[p] = cur;
          }
        }
      }
      if (bv < bestVal || (bv === bestVal && bv !== Infinity && edgeBefore(src[p] as number, rem[p] as number, src[bestPos] as number, rem[bestPos] as number))) {
        bestVal = bv;
        bestPos = p;
      }
    }
    const next = rem[bestPos] as number;
    from[e] = src[bestPos] as number;
    to[e] = next;
    weight[e] = Math.sqrt(bestVal);
    best[bestPos] = Infinity;
    coreR[bestPos] = Infinity;
    cur = next;
    if (++dead * 4 > m) {
      let w = 0;
      for (let p = 0; p < m; p++) {
        if ((coreR[p] as number) === Infinity) continue;
        if (w !== p) {
          rem[w] = rem[p] as number;
          best[w] = best[p] as number;
          src[w] = src[p] as number;
          coreR[w] = coreR[p] as number;
          rows.copyWithin(w * d, p * d, (p + 1) * d);
        }
        w++;
      }
      m = w;
      dead = 0;
    }
  }
  return { from, to, weight };
}
