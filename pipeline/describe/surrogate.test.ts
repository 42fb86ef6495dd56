import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { fromRows } from '../../lib/matrix.ts';
import { candidateThresholds, drivers, fitStumps } from './surrogate.ts';

describe('surrogate stump model', () => {
  it('finds the one feature that separates a segment, with its direction', () => {
    // Feature 0 decides membership (members have high values); feature 1 is noise.
    const rng = createRng(7);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const member = i % 4 === 0;
      rows.push([member ? 5 + rng.normal() : rng.normal(), rng.normal()]);
      y.push(member ? 1 : 0);
    }
    const x = fromRows(rows);
    const labels = Uint8Array.from(y);
    const model = fitStumps(x, labels, candidateThresholds(x, 16));
    const [top, second] = drivers(x, labels, model);
    expect(top).toMatchObject({ feature: 0, direction: 'higher' });
    expect(top!.importance).toBeGreaterThan(5 * (second?.importance ?? 0));
  });

  it('computes exact contributions on a hand-checked case', () => {
    // One stump on feature 0 at 0.5: left (x ≤ 0.5) gives −1, right +1; population mean of the stump = 0.
    const x = fromRows([[0], [0], [1], [1]]);
    const model = { stumps: [{ feature: 0, threshold: 0.5, left: -1, right: 1 }] };
    expect(drivers(x, Uint8Array.from([0, 0, 1, 1]), model)).toEqual([{ feature: 0, importance: 1, direction: 'higher' }]);
  });

  it('is deterministic', () => {
    const x = fromRows([[1, 2], [2, 1], [3, 5], [4, 4], [5, 0]]);
    const y = Uint8Array.from([0, 0, 1, 1, 0]);
    const t = candidateThresholds(x, 4);
    expect(fitStumps(x, y, t)).toEqual(fitStumps(x, y, t));
  });
});
