import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import {
  bgNbdLogLikelihood,
  bgNbdTotalLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
} from './bgnbd.ts';
import { rfmSummary, weekMs } from './rfm-summary.ts';
import { simulateCustomers } from './simulate.ts';
import { hyp2f1 } from './special.ts';
import { summaryOf } from './test-helpers.ts';

const unit: BgNbdParams = { r: 1, alpha: 1, a: 1, b: 1 };
const other: BgNbdParams = { r: 2, alpha: 3, a: 0.5, b: 1.5 };
/** Published BG/NBD fit on the CDNOW sample (Fader, Hardie & Lee 2005), time in weeks. */
const cdnow: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD log-likelihood', () => {
  it('matches a hand computation with r = α = a = b = 1', () => {
    // x = 0, T = 1: B(1,1)/B(1,1) · Γ(1)/Γ(1) · 1/(1+1)^1 = 1/2
    expect(bgNbdLogLikelihood(unit, { x: 0, tx: 0, T: 1 })).toBeCloseTo(Math.log(1 / 2), 12);
    // x = 2, t_x = 1, T = 3:
    //   alive:   B(1,3)/B(1,1) · Γ(3)/Γ(1) · 1/4^3 = (1/3)(2)(1/64) = 1/96
    //   dropped: B(2,2)/B(1,1) · Γ(3)/Γ(1) · 1/2^3 = (1/6)(2)(1/8) = 1/24
    expect(bgNbdLogLikelihood(unit, { x: 2, tx: 1, T: 3 })).toBeCloseTo(Math.log(1 / 96 + 1 / 24), 12);
  });

  it('matches a hand computation with r = 2, α = 3, a = 1/2, b = 3/2', () => {
    // Γ(r+x)/Γ(r) = Γ(4)/Γ(2) = 6; α^r = 9
    // B(a, b+x)/B(a, b) = Γ(3.5)Γ(2)/(Γ(1.5)Γ(4)) = 2.5·1.5/6 = 0.625
    // B(a+1, b+x−1)/B(a, b) = a·Γ(2.5)Γ(2)/(Γ(1.5)Γ(4)) = 0.5·1.5/6 = 0.125
    // x = 2, t_x = 4, T = 10: 0.625·6·9/13⁴ + 0.125·6·9/7⁴
    const twoRepeats = 33.75 / 13 ** 4 + 6.75 / 7 ** 4;
    expect(bgNbdLogLikelihood(other, { x: 2, tx: 4, T: 10 })).toBeCloseTo(Math.log(twoRepeats), 12);
    // x = 0, T = 5: 9/8²
    expect(bgNbdLogLikelihood(other, { x: 0, tx: 0, T: 5 })).toBeCloseTo(Math.log(9 / 64), 12);
    const s = summaryOf([
      { x: 2, tx: 4, T: 10 },
      { x: 0, tx: 0, T: 5 },
      { x: 2, tx: 4, T: 10 },
    ]);
    expect(bgNbdTotalLogLikelihood(other, s)).toBeCloseTo(2 * Math.log(twoRepeats) + Math.log(9 / 64), 11);
  });
});

describe('BG/NBD predictions', () => {
  it('P(alive) matches eq. (11) by hand and is 1 without repeats', () => {
    // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) = 1 / (1 + 0.2 · (13/7)⁴)
    expect(probabilityAlive(other, { x: 2, tx: 4, T: 10 })).toBeCloseTo(1 / (1 + 0.2 * (13 / 7) ** 4), 13);
    expect(probabilityAlive(other, { x: 0, tx: 0, T: 10 })).toBe(1);
  });

  it('reproduces the published CDNOW example: 1.226 purchases in the next 39 weeks', () => {
    expect(conditionalExpectedPurchases(cdnow, 39, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(1.226, 3);
  });

  it('agrees with eq. (10) evaluated with the untransformed 2F1', () => {
    for (const [p, t, h] of [
      [cdnow, 39, { x: 2, tx: 30.43, T: 38.86 }],
      [other, 12, { x: 3, tx: 6, T: 9 }],
      [{ r: 0.7, alpha: 7, a: 0.05, b: 2.6 }, 52, { x: 0, tx: 0, T: 20 }],
    ] as const) {
      const { r, alpha, a, b } = p;
      const z = t / (alpha + h.T + t);
      const bracket = 1 - ((alpha + h.T) / (alpha + h.T + t)) ** (r + h.x) * hyp2f1(r + h.x, b + h.x, a + b + h.x - 1, z);
      const alive = h.x > 0 ? 1 + (a / (b + h.x - 1)) * ((alpha + h.T) / (alpha + h.tx)) ** (r + h.x) : 1;
      const direct = (((a + b + h.x - 1) / (a - 1)) * bracket) / alive;
      expect(conditionalExpectedPurchases(p, t, h) / direct).toBeCloseTo(1, 10);
    }
  });

  it('is continuous through a = 1, where the closed form is 0/0', () => {
    const conditional = (a: number) => conditionalExpectedPurchases({ ...other, a }, 10, { x: 1, tx: 2, T: 6 });
    const unconditional = (a: number) => expectedPurchases({ ...other, a }, 10);
    for (const f of [conditional, unconditional]) {
      const midpoint = (f(0.999) + f(1.001)) / 2;
      expect(f(1) / midpoint).toBeCloseTo(1, 5);
      expect(Number.isFinite(f(1))).toBe(true);
    }
  });

  it('E[X(t)] equals the mean repeat count of simulated customers observed for t weeks', () => {
    const t = 52;
    const sim = simulateCustomers(cdnow, { p: 6, q: 4, v: 15 }, createRng(7), { customers: 20_000, minWeeks: t, maxWeeks: t });
    const s = rfmSummary(sim.transactions, { end: sim.end });
    // Customers who never bought again still count, with x = 0.
    const mean = s.frequency.reduce((acc, x) => acc + x, 0) / sim.customers.length;
    expect(mean / expectedPurchases(cdnow, t)).toBeGreaterThan(0.95);
    expect(mean / expectedPurchases(cdnow, t)).toBeLessThan(1.05);
  });

  it('conditional expectations and P(alive) match simulated futures under the true parameters', () => {
    const future = 26;
    const sim = simulateCustomers(cdnow, { p: 6, q: 4, v: 15 }, createRng(11), { customers: 10_000, minWeeks: 26, maxWeeks: 78, extraWeeks: future });
    const s = rfmSummary(sim.transactions, { end: sim.end });
    const truth = new Map(sim.customers.map((c) => [c.id, c]));
    let predicted = 0;
    let predictedAlive = 0;
    let alive = 0;
    s.customerIds.forEach((id, i) => {
      const h = { x: s.frequency[i] as number, tx: s.recency[i] as number, T: s.T[i] as number };
      predicted += conditionalExpectedPurchases(cdnow, future, h);
      predictedAlive += probabilityAlive(cdnow, h);
      const c = truth.get(id)!;
      if (c.droppedAt === null || c.droppedAt > c.T) alive++;
    });
    const actual = sim.transactions.filter((t) => (t.at as number) > sim.end && (t.at as number) <= sim.end + future * weekMs).length;
    expect(predicted / actual).toBeGreaterThan(0.95);
    expect(predicted / actual).toBeLessThan(1.05);
    expect(predictedAlive / alive).toBeGreaterThan(0.97);
    expect(predictedAlive / alive).toBeLessThan(1.03);
  });
});

describe('fitBgNbd', () => {
  it('refuses data without a repeat purchase and inconsistent histories', () => {
    expect(() => fitBgNbd(summaryOf([{ x: 0, tx: 0, T: 3 }, { x: 0, tx: 0, T: 5 }]))).toThrow(/no customer of 2 made a repeat purchase/);
    expect(() => fitBgNbd(summaryOf([{ x: 1, tx: 4, T: 3 }, { x: 0, tx: 0, T: 5 }]))).toThrow(/recency 4, T 3/);
    expect(() => fitBgNbd(summaryOf([{ x: 1, tx: 1, T: 3 }, { x: 0, tx: 0, T: 5 }]), { penalizer: -1 })).toThrow(/penalizer/);
  });

  it('reaches a higher likelihood than the generating parameters, and a penalty pulls parameters in', () => {
    const sim = simulateCustomers(cdnow, { p: 6, q: 4, v: 15 }, createRng(3), { customers: 2000 });
    const s = rfmSummary(sim.transactions, { end: sim.end });
    const fit = fitBgNbd(s);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdTotalLogLikelihood(cdnow, s));
    const penalised = fitBgNbd(s, { penalizer: 0.01 });
    const norm = (p: BgNbdParams) => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(norm(penalised.params)).toBeLessThan(norm(fit.params));
    expect(penalised.logLikelihood).toBeLessThan(fit.logLikelihood);
  });
});
