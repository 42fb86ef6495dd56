import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { contrastFeatures, topContrasts } from './top-features.ts';

describe('feature contrasts', () => {
  it('computes means, lift and z by hand', () => {
    // spend: segment 0 = {10, 30}, segment 1 = {0, 0}; population mean 10, variance (0+400+100+100)/4 = 150.
    const raw = fromRows([[10], [30], [0], [0]]);
    const [s0, s1] = contrastFeatures(raw, [{ name: 'spend', description: 'money spent', block: 'value' }], Int32Array.from([0, 0, 1, 1]), 2);
    expect(s0?.[0]).toMatchObject({ segmentMean: 20, populationMean: 10, lift: 2, direction: 'higher' });
    expect(s0?.[0]?.z).toBeCloseTo(10 / Math.sqrt(150), 12);
    expect(s1?.[0]?.z).toBeCloseTo(-10 / Math.sqrt(150), 12);
  });

  it('orders by |z|', () => {
    const raw = fromRows([[1, 100], [1, 0], [0, 50], [0, 50]]);
    const names = [
      { name: 'is_member', description: '', block: 'b' },
      { name: 'monetary_total', description: '', block: 'v' },
    ];
    const [s0] = contrastFeatures(raw, names, Int32Array.from([0, 0, 1, 1]), 2);
    const top = topContrasts(s0 ?? [], 1);
    expect(top[0]?.feature).toBe('is_member');
  });
});
