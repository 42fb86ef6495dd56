import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { fitBgNbd } from './bgnbd.ts';
import { fitGammaGamma } from './gamma-gamma.ts';
import { rfmSummary } from './rfm-summary.ts';
import { sampleBeta, sampleGamma, simulateCustomers } from './simulate.ts';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    sq += v * v;
  }
  const mean = sum / n;
  return { mean, variance: sq / n - mean * mean };
}

describe('samplers', () => {
  it('Gamma(shape, rate) has mean shape/rate and variance shape/rate², above and below shape 1', () => {
    const rng = createRng(1);
    for (const [shape, rate] of [[2.5, 2], [0.3, 1], [9, 0.5]] as const) {
      const m = moments(() => sampleGamma(rng, shape, rate), 60_000);
      expect(m.mean / (shape / rate)).toBeCloseTo(1, 1);
      expect(m.variance / (shape / rate ** 2)).toBeGreaterThan(0.95);
      expect(m.variance / (shape / rate ** 2)).toBeLessThan(1.05);
    }
  });

  it('Beta(a, b) has mean a/(a+b)', () => {
    const rng = createRng(2);
    const m = moments(() => sampleBeta(rng, 2, 5), 40_000);
    expect(m.mean).toBeCloseTo(2 / 7, 2);
    expect(m.variance).toBeCloseTo((2 * 5) / (49 * 8), 3);
  });

  it('rejects non-positive parameters', () => {
    expect(() => sampleGamma(createRng(1), 0, 1)).toThrow(/shape and rate/);
  });
});

describe('simulateCustomers', () => {
  const bg = { r: 0.8, alpha: 4, a: 0.8, b: 2.5 };
  const gg = { p: 6, q: 4, v: 15 };

  it('writes one order per purchase, the first at T weeks before the end', () => {
    const sim = simulateCustomers(bg, gg, createRng(5), { customers: 50, minWeeks: 10, maxWeeks: 20 });
    const s = rfmSummary(sim.transactions, { end: sim.end });
    expect(s.customerIds).toHaveLength(50);
    s.customerIds.forEach((id, i) => {
      const c = sim.customers.find((x) => x.id === id)!;
      expect(s.T[i]).toBeCloseTo(c.T, 9);
      expect(c.T).toBeGreaterThanOrEqual(10);
      expect(c.T).toBeLessThanOrEqual(20);
    });
    expect(sim.transactions.every((t) => (t.amount as number) > 0 && (t.at as number) <= sim.end)).toBe(true);
  });

  it('recovers r and α within ±15% and a, b, p, q, v within ±25% from 5,000 simulated customers', () => {
    const sim = simulateCustomers(bg, gg, createRng(20240601), { customers: 5000, minWeeks: 39, maxWeeks: 78 });
    const s = rfmSummary(sim.transactions, { end: sim.end });
    const fit = fitBgNbd(s);
    const spend = fitGammaGamma(s);
    expect(fit.converged).toBe(true);
    expect(spend.converged).toBe(true);
    const rel = (got: number, want: number) => Math.abs(got / want - 1);
    expect(rel(fit.params.r, bg.r)).toBeLessThan(0.15);
    expect(rel(fit.params.alpha, bg.alpha)).toBeLessThan(0.15);
    expect(rel(fit.params.a, bg.a)).toBeLessThan(0.25);
    expect(rel(fit.params.b, bg.b)).toBeLessThan(0.25);
    expect(rel(spend.params.p, gg.p)).toBeLessThan(0.25);
    expect(rel(spend.params.q, gg.q)).toBeLessThan(0.25);
    expect(rel(spend.params.v, gg.v)).toBeLessThan(0.25);
  });

  it('gives identical histories and fits for the same seed, different ones for another', () => {
    const run = (seed: number) => {
      const sim = simulateCustomers(bg, gg, createRng(seed), { customers: 800 });
      const s = rfmSummary(sim.transactions, { end: sim.end });
      return { transactions: sim.transactions, bg: fitBgNbd(s), gg: fitGammaGamma(s) };
    };
    const a = run(9);
    const b = run(9);
    expect(b.transactions).toEqual(a.transactions);
    expect(b.bg).toEqual(a.bg);
    expect(b.gg).toEqual(a.gg);
    expect(run(10).bg.params).not.toEqual(a.bg.params);
  });
});
