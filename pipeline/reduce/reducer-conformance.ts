/**
 * Behaviour every Reducer must have, as a reusable vitest suite: rows × components output, identical
 * bytes for the same seed, input left untouched, and PersonaErrors (with the shape) on bad input.
 */
import { describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import { createMatrix, type Matrix } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import type { Reducer } from '../types.ts';

/** Separated Gaussian blobs: `labels[i]` is the blob of row i. */
export function blobs(n: number, dim: number, k: number, seed: number, spread = 6): { x: Matrix; labels: number[] } {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: dim }, () => rng.normal() * spread));
  const data = new Float64Array(n * dim);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels.push(c);
    for (let j = 0; j < dim; j++) data[i * dim + j] = (centres[c] as number[])[j] as number + rng.normal();
  }
  return { x: createMatrix(n, dim, data), labels };
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

export function runReducerConformance(name: string, factory: (components: number) => Reducer): void {
  describe(`reducer conformance: ${name}`, () => {
    const { x } = blobs(30, 8, 3, 11);

    it('returns rows × components and a report', async () => {
      const r = await factory(3).fit(x, createRng(1));
      expect([r.embedding.rows, r.embedding.cols, r.embedding.data.length]).toEqual([30, 3, 90]);
      expect(r.embedding.data.every(Number.isFinite)).toBe(true);
      expect([r.report.rowsIn, r.report.rowsOut]).toEqual([30, 30]);
      expect(JSON.parse(JSON.stringify(factory(3).options))).toEqual(factory(3).options);
    });

    it('gives identical bytes for the same seed and leaves the input alone', async () => {
      const before = Float64Array.from(x.data);
      const a = await factory(2).fit(x, createRng(7));
      const b = await factory(2).fit(x, createRng(7));
      expect(Buffer.from(a.embedding.data.buffer).equals(Buffer.from(b.embedding.data.buffer))).toBe(true);
      expect(Array.from(x.data)).toEqual(Array.from(before));
    });

    it('rejects bad shapes and values with a PersonaError naming the shape', async () => {
      const lying = { rows: 5, cols: 3, data: new Float64Array(14) };
      const e1 = await errorOf(factory(2).fit(lying, createRng(1)));
      expect(isPersonaError(e1) && e1.code).toBe('shape_mismatch');
      expect((e1 as Error).message).toContain('5×3');

      const empty = await errorOf(factory(2).fit(createMatrix(0, 3), createRng(1)));
      expect(isPersonaError(empty) && empty.code).toBe('shape_mismatch');
      expect((empty as Error).message).toContain('0×3');

      const nan = Float64Array.from(x.data);
      nan[4] = Number.NaN;
      const e2 = await errorOf(factory(2).fit(createMatrix(30, 8, nan), createRng(1)));
      expect(isPersonaError(e2) && e2.code).toBe('bad_value');
    });

    it('rejects a non-positive component count', async () => {
      const e = await errorOf(factory(0).fit(x, createRng(1)));
      expect(isPersonaError(e) && e.code).toBe('bad_option');
    });
  });
}
