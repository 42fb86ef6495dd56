/**
 * The contract every Clusterer must meet, as a vitest suite: call runClustererConformance from a test
 * file with a factory for a clusterer that should find 3 well-separated blobs.
 */
import { describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { createRng, shuffled } from '../../lib/rng.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import type { Clusterer, Clustering } from '../types.ts';
import { gaussianBlobs } from './synthetic.ts';

export type ConformanceOptions = {
  /** Lowest ARI allowed between a fit and a fit on permuted rows (1 = same partition). */
  readonly permutationMinAri?: number;
};

export function runClustererConformance(name: string, factory: () => Clusterer, options: ConformanceOptions = {}): void {
  const minAri = options.permutationMinAri ?? 1;
  const blobs = gaussianBlobs({ blobs: 3, perBlob: 60, dims: 4, std: 1, minSeparation: 20 }, createRng(7));
  let cached: Clustering | undefined;
  const reference = (): Clustering => (cached ??= factory().fit(blobs.x, createRng(1)));

  describe(`${name} conformance`, () => {
    it('gives one label per row, in −1..k−1, using every id 0..k−1', () => {
      const c = reference();
      expect(c.labels).toBeInstanceOf(Int32Array);
      expect(c.labels.length).toBe(blobs.x.rows);
      expect(c.probabilities.length).toBe(blobs.x.rows);
      const used = new Set<number>();
      for (const l of c.labels) {
        expect(l).toBeGreaterThanOrEqual(-1);
        expect(l).toBeLessThan(c.clusterCount);
        if (l >= 0) used.add(l);
      }
      expect(used.size).toBe(c.clusterCount);
    });

    it('numbers segments by size descending, ties by smallest member index', () => {
      const c = reference();
      const size = new Array<number>(c.clusterCount).fill(0);
      const first = new Array<number>(c.clusterCount).fill(Infinity);
      c.labels.forEach((l, i) => {
        if (l < 0) return;
        size[l] = (size[l] as number) + 1;
        first[l] = Math.min(first[l] as number, i);
      });
      for (let l = 1; l < c.clusterCount; l++) {
        expect(size[l] as number).toBeLessThanOrEqual(size[l - 1] as number);
        if (size[l] === size[l - 1]) expect(first[l] as number).toBeGreaterThan(first[l - 1] as number);
      }
    });

    it('keeps probabilities (and outlier scores) in [0, 1]', () => {
      const c = reference();
      for (const p of c.probabilities) expect(p >= 0 && p <= 1).toBe(true);
      for (const s of c.outlierScores ?? []) expect(s >= 0 && s <= 1).toBe(true);
      expect(c.report.counts?.clusters).toBe(c.clusterCount);
      expect(c.report.rowsIn).toBe(blobs.x.rows);
    });

    it('is byte-identical for the same seed', () => {
      const a = reference();
      const b = factory().fit(blobs.x, createRng(1));
      expect(bytes(b.labels)).toEqual(bytes(a.labels));
      expect(bytes(b.probabilities)).toEqual(bytes(a.probabilities));
      if (a.outlierScores || b.outlierScores) expect(bytes(b.outlierScores)).toEqual(bytes(a.outlierScores));
      expect(b.clusterCount).toBe(a.clusterCount);
      expect({ ...b.report, ms: 0 }).toEqual({ ...a.report, ms: 0 });
    });

    it('finds the same partition when the rows are permuted', () => {
      const n = blobs.x.rows;
      const d = blobs.x.cols;
      const perm = shuffled(Array.from({ length: n }, (_, i) => i), createRng(99));
      const data = new Float64Array(n * d);
      perm.forEach((src, i) => data.set(blobs.x.data.subarray(src * d, (src + 1) * d), i * d));
      const permuted = factory().fit({ rows: n, cols: d, data }, createRng(1));
      const back = new Int32Array(n);
      perm.forEach((src, i) => (back[src] = permuted.labels[i] as number));
      expect(adjustedRandIndex(back, reference().labels)).toBeGreaterThanOrEqual(minAri);
    });

    it('rejects malformed input with the shape in the message', () => {
      const cases: [Matrix, string][] = [
        [{ rows: 10, cols: 3, data: new Float64Array(29) }, '10×3'],
        [{ rows: 1, cols: 4, data: new Float64Array(4) }, '1×4'],
        [{ rows: 12, cols: 2, data: Float64Array.from({ length: 24 }, (_, i) => (i === 5 ? NaN : i)) }, '12×2'],
      ];
      for (const [x, shape] of cases) {
        let caught: unknown;
        try {
          factory().fit(x, createRng(1));
        } catch (err) {
          caught = err;
        }
        expect(isPersonaError(caught), `${shape}: ${String(caught)}`).toBe(true);
        expect((caught as Error).message).toContain(shape);
      }
    });

    it('recovers 3 well-separated blobs (ARI ≥ 0.95)', () => {
      const c = reference();
      expect(c.clusterCount).toBe(3);
      expect(adjustedRandIndex(blobs.truth, c.labels)).toBeGreaterThanOrEqual(0.95);
    });
  });
}

function bytes(a: Int32Array | Float64Array | undefined): number[] {
  return a ? [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)] : [];
}
