/**
 * Where each customer sits relative to their segment in the clustering space: distance to the segment
 * centroid, members ordered from the centre outwards, and a closeness score in (0, 1].
 *
 * closeness = 1 / (1 + d / m), with d the distance to the centroid and m the segment's median distance:
 * 1 at the centre, 0.5 for a typical member, towards 0 far out. Dividing by the median makes scores
 * comparable across tight and loose segments and across spaces of any scale.
 */
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';

/** What every evidence selector reads: the clustering space, each row's segment and customer, and the pseudonym salt. */
export interface SegmentedCustomers {
  /** Customers × dimensions: the space the segments were clustered in. */
  readonly space: Matrix;
  readonly labels: Int32Array;
  readonly clusterCount: number;
  /** Customer id of each row of `space`. */
  readonly customerIds: readonly string[];
  /** Per-run salt for pseudonyms. */
  readonly salt: string;
}

export interface SegmentGeometry {
  /** Per segment, member row indices sorted by distance to the centroid (ties: lower index first). */
  readonly members: readonly Int32Array[];
  /** Per row, distance to its own segment's centroid (NaN for rows outside every segment). */
  readonly distance: Float64Array;
  /** Per segment, the median member distance (the unit of closeness); 1 when it is 0. */
  readonly scale: Float64Array;
  readonly centroids: readonly Float64Array[];
}

export function checkSegmentInput(stage: string, space: Matrix, labels: Int32Array, customerIds: readonly string[], clusterCount: number): void {
  if (!Number.isInteger(clusterCount) || clusterCount < 0) throw new PersonaError('bad_value', `${stage}: clusterCount must be a non-negative integer, got ${clusterCount}`);
  assertShape(space, stage, { rows: customerIds.length });
  if (labels.length !== space.rows) {
    throw new PersonaError('shape_mismatch', `${stage}: ${labels.length} labels for a ${space.rows}×${space.cols} space and ${customerIds.length} customer ids`);
  }
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] as number) >= clusterCount) throw new PersonaError('bad_value', `${stage}: label ${labels[i]} at row ${i} is not below clusterCount ${clusterCount}`);
  }
}

export function segmentGeometry(space: Matrix, labels: Int32Array, clusterCount: number): SegmentGeometry {
  const d = space.cols;
  const centroids = Array.from({ length: clusterCount }, () => new Float64Array(d));
  const sizes = new Int32Array(clusterCount);
  for (let i = 0; i < space.rows; i++) {
    const l = labels[i] as number;
    if (l < 0) continue;
    sizes[l]!++;
    const c = centroids[l] as Float64Array;
    for (let j = 0; j < d; j++) c[j]! += space.data[i * d + j] as number;
  }
  centroids.forEach((c, l) => {
    for (let j = 0; j < d; j++) c[j]! /= Math.max(1, sizes[l] as number);
  });
  const distance = new Float64Array(space.rows).fill(Number.NaN);
  const lists: number[][] = Array.from({ length: clusterCount }, () => []);
  for (let i = 0; i < space.rows; i++) {
    const l = labels[i] as number;
    if (l < 0) continue;
    distance[i] = rowDistance(space, i, centroids[l] as Float64Array);
    (lists[l] as number[]).push(i);
  }
  const members = lists.map((list) => Int32Array.from(list.sort((a, b) => (distance[a] as number) - (distance[b] as number) || a - b)));
  const scale = Float64Array.from(members, (m) => {
    if (m.length === 0) return 1;
    const mid = m.length >> 1;
    const median = m.length % 2 ? (distance[m[mid] as number] as number) : ((distance[m[mid - 1] as number] as number) + (distance[m[mid] as number] as number)) / 2;
    return median > 0 ? median : 1;
  });
  return { members, distance, scale, centroids };
}

export function closeness(distance: number, scale: number): number {
  return 1 / (1 + distance / scale);
}

/** Euclidean distance between two rows of the same matrix. */
export function rowsDistance(space: Matrix, a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < space.cols; j++) {
    const diff = (space.data[a * space.cols + j] as number) - (space.data[b * space.cols + j] as number);
    s += diff * diff;
  }
  return Math.sqrt(s);
}

function rowDistance(space: Matrix, i: number, centre: Float64Array): number {
  let s = 0;
  for (let j = 0; j < space.cols; j++) {
    const diff = (space.data[i * space.cols + j] as number) - (centre[j] as number);
    s += diff * diff;
  }
  return Math.sqrt(s);
}

/** Rounded for storage and display; ranking uses the unrounded value. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
