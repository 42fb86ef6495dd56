/**
 * Pieces every clusterer shares: input checks, deterministic label order, the stage report and the
 * option checks that run in `fit` (factories only store options).
 */
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, type Matrix } from '../../lib/matrix.ts';
import type { StageReport } from '../types.ts';

/** Shape and finiteness check on entry; every message names the matrix shape. */
export function checkInput(x: Matrix, stage: string, minRows: number): void {
  if (!Number.isInteger(x.rows) || !Number.isInteger(x.cols) || x.rows < 0 || x.cols < 0) {
    throw new PersonaError('shape_mismatch', `${stage}: matrix claims ${x.rows}×${x.cols}, which is not a shape`);
  }
  assertShape(x, stage, { minRows });
  if (x.cols < 1) throw new PersonaError('shape_mismatch', `${stage}: needs at least 1 column, got ${x.rows}×${x.cols}`);
}

/** The hot loops are written for one array type; a Float32 input is widened once (O(n·d)). */
export function asFloat64(x: Matrix): Float64Array {
  return x.data instanceof Float64Array ? x.data : Float64Array.from(x.data);
}

export interface OrderedLabels {
  readonly labels: Int32Array;
  readonly clusterCount: number;
  /** sizes[c] = members of segment c, descending. */
  readonly sizes: readonly number[];
  /** rawToOrdered.get(raw) = the segment id a raw cluster id became. */
  readonly rawToOrdered: ReadonlyMap<number, number>;
}

/**
 * Renumbers raw cluster ids (any integers, negative = noise) to 0..k-1 by size descending, ties by the
 * smallest member index, so equal partitions always get equal labels whatever ids the algorithm used.
 */
export function orderLabelsBySize(raw: ArrayLike<number>): OrderedLabels {
  const stats = new Map<number, { size: number; first: number }>();
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] as number;
    if (r < 0) continue;
    const s = stats.get(r);
    if (s) s.size++;
    else stats.set(r, { size: 1, first: i });
  }
  const order = [...stats.entries()].sort((a, b) => b[1].size - a[1].size || a[1].first - b[1].first);
  const rawToOrdered = new Map<number, number>();
  order.forEach(([r], i) => rawToOrdered.set(r, i));
  const labels = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] as number;
    labels[i] = r < 0 ? -1 : (rawToOrdered.get(r) as number);
  }
  return { labels, clusterCount: order.length, sizes: order.map(([, s]) => s.size), rawToOrdered };
}

export function countNoise(labels: Int32Array): number {
  let noise = 0;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) < 0) noise++;
  return noise;
}

export function clusterReport(args: {
  readonly started: number;
  readonly rows: number;
  readonly labels: Int32Array;
  readonly clusterCount: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly counts?: Readonly<Record<string, number>>;
  readonly notes?: readonly string[];
}): StageReport {
  return {
    stage: 'cluster',
    ms: Math.round((performance.now() - args.started) * 10) / 10,
    rowsIn: args.rows,
    rowsOut: args.rows,
    params: args.params,
    counts: { clusters: args.clusterCount, noise: countNoise(args.labels), ...args.counts },
    ...(args.notes && args.notes.length ? { notes: args.notes } : {}),
  };
}

// Option checks, run inside fit.

export function requireInt(stage: string, name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new PersonaError('bad_option', `${stage}: ${name} must be ${range}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireNumber(stage: string, name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new PersonaError('bad_option', `${stage}: ${name} must be a number in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireBoolean(stage: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new PersonaError('bad_option', `${stage}: ${name} must be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireOneOf<T extends string>(stage: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new PersonaError('bad_option', `${stage}: ${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}
