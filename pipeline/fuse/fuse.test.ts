import { describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import { createMatrix, type Matrix } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { fuseBlocks } from './fuse.ts';

function random(rows: number, cols: number, seed: number, scale: number, shift: number): Matrix {
  const rng = createRng(seed);
  return createMatrix(rows, cols, Float64Array.from({ length: rows * cols }, () => rng.normal() * scale + shift));
}

/** Share of the total variance (sum of squared deviations from column means) held by columns [from, to). */
function shares(m: Matrix, bounds: readonly [number, number][]): number[] {
  const colVar = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) {
    let mean = 0;
    for (let i = 0; i < m.rows; i++) mean += (m.data[i * m.cols + j] as number) / m.rows;
    for (let i = 0; i < m.rows; i++) colVar[j] = (colVar[j] as number) + ((m.data[i * m.cols + j] as number) - mean) ** 2;
  }
  const total = colVar.reduce((a, b) => a + b, 0);
  return bounds.map(([a, b]) => colVar.slice(a, b).reduce((s, v) => s + v, 0) / total);
}

describe('fuseBlocks', () => {
  const semantic = random(40, 32, 1, 0.05, 0.3); // unit-vector-like scale, many columns
  const behavioural = random(40, 5, 2, 900, 5000); // money-like scale, few columns

  it('gives each block exactly its weight as share of total variance', () => {
    const { matrix, report } = fuseBlocks(
      [
        { name: 'semantic', matrix: semantic },
        { name: 'behavioural', matrix: behavioural },
      ],
      { semantic: 3, behavioural: 1 },
    );
    expect([matrix.rows, matrix.cols]).toEqual([40, 37]);
    const [s, b] = shares(matrix, [
      [0, 32],
      [32, 37],
    ]);
    expect(Math.abs((s as number) - 0.75)).toBeLessThan(1e-9);
    expect(Math.abs((b as number) - 0.25)).toBeLessThan(1e-9);
    expect(report.params).toMatchObject({ weights: { semantic: 0.75, behavioural: 0.25 } });
  });

  it('uses 0.75/0.25 for semantic + behavioural and equal weights otherwise', () => {
    const d = fuseBlocks([
      { name: 'behavioural', matrix: behavioural },
      { name: 'semantic', matrix: semantic },
    ]);
    const [b, s] = shares(d.matrix, [
      [0, 5],
      [5, 37],
    ]);
    expect(Math.abs((s as number) - 0.75)).toBeLessThan(1e-9);
    expect(Math.abs((b as number) - 0.25)).toBeLessThan(1e-9);

    const e = fuseBlocks([
      { name: 'a', matrix: semantic },
      { name: 'b', matrix: behavioural },
      { name: 'c', matrix: random(40, 2, 3, 1, 0) },
    ]);
    for (const share of shares(e.matrix, [
      [0, 32],
      [32, 37],
      [37, 39],
    ])) {
      expect(Math.abs(share - 1 / 3)).toBeLessThan(1e-9);
    }
  });

  it('names both shapes when rows differ', () => {
    let err: unknown;
    try {
      fuseBlocks([
        { name: 'semantic', matrix: semantic },
        { name: 'behavioural', matrix: random(39, 5, 2, 1, 0) },
      ]);
    } catch (e) {
      err = e;
    }
    expect(isPersonaError(err) && err.code).toBe('shape_mismatch');
    expect((err as Error).message).toContain('semantic 40×32');
    expect((err as Error).message).toContain('behavioural 39×5');
  });

  it('lists block names when a present block has no weight, and ignores absent ones', () => {
    const blocks = [
      { name: 'semantic', matrix: semantic },
      { name: 'behavioural', matrix: behavioural },
    ];
    expect(() => fuseBlocks(blocks, { semantic: 1 })).toThrow(/behavioural.*blocks present: semantic, behavioural/);
    const r = fuseBlocks(blocks, { semantic: 1, behavioural: 1, topics: 5 });
    expect(r.report.notes?.join(' ')).toMatch(/absent blocks ignored: topics/);
    expect(() => fuseBlocks(blocks, { semantic: -1, behavioural: 1 })).toThrow(/≥ 0/);
  });
});
