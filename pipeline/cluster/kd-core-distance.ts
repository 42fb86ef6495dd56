/**
 * HDBSCAN core distances from the kd-tree: the same values as the brute-force kernel (k counts the
 * point itself, squared distances from the shared kernel, so the results are bit-identical) in about
 * O(n log n) time for low-dimensional data. The neighbour lists are kept too: Borůvka's first round
 * reads most points' lightest edge straight from them instead of searching the tree again.
 */
import { boxDistance, type KdTree } from './kd-tree.ts';

export interface KdNeighbours {
  /** Squared core distance per original row index. */
  readonly core2: Float64Array;
  /** Neighbours per tree position, m = min(k, n) each (the point itself included), as tree positions. */
  readonly neighbours: Int32Array;
  readonly m: number;
  /**
   * 1 when the list holds every point within the core distance of that tree position, ties at the core
   * distance included; 0 when a point exactly at the core distance was left out for want of room.
   */
  readonly complete: Uint8Array;
}

export function kdNeighbours(tree: KdTree, k: number): KdNeighbours {
  const { n, d, points, index, start, end, left } = tree;
  const core2 = new Float64Array(n);
  const m = Math.max(1, Math.min(k, n));
  const neighbours = new Int32Array(n * m);
  const complete = new Uint8Array(n);
  const heap = new Float64Array(m);
  const heapId = new Int32Array(m);
  const stack = new Int32Array(128);
  const stackBound = new Float64Array(128);
  // Even, so the first half ends on an accumulator pair boundary (see squared-distance.ts).
  const half = d >= 6 ? (d >> 1) & ~1 : 0;
  for (let p = 0; p < n; p++) {
    heap.fill(Infinity);
    heapId.fill(-1);
    let top = Infinity;
    // The smallest distance turned away only because it equalled the heap top at the time.
    let tieRejected = Infinity;
    const pb = p * d;
    let sp = 0;
    stack[sp] = 0;
    stackBound[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp] as number;
      // Strict: a box exactly at the top may hold a tie, which `complete` must hear about.
      if ((stackBound[sp] as number) > top) continue;
      const c = left[node] as number;
      if (c < 0) {
        for (let q = start[node] as number, e = end[node] as number; q < e; q++) {
          const qb = q * d;
          // The shared kernel's summation order, abandoned halfway once the partial sum is past the top.
          let s0 = 0;
          let s1 = 0;
          let t = 0;
          for (; t < half; t += 2) {
            const v0 = (points[pb + t] as number) - (points[qb + t] as number);
            const v1 = (points[pb + t + 1] as number) - (points[qb + t + 1] as number);
            s0 += v0 * v0;
            s1 += v1 * v1;
          }
          if (s0 + s1 > top) continue;
          for (; t + 1 < d; t += 2) {
            const v0 = (points[pb + t] as number) - (points[qb + t] as number);
            const v1 = (points[pb + t + 1] as number) - (points[qb + t + 1] as number);
            s0 += v0 * v0;
            s1 += v1 * v1;
          }
          if (t < d) {
            const v = (points[pb + t] as number) - (points[qb + t] as number);
            s0 += v * v;
          }
          const s = s0 + s1;
          if (s < top) {
            const evicted = top;
            top = replaceTop(heap, heapId, m, s, q);
            // The evicted point ties with the new top (two points shared the old top).
            if (evicted === top && evicted < tieRejected) tieRejected = evicted;
          } else if (s === top && s < tieRejected) tieRejected = s;
        }
        continue;
      }
      const b0 = boxDistance(tree, p, c);
      const b1 = boxDistance(tree, p, c + 1);
      const nearFirst = b0 <= b1;
      const farBound = nearFirst ? b1 : b0;
      const nearBound = nearFirst ? b0 : b1;
      if (farBound <= top) {
        stack[sp] = nearFirst ? c + 1 : c;
        stackBound[sp++] = farBound;
      }
      if (nearBound <= top) {
        stack[sp] = nearFirst ? c : c + 1;
        stackBound[sp++] = nearBound;
      }
    }
    core2[index[p] as number] = m > 1 ? top : 0;
    neighbours.set(heapId, p * m);
    // A tie rejected while the top was larger is farther than the final core distance: harmless.
    complete[p] = tieRejected === top ? 0 : 1;
  }
  return { core2, neighbours, m, complete };
}

/** Replaces the maximum of the max-heap with v (id q), sifts down, returns the new maximum. */
function replaceTop(heap: Float64Array, ids: Int32Array, m: number, v: number, q: number): number {
  let pos = 0;
  for (;;) {
    const l = 2 * pos + 1;
    if (l >= m) break;
    let c = l;
    let cv = heap[l] as number;
    const r = l + 1;
    if (r < m) {
      const rv = heap[r] as number;
      if (rv > cv) {
        c = r;
        cv = rv;
      }
    }
    if (cv <= v) break;
    heap[pos] = cv;
    ids[pos] = ids[c] as number;
    pos = c;
  }
  heap[pos] = v;
  ids[pos] = q;
  return heap[0] as number;
}
