/**
 * Behaviour every Embedder must have, as a reusable vitest suite: shape, unit rows, byte-identical
 * repeat runs, input order kept, empty input, and results that do not depend on the batch size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Embedder } from '../types.ts';

export interface ConformanceOptions {
  /** Texts to embed; should contain a duplicate, an empty string and at least 6 entries. */
  readonly texts?: readonly string[];
  /** Largest allowed difference between runs with different batching (kernels may sum in another order). */
  readonly batchTolerance?: number;
}

export const conformanceTexts: readonly string[] = Object.freeze([
  'my card was charged twice and I want a refund',
  'the dress fits perfectly!',
  'where is my order? it is late.',
  '',
  'I want a refund, the dress was late',
  'my card was charged twice and I want a refund',
  'Café au lait… 好 $5',
]);

type Closable = Embedder & { close?: () => Promise<void> };

export function runEmbedderConformance(name: string, factory: (batchSize: number) => Embedder, opts: ConformanceOptions = {}): void {
  const texts = opts.texts ?? conformanceTexts;
  const tol = opts.batchTolerance ?? 1e-6;
  const made: Closable[] = [];
  const make = (batchSize: number): Embedder => {
    const e = factory(batchSize) as Closable;
    made.push(e);
    return e;
  };

  describe(`embedder conformance: ${name}`, () => {
    let first: Matrix;
    let again: Matrix;
    beforeAll(async () => {
      first = await make(3).embed(texts);
      again = await make(3).embed(texts);
    });
    afterAll(async () => {
      for (const e of made) await e.close?.();
    });

    it('has a model id and serialisable options', () => {
      const e = make(3);
      expect(typeof e.model).toBe('string');
      expect(e.model.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(e.options))).toEqual(e.options);
    });

    it('returns one float32 row per text', () => {
      expect(first.rows).toBe(texts.length);
      expect(first.cols).toBeGreaterThan(0);
      expect(first.data).toBeInstanceOf(Float32Array);
      expect(first.data.length).toBe(first.rows * first.cols);
    });

    it('returns unit rows', () => {
      for (let i = 0; i < first.rows; i++) {
        let ss = 0;
        for (let j = 0; j < first.cols; j++) ss += (first.data[i * first.cols + j] as number) ** 2;
        expect(Math.abs(Math.sqrt(ss) - 1)).toBeLessThan(1e-5);
      }
    });

    it('is deterministic to the byte', () => {
      expect(Buffer.from(again.data.buffer).equals(Buffer.from(first.data.buffer))).toBe(true);
    });

    it('keeps input order', async () => {
      const reversed = await make(3).embed([...texts].reverse());
      expect(maxRowDiff(first, reversed, (i) => texts.length - 1 - i)).toBeLessThanOrEqual(tol);
    });

    it('gives identical texts identical rows', () => {
      const a = texts.indexOf(texts[0] as string);
      const b = texts.lastIndexOf(texts[0] as string);
      if (a === b) return;
      const row = (i: number): number[] => Array.from(first.data.subarray(i * first.cols, (i + 1) * first.cols));
      expect(maxAbs(row(a), row(b))).toBeLessThanOrEqual(tol);
    });

    it('embeds empty input as 0 rows of the same width', async () => {
      const empty = await make(3).embed([]);
      expect(empty.rows).toBe(0);
      expect(empty.cols).toBe(first.cols);
      expect(empty.data.length).toBe(0);
    });

    it('does not depend on the batch size', async () => {
      const single = await make(1).embed(texts);
      const whole = await make(texts.length + 5).embed(texts);
      expect(maxRowDiff(first, single, (i) => i)).toBeLessThanOrEqual(tol);
      expect(maxRowDiff(first, whole, (i) => i)).toBeLessThanOrEqual(tol);
    });

    it('rejects a non-string text with a PersonaError', async () => {
      const err = await make(3)
        .embed(['ok', 42 as unknown as string])
        .catch((e: unknown) => e);
      expect(isPersonaError(err)).toBe(true);
    });
  });
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

function maxRowDiff(a: Matrix, b: Matrix, map: (i: number) => number): number {
  expect([b.rows, b.cols]).toEqual([a.rows, a.cols]);
  let m = 0;
  for (let i = 0; i < a.rows; i++) {
    const j = map(i);
    m = Math.max(m, maxAbs(a.data.subarray(i * a.cols, (i + 1) * a.cols), b.data.subarray(j * b.cols, (j + 1) * b.cols)));
  }
  return m;
}
