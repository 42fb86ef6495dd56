import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import { fromRows } from '../../lib/matrix.ts';
import { poolByCustomer } from './pool.ts';

describe('poolByCustomer', () => {
  const m = fromRows([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0.6, 0.8, 0],
  ]);

  it('averages each customer texts, re-normalises, and zero-fills customers without texts', () => {
    const { matrix, counts } = poolByCustomer(m, ['a', 'b', 'a', 'a'], ['b', 'c', 'a']);
    expect(Array.from(counts)).toEqual([1, 0, 3]);
    expect([matrix.rows, matrix.cols]).toEqual([3, 3]);
    const s = Math.hypot(1.6, 0.8, 1);
    const got = Array.from(matrix.data);
    [0, 1, 0, 0, 0, 0, 1.6 / s, 0.8 / s, 1 / s].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
  });

  it('checks shapes and ids', () => {
    expect(() => poolByCustomer(m, ['a'], ['a'])).toThrow(/expected 1 rows, got 4×3/);
    expect(() => poolByCustomer(m, ['a', 'b', 'a', 'z'], ['a', 'b'])).toThrow(/1 of 4 texts .*"z"/);
    expect(() => poolByCustomer(m, ['a', 'a', 'a', 'a'], ['a', 'a'])).toThrow(PersonaError);
  });
});
