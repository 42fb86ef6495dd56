/**
 * A small deterministic Nelder–Mead minimiser. The value models optimise a handful of log-parameters,
 * where a derivative-free simplex is robust and needs no gradients of lgamma or 2F1.
 */
import { PersonaError } from '../../lib/errors.ts';

export interface NelderMeadOptions {
  readonly maxIterations?: number;
  /** Converged when the spread of simplex values and the simplex size both fall below this. */
  readonly tolerance?: number;
  /** Edge length of the initial simplex around the start point. */
  readonly initialStep?: number;
  /** Extra runs restarted from the best point, which rescue a simplex that collapsed early. */
  readonly restarts?: number;
}

export const defaults = Object.freeze({ maxIterations: 2000, tolerance: 1e-9, initialStep: 0.5, restarts: 2 });

export interface Minimum {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Minimises f from x0; non-finite values of f count as +Infinity so the simplex walks away from them. */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: NelderMeadOptions = {}): Minimum {
  const maxIterations = options.maxIterations ?? defaults.maxIterations;
  const tolerance = options.tolerance ?? defaults.tolerance;
  const step = options.initialStep ?? defaults.initialStep;
  const restarts = options.restarts ?? defaults.restarts;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new PersonaError('bad_option', `nelderMead: maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance > 0)) throw new PersonaError('bad_option', `nelderMead: tolerance must be > 0, got ${tolerance}`);
  if (!(step > 0)) throw new PersonaError('bad_option', `nelderMead: initialStep must be > 0, got ${step}`);
  if (!Number.isInteger(restarts) || restarts < 0) throw new PersonaError('bad_option', `nelderMead: restarts must be a non-negative integer, got ${restarts}`);
  if (x0.length < 1) throw new PersonaError('shape_mismatch', 'nelderMead: start point has 0 dimensions');
  for (let i = 0; i < x0.length; i++) {
    if (!Number.isFinite(x0[i] as number)) throw new PersonaError('bad_value', `nelderMead: start point coordinate ${i} is ${x0[i]}`);
  }
  const safe = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best = run(safe, Float64Array.from(x0), step, maxIterations, tolerance);
  let iterations = best.iterations;
  for (let r = 0; r < restarts && iterations < maxIterations; r++) {
    const again = run(safe, best.x, step / 2 ** (r + 1), maxIterations - iterations, tolerance);
    iterations += again.iterations;
    const improved = again.value < best.value - tolerance * (Math.abs(best.value) + tolerance);
    best = again.value <= best.value ? again : best;
    if (!improved && again.converged) break;
  }
  return { ...best, iterations };
}

function run(f: (x: Float64Array) => number, x0: Float64Array, step: number, maxIterations: number, tolerance: number): Minimum {
  const n = x0.length;
  const points: Float64Array[] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = (p[i] as number) + step;
    points.push(p);
  }
  const values = points.map(f);
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, towards: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = (from[j] as number) + t * ((towards[j] as number) - (from[j] as number));
    return out;
  };
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    // Ties broken by index keep the walk identical from run to run.
    order.sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
    const lo = order[0] as number;
    const hi = order[n] as number;
    const second = order[n - 1] as number;
    const fLo = values[lo] as number;
    const fHi = values[hi] as number;
    if (Number.isFinite(fHi) && Math.abs(fHi - fLo) <= tolerance * (Math.abs(fLo) + tolerance) && size(points, lo) <= Math.sqrt(tolerance)) {
      converged = true;
      break;
    }
    iterations++;
    centroid.fill(0);
    for (const i of order.slice(0, n)) {
      const p = points[i] as Float64Array;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const worst = points[hi] as Float64Array;
    const reflected = trial(centroid, worst, -1);
    const fR = f(reflected);
    if (fR < fLo) {
      const expanded = trial(centroid, worst, -2);
      const fE = f(expanded);
      if (fE < fR) replace(hi, expanded, fE);
      else replace(hi, reflected, fR);
    } else if (fR < (values[second] as number)) {
      replace(hi, reflected, fR);
    } else {
      const outside = fR < fHi;
      const contracted = outside ? trial(centroid, reflected, 0.5) : trial(centroid, worst, 0.5);
      const fC = f(contracted);
      if (fC < (outside ? fR : fHi)) {
        replace(hi, contracted, fC);
      } else {
        // Shrink everything towards the best point.
        const bestPoint = points[lo] as Float64Array;
        for (let i = 0; i <= n; i++) {
          if (i === lo) continue;
          const p = trial(bestPoint, points[i] as Float64Array, 0.5);
          replace(i, p, f(p));
        }
      }
    }
  }
  order.sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
  const lo = order[0] as number;
  return { x: points[lo] as Float64Array, value: values[lo] as number, iterations, converged };

  function replace(i: number, p: Float64Array, v: number): void {
    points[i] = p;
    values[i] = v;
  }
}

/** Largest distance from the best point to any other vertex. */
function size(points: readonly Float64Array[], lo: number): number {
  const best = points[lo] as Float64Array;
  let max = 0;
  for (const p of points) {
    let s = 0;
    for (let j = 0; j < best.length; j++) s += ((p[j] as number) - (best[j] as number)) ** 2;
    max = Math.max(max, Math.sqrt(s));
  }
  return max;
}
