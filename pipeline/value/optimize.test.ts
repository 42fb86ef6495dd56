import { describe, expect, it } from 'vitest';
import { nelderMead } from './optimize.ts';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const m = nelderMead((x) => ((x[0] as number) - 3) ** 2 + 10 * ((x[1] as number) + 1) ** 2 + 5, [0, 0]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(3, 4);
    expect(m.x[1]).toBeCloseTo(-1, 4);
    expect(m.value).toBeCloseTo(5, 8);
  });

  it('follows the Rosenbrock valley to (1, 1)', () => {
    const rosen = (x: Float64Array) => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
    const m = nelderMead(rosen, [-1.2, 1], { maxIterations: 5000 });
    expect(m.x[0]).toBeCloseTo(1, 3);
    expect(m.x[1]).toBeCloseTo(1, 3);
  });

  it('walks away from non-finite values', () => {
    const m = nelderMead((x) => ((x[0] as number) < 0 ? Number.NaN : ((x[0] as number) - 2) ** 2), [0.1]);
    expect(m.x[0]).toBeCloseTo(2, 4);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const m = nelderMead((x) => (x[0] as number) ** 2 + (x[1] as number) ** 2, [50, -50], { maxIterations: 3, restarts: 0 });
    expect(m.iterations).toBe(3);
    expect(m.converged).toBe(false);
  });

  it('is deterministic', () => {
    const f = (x: Float64Array) => Math.sin(x[0] as number) + ((x[1] as number) - 0.3) ** 2;
    expect(Array.from(nelderMead(f, [1, 1]).x)).toEqual(Array.from(nelderMead(f, [1, 1]).x));
  });

  it('rejects bad options and start points', () => {
    expect(() => nelderMead(() => 0, [0], { maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => nelderMead(() => 0, [0], { tolerance: -1 })).toThrow(/tolerance/);
    expect(() => nelderMead(() => 0, [])).toThrow(/0 dimensions/);
    expect(() => nelderMead(() => 0, [Number.NaN])).toThrow(/coordinate 0/);
  });
});
