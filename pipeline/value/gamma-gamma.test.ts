import { describe, expect, it } from 'vitest';
import { conditionalExpectedValue, fitGammaGamma, gammaGammaLogLikelihood } from './gamma-gamma.ts';
import { summaryOf } from './test-helpers.ts';

describe('Gamma-Gamma log-likelihood', () => {
  it('matches the density of the mean repeat value by hand', () => {
    // f(m | x) = Γ(px+q)/(Γ(px)Γ(q)) · v^q · m^(px−1) · x^(px) / (v + x·m)^(px+q)
    // p = 1, q = 2, v = 1, x = 1, m = 1: Γ(3)/(Γ(1)Γ(2)) · 1/2³ = 1/4
    expect(gammaGammaLogLikelihood({ p: 1, q: 2, v: 1 }, 1, 1)).toBeCloseTo(Math.log(1 / 4), 13);
    // p = 2, q = 3, v = 4, x = 2, m = 5: Γ(7)/(Γ(4)Γ(3)) · 4³ · 5³ · 2⁴ / 14⁷ = 60 · 64 · 125 · 16 / 14⁷
    expect(gammaGammaLogLikelihood({ p: 2, q: 3, v: 4 }, 2, 5)).toBeCloseTo(Math.log((60 * 64 * 125 * 16) / 14 ** 7), 12);
  });

  it('is a proper density in m', () => {
    const params = { p: 2, q: 3, v: 4 };
    // ∫ f(m) dm with m = e^u, trapezoid over u
    let total = 0;
    const du = 0.01;
    for (let u = -25; u <= 25; u += du) total += Math.exp(gammaGammaLogLikelihood(params, 3, Math.exp(u)) + u) * du;
    expect(total).toBeCloseTo(1, 6);
  });
});

describe('conditional expected value', () => {
  it('is p(v + x·m)/(p·x + q − 1), the population mean when x = 0', () => {
    expect(conditionalExpectedValue({ p: 2, q: 3, v: 4 }, 2, 5)).toBeCloseTo(28 / 6, 13);
    expect(conditionalExpectedValue({ p: 2, q: 3, v: 4 }, 0, 0)).toBeCloseTo(4, 13);
    expect(conditionalExpectedValue({ p: 2, q: 0.5, v: 4 }, 0, 0)).toBe(Infinity);
  });

  it('moves from the population mean towards the customer mean as x grows', () => {
    const params = { p: 2, q: 3, v: 4 };
    const values = [1, 5, 50, 500].map((x) => conditionalExpectedValue(params, x, 20));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
    expect(values[3]).toBeCloseTo(20, 0);
  });
});

describe('fitGammaGamma', () => {
  it('uses only customers with repeat purchases and needs two of them', () => {
    const s = summaryOf([
      { x: 0, tx: 0, T: 5 },
      { x: 1, tx: 1, T: 5, m: 10 },
    ]);
    expect(() => fitGammaGamma(s)).toThrow(/at least 2 customers with repeat purchases, got 1/);
  });

  it('fits a finite optimum whose likelihood beats nearby parameters', () => {
    const rows = [1, 2, 3, 5, 8, 1, 2, 4, 6, 2].map((x, i) => ({ x, tx: x, T: 10, m: 10 + ((i * 37) % 23) }));
    const fit = fitGammaGamma(summaryOf(rows));
    expect(fit.customers).toBe(10);
    const ll = (p: { p: number; q: number; v: number }) => rows.reduce((acc, r) => acc + gammaGammaLogLikelihood(p, r.x, r.m), 0);
    expect(fit.logLikelihood).toBeCloseTo(ll(fit.params), 10);
    for (const k of ['p', 'q', 'v'] as const) {
      expect(ll({ ...fit.params, [k]: fit.params[k] * 1.05 })).toBeLessThan(fit.logLikelihood);
      expect(ll({ ...fit.params, [k]: fit.params[k] * 0.95 })).toBeLessThan(fit.logLikelihood);
    }
  });
});
