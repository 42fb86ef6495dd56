/**
 * Centroid geometry shared by the centroid-based pieces (k-means, Ward, noise reassignment).
 */

/** Mean of each segment's rows (k×d, row-major) and its size; labels < 0 are ignored. */
export function segmentCentroids(data: ArrayLike<number>, d: number, labels: Int32Array, k: number): { centres: Float64Array; sizes: Float64Array } {
  const centres = new Float64Array(k * d);
  const sizes = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (l < 0) continue;
    sizes[l] = (sizes[l] as number) + 1;
    for (let t = 0; t < d; t++) centres[l * d + t] = (centres[l * d + t] as number) + (data[i * d + t] as number);
  }
  for (let l = 0; l < k; l++) {
    const s = sizes[l] as number;
    if (s > 0) for (let t = 0; t < d; t++) centres[l * d + t] = (centres[l * d + t] as number) / s;
  }
  return { centres, sizes };
}

export function distanceToCentre(data: ArrayLike<number>, i: number, centres: Float64Array, l: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = (data[i * d + t] as number) - (centres[l * d + t] as number);
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * Soft confidence of a hard centroid assignment: p = d_other / (d_own + d_other), with d_own the
 * distance to the own centroid and d_other to the nearest other one. That is the own centroid's share
 * of inverse-distance weight between the two: 1 on the centroid, 0.5 on the boundary, below 0.5 if
 * another centroid is nearer. A single segment, or a point on two coinciding centroids, gets 1.
 */
export function centroidConfidence(data: ArrayLike<number>, d: number, labels: Int32Array, centres: Float64Array, k: number): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const own = labels[i] as number;
    if (own < 0) continue;
    if (k < 2) {
      out[i] = 1;
      continue;
    }
    const dOwn = distanceToCentre(data, i, centres, own, d);
    let dOther = Infinity;
    for (let l = 0; l < k; l++) if (l !== own) dOther = Math.min(dOther, distanceToCentre(data, i, centres, l, d));
    out[i] = dOwn + dOther > 0 ? dOther / (dOwn + dOther) : 1;
  }
  return out;
}
