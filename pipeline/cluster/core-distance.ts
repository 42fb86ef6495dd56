/**
 * HDBSCAN core distances: the distance from each point to its k-th nearest neighbour, counting the
 * point itself (k = 1 gives 0; k = 2 is the nearest other point). This is the HDBSCAN* definition
 * (Campello et al.), the one sklearn.cluster.HDBSCAN implements.
 *
 * Exact brute force: every pair is measured once and offered to both points' bounded max-heaps, so time
 * is O(n²·d / 2) and memory O(n·k). No spatial index: trees stop pruning in the dimensions we cluster in.
 */

/**
 * Squared core distances for the rows of a flat row-major n×d array. Squares throughout: the mutual
 * reachability MST only compares distances, and x ↦ x² is monotone, so roots are taken once, at the end.
 */
export function squaredCoreDistances(data: Float64Array, n: number, d: number, k: number): Float64Array {
  // m other points besides the point itself; the m-th smallest squared distance is the core distance².
  const m = Math.min(k, n) - 1;
  if (m <= 0) return new Float64Array(n);
  // Heaps start full of +Infinity: a valid max-heap, so insertion is always "replace the top".
  const heaps = new Float64Array(n * m).fill(Infinity);
  // Each heap's top kept contiguously: the hot loop only reads these, not the scattered heaps.
  const top = new Float64Array(n).fill(Infinity);
  // Even, so the first half ends on an accumulator pair boundary; tiny d checks only at the end.
  const half = d >= 6 ? (d >> 1) & ~1 : 0;
  for (let i = 0; i < n; i++) {
    const bi = i * d;
    let topI = top[i] as number;
    for (let j = i + 1; j < n; j++) {
      const bj = j * d;
      const topJ = top[j] as number;
      // Two accumulators: about 40% faster in V8 than one for d around 10.
      let s0 = 0;
      let s1 = 0;
      let t = 0;
      for (; t < half; t += 2) {
        const v0 = (data[bi + t] as number) - (data[bj + t] as number);
        const v1 = (data[bi + t + 1] as number) - (data[bj + t + 1] as number);
        s0 += v0 * v0;
        s1 += v1 * v1;
      }
      // Halfway, most pairs are already too far for either heap: the rest cannot bring them back.
      if (s0 + s1 >= (topI > topJ ? topI : topJ)) continue;
      for (; t + 1 < d; t += 2) {
        const v0 = (data[bi + t] as number) - (data[bj + t] as number);
        const v1 = (data[bi + t + 1] as number) - (data[bj + t + 1] as number);
        s0 += v0 * v0;
        s1 += v1 * v1;
      }
      if (t < d) {
        const v = (data[bi + t] as number) - (data[bj + t] as number);
        s0 += v * v;
      }
      const s = s0 + s1;
      if (s < topJ) top[j] = replaceTop(heaps, j * m, m, s);
      if (s < topI) topI = replaceTop(heaps, i * m, m, s);
    }
    // Point i is never offered another pair after its own row (pairs with j < i came earlier).
    top[i] = topI;
  }
  return top;
}

/** Replaces the maximum of the max-heap heap[off..off+m) with v, sifts down, returns the new maximum. */
function replaceTop(heap: Float64Array, off: number, m: number, v: number): number {
  let pos = 0;
  for (;;) {
    const l = 2 * pos + 1;
    if (l >= m) break;
    let c = l;
    let cv = heap[off + l] as number;
    const r = l + 1;
    if (r < m) {
      const rv = heap[off + r] as number;
      if (rv > cv) {
        c = r;
        cv = rv;
      }
    }
    if (cv <= v) break;
    heap[off + pos] = cv;
    pos = c;
  }
  heap[off + pos] = v;
  return heap[off] as number;
}
