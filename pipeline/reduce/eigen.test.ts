import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { symmetricEigen } from './eigen.ts';

describe('symmetricEigen', () => {
  it('decomposes a hand-checked 2×2 matrix', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0] as number)).toBeCloseTo(Math.SQRT1_2, 14);
    expect((vectors[0] as number) * (vectors[1] as number)).toBeGreaterThan(0);
  });

  it('satisfies A v = λ v with orthonormal vectors, largest first', () => {
    const n = 30;
    const rng = createRng(4);
    const b = Array.from({ length: n * n }, () => rng.normal());
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += (b[k * n + i] as number) * (b[k * n + j] as number);
        a[i * n + j] = s;
      }
    }
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 0; k < n; k++) {
      if (k) expect(values[k]).toBeLessThanOrEqual(values[k - 1] as number);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += (a[i * n + j] as number) * (vectors[k * n + j] as number);
        expect(Math.abs(s - (values[k] as number) * (vectors[k * n + i] as number))).toBeLessThan(1e-9);
      }
      for (let q = 0; q <= k; q++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += (vectors[k * n + j] as number) * (vectors[q * n + j] as number);
        expect(Math.abs(s - (q === k ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('handles diagonal and empty matrices', () => {
    expect(Array.from(symmetricEigen([1, 0, 0, 0, 3, 0, 0, 0, 2], 3).values)).toEqual([3, 2, 1]);
    expect(symmetricEigen([], 0).values.length).toBe(0);
  });
});
