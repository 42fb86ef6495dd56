/** The k nearest stored rows of one query row, by exhaustive search (squared euclidean distance). */

export interface Neighbours {
  /** Row indices, nearest first; −1 where fewer than k rows exist. */
  readonly index: Int32Array;
  /** Squared distances, matching `index`. */
  readonly distance: Float64Array;
}

export function kNearest(points: ArrayLike<number>, cols: number, query: ArrayLike<number>, queryOffset: number, k: number, into?: Neighbours): Neighbours {
  const out = into ?? { index: new Int32Array(k), distance: new Float64Array(k) };
  const { index, distance } = out;
  index.fill(-1);
  distance.fill(Infinity);
  const m = points.length / cols;
  for (let r = 0; r < m; r++) {
    let s = 0;
    const off = r * cols;
    const worst = distance[k - 1] as number;
    for (let t = 0; t < cols && s < worst; t++) {
      const diff = (query[queryOffset + t] as number) - (points[off + t] as number);
      s += diff * diff;
    }
    if (s >= worst) continue;
    let p = k - 1;
    while (p > 0 && (distance[p - 1] as number) > s) {
      distance[p] = distance[p - 1] as number;
      index[p] = index[p - 1] as number;
      p--;
    }
    distance[p] = s;
    index[p] = r;
  }
  return out;
}
