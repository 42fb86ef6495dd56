/**
 * A kd-tree on flat typed arrays, for the O(n log n) HDBSCAN path in low dimensions: median splits on
 * the widest side, leaves of up to `leafSize` points, an axis-aligned bounding box per node. Memory is
 * O(n·d): one reordered copy of the rows plus O(n / leafSize) nodes.
 */

export interface KdTree {
  readonly n: number;
  readonly d: number;
  /** Rows in tree order (row p is original row index[p]). */
  readonly points: Float64Array;
  readonly index: Int32Array;
  /** Node k covers tree positions start[k]..end[k); children left[k] and left[k] + 1, or −1 for a leaf. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly left: Int32Array;
  /** Bounding boxes, node-major: lo[k·d + t], hi[k·d + t]. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly nodeCount: number;
}

export const kdTreeDefaults = Object.freeze({ leafSize: 32 });

/** Builds the tree over a flat row-major n×d array. Deterministic: no randomness in the splits. */
export function buildKdTree(data: Float64Array, n: number, d: number, leafSize: number = kdTreeDefaults.leafSize): KdTree {
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  // Every leaf holds at least ⌈leafSize / 2⌉ points when n > leafSize, which bounds the node count.
  const half = Math.max(1, Math.floor((leafSize + 1) / 2));
  const cap = 2 * Math.ceil(n / half) + 1;
  const start = new Int32Array(cap);
  const end = new Int32Array(cap);
  const left = new Int32Array(cap).fill(-1);
  const lo = new Float64Array(cap * d);
  const hi = new Float64Array(cap * d);
  let nodeCount = 1;
  start[0] = 0;
  end[0] = n;
  // Explicit stack of nodes still to bound and split.
  const stack: number[] = [0];
  while (stack.length) {
    const k = stack.pop() as number;
    const s = start[k] as number;
    const e = end[k] as number;
    const ob = k * d;
    for (let t = 0; t < d; t++) {
      lo[ob + t] = Infinity;
      hi[ob + t] = -Infinity;
    }
    for (let p = s; p < e; p++) {
      const b = (index[p] as number) * d;
      for (let t = 0; t < d; t++) {
        const v = data[b + t] as number;
        if (v < (lo[ob + t] as number)) lo[ob + t] = v;
        if (v > (hi[ob + t] as number)) hi[ob + t] = v;
      }
    }
    if (e - s <= leafSize) continue;
    let dim = 0;
    let widest = -1;
    for (let t = 0; t < d; t++) {
      const w = (hi[ob + t] as number) - (lo[ob + t] as number);
      if (w > widest) {
        widest = w;
        dim = t;
      }
    }
    // All points equal: nothing to split on; the node stays a (large) leaf.
    if (!(widest > 0)) continue;
    const mid = (s + e) >> 1;
    selectNth(index, data, d, dim, s, e - 1, mid);
    const c = nodeCount;
    nodeCount += 2;
    left[k] = c;
    start[c] = s;
    end[c] = mid;
    start[c + 1] = mid;
    end[c + 1] = e;
    stack.push(c + 1, c);
  }
  const points = new Float64Array(n * d);
  for (let p = 0; p < n; p++) points.set(data.subarray((index[p] as number) * d, (index[p] as number) * d + d), p * d);
  return { n, d, points, index, start, end, left, lo, hi, nodeCount };
}

/** Hoare quickselect on index[lo..hi] by coordinate dim: afterwards position nth holds its order statistic. */
function selectNth(index: Int32Array, data: Float64Array, d: number, dim: number, lo: number, hi: number, nth: number): void {
  let l = lo;
  let h = hi;
  while (l < h) {
    // Median of three as pivot: deterministic and robust to sorted input.
    const m = (l + h) >> 1;
    const a = data[(index[l] as number) * d + dim] as number;
    const b = data[(index[m] as number) * d + dim] as number;
    const c = data[(index[h] as number) * d + dim] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = l;
    let j = h;
    while (i <= j) {
      while ((data[(index[i] as number) * d + dim] as number) < pivot) i++;
      while ((data[(index[j] as number) * d + dim] as number) > pivot) j--;
      if (i <= j) {
        const tmp = index[i] as number;
        index[i] = index[j] as number;
        index[j] = tmp;
        i++;
        j--;
      }
    }
    if (nth <= j) h = j;
    else if (nth >= i) l = i;
    else return;
  }
}

/**
 * Squared distance from row p (tree order) to node k's box, shrunk by a relative 1e-12 so that float
 * rounding can never make the bound exceed a distance the kernels compute: pruning stays exact.
 */
export function boxDistance(tree: KdTree, p: number, k: number): number {
  const { d, points, lo, hi } = tree;
  const pb = p * d;
  const kb = k * d;
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = points[pb + t] as number;
    const a = (lo[kb + t] as number) - v;
    if (a > 0) s += a * a;
    else {
      const b = v - (hi[kb + t] as number);
      if (b > 0) s += b * b;
    }
  }
  return s * (1 - 1e-12);
}
