import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { applyScaler, fitScaler } from './scale.ts';

const col = (xs: number[]) => fromRows(xs.map((x) => [x]));

describe('fitScaler / applyScaler', () => {
  it('standard: mean and population standard deviation', () => {
    const f = fitScaler(col([1, 2, 3, 4]), 'standard');
    expect(f.center[0]).toBe(2.5);
    expect(f.scale[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    const z = Array.from(applyScaler(col([1, 2, 3, 4]), f).data);
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(z[3]).toBeCloseTo(1.5 / Math.sqrt(1.25), 12);
  });

  it('robust: median and type-7 IQR, heavy tail clipped', () => {
    const m = col([1, 2, 3, 4, 100]);
    const f = fitScaler(m, 'robust');
    expect(f.center[0]).toBe(3);
    expect(f.scale[0]).toBe(2); // Q3 = 4, Q1 = 2
    expect(Array.from(applyScaler(m, f).data)).toEqual([-1, -0.5, 0, 0.5, 48.5]);
    expect(Array.from(applyScaler(m, f, 5).data)).toEqual([-1, -0.5, 0, 0.5, 5]);
  });

  it('robust: a varying column with zero IQR falls back to 1.349 standard deviations', () => {
    const f = fitScaler(col([0, 0, 0, 0, 1]), 'robust');
    expect(f.center[0]).toBe(0);
    expect(f.scale[0]).toBeCloseTo(0.4 * 1.349, 12);
    expect(f.constant[0]).toBe(0);
  });

  it('flags constant columns and maps them to 0, column by column', () => {
    const m = fromRows([
      [7, 1],
      [7, 3],
    ]);
    for (const kind of ['standard', 'robust'] as const) {
      const f = fitScaler(m, kind);
      expect(Array.from(f.constant)).toEqual([1, 0]);
      expect(f.scale[0]).toBe(1);
      const z = applyScaler(m, f);
      expect([z.data[0], z.data[2]]).toEqual([0, 0]);
      expect([z.data[1], z.data[3]]).toEqual([-1, 1]);
    }
  });

  it('rejects non-finite input and mismatched shapes', () => {
    expect(() => fitScaler(col([1, Number.NaN]), 'standard')).toThrow(/non-finite/);
    const f = fitScaler(col([1, 2]), 'standard');
    expect(() => applyScaler(fromRows([[1, 2]]), f)).toThrow(/expected 1 columns/);
  });
});
