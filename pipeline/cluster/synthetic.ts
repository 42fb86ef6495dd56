/**
 * Seeded synthetic data with a known answer, for tests, conformance checks and benchmarks: isotropic
 * Gaussian blobs with well-separated centres, optionally plus uniform background noise.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/rng.ts';

export type BlobOptions = {
  readonly blobs: number;
  /** Points per blob, or one count per blob. */
  readonly perBlob: number | readonly number[];
  readonly dims: number;
  readonly std?: number;
  /** Minimum distance between any two centres. */
  readonly minSeparation?: number;
  /** Share of the final rows that are uniform noise (0 = none). */
  readonly noiseShare?: number;
  /** Noise box = the blobs' bounding box widened by this share of its extent on every side. */
  readonly boxPadding?: number;
};

export const blobDefaults = Object.freeze({ std: 1, minSeparation: 20, noiseShare: 0, boxPadding: 0.1 });

export interface Blobs {
  readonly x: Matrix;
  /** Blob index per row, −1 for noise rows (which come last). */
  readonly truth: Int32Array;
  readonly centres: Float64Array;
}

export function gaussianBlobs(o: BlobOptions, rng: Rng): Blobs {
  const { blobs, dims } = o;
  const std = o.std ?? blobDefaults.std;
  const sep = o.minSeparation ?? blobDefaults.minSeparation;
  const noiseShare = o.noiseShare ?? blobDefaults.noiseShare;
  const pad = o.boxPadding ?? blobDefaults.boxPadding;
  const sizes = typeof o.perBlob === 'number' ? Array.from({ length: blobs }, () => o.perBlob as number) : [...o.perBlob];
  if (sizes.length !== blobs || noiseShare < 0 || noiseShare >= 1) {
    throw new PersonaError('bad_option', `gaussianBlobs: ${sizes.length} sizes for ${blobs} blobs, noiseShare ${noiseShare}`);
  }
  const centres = placeCentres(blobs, dims, sep, rng);
  const blobRows = sizes.reduce((a, b) => a + b, 0);
  const noiseRows = Math.round((blobRows * noiseShare) / (1 - noiseShare));
  const n = blobRows + noiseRows;
  const data = new Float64Array(n * dims);
  const truth = new Int32Array(n).fill(-1);
  let r = 0;
  sizes.forEach((size, b) => {
    for (let i = 0; i < size; i++, r++) {
      truth[r] = b;
      for (let t = 0; t < dims; t++) data[r * dims + t] = (centres[b * dims + t] as number) + std * rng.normal();
    }
  });
  const lo = new Float64Array(dims).fill(Infinity);
  const hi = new Float64Array(dims).fill(-Infinity);
  for (let i = 0; i < blobRows * dims; i++) {
    const t = i % dims;
    lo[t] = Math.min(lo[t] as number, data[i] as number);
    hi[t] = Math.max(hi[t] as number, data[i] as number);
  }
  for (; r < n; r++) {
    for (let t = 0; t < dims; t++) {
      const extent = (hi[t] as number) - (lo[t] as number);
      data[r * dims + t] = (lo[t] as number) - pad * extent + rng.next() * extent * (1 + 2 * pad);
    }
  }
  return { x: { rows: n, cols: dims, data }, truth, centres };
}

/** Centres uniform in a cube grown until rejection sampling finds them all ≥ sep apart. */
function placeCentres(k: number, dims: number, sep: number, rng: Rng): Float64Array {
  const c = new Float64Array(k * dims);
  let half = sep;
  for (let placed = 0, tries = 0; placed < k; tries++) {
    if (tries > 200) {
      half *= 1.25;
      tries = 0;
    }
    for (let t = 0; t < dims; t++) c[placed * dims + t] = (rng.next() * 2 - 1) * half;
    let ok = true;
    for (let q = 0; q < placed && ok; q++) {
      let s = 0;
      for (let t = 0; t < dims; t++) s += ((c[placed * dims + t] as number) - (c[q * dims + t] as number)) ** 2;
      ok = s >= sep * sep;
    }
    if (ok) placed++;
  }
  return c;
}
