import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, probabilityAlive } from './bgnbd.ts';
import { churnRisk, customerValues, defaults, discountedValue } from './clv.ts';
import { conditionalExpectedValue } from './gamma-gamma.ts';
import { summaryOf } from './test-helpers.ts';

const month = defaults.weeksPerMonth;

describe('discountedValue', () => {
  it('discounts one purchase a month at 1% a month', () => {
    const v = discountedValue((t) => t / month, 100, { horizonMonths: 3, monthlyDiscount: 0.01 });
    expect(v.clv).toBeCloseTo(100 / 1.01 + 100 / 1.01 ** 2 + 100 / 1.01 ** 3, 10); // 294.0985…
    expect(v.clv).toBeCloseTo(294.0985207, 6);
    expect(v.expectedPurchases).toBeCloseTo(3, 12);
  });

  it('uses the differences of the cumulative curve month by month', () => {
    // E(m) = 2√m: increments 2, 2√2 − 2, 2√3 − 2√2
    const v = discountedValue((t) => 2 * Math.sqrt(t / month), 50, { horizonMonths: 3, monthlyDiscount: 0.02 });
    const increments = [2, 2 * Math.SQRT2 - 2, 2 * Math.sqrt(3) - 2 * Math.SQRT2];
    expect(v.clv).toBeCloseTo(increments.reduce((acc, d, i) => acc + (50 * d) / 1.02 ** (i + 1), 0), 10);
    expect(v.expectedPurchases).toBeCloseTo(2 * Math.sqrt(3), 12);
  });

  it('rejects options that make no sense', () => {
    expect(() => discountedValue(() => 0, 1, { horizonMonths: 0 })).toThrow(/horizonMonths/);
    expect(() => discountedValue(() => 0, 1, { monthlyDiscount: -0.1 })).toThrow(/monthlyDiscount/);
    expect(() => churnRisk(0.5, { highRiskBelow: 0.9, mediumRiskBelow: 0.8 })).toThrow(/highRiskBelow/);
  });
});

describe('churnRisk', () => {
  it('bands P(alive): high < 0.5 ≤ medium < 0.8 ≤ low, thresholds adjustable', () => {
    expect([0.1, 0.4999, 0.5, 0.7999, 0.8, 1].map((p) => churnRisk(p))).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
    expect(churnRisk(0.6, { highRiskBelow: 0.7, mediumRiskBelow: 0.9 })).toBe('high');
  });
});

describe('customerValues', () => {
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const gg = { p: 6.25, q: 3.74, v: 15.44 };
  const s = summaryOf([
    { x: 0, tx: 0, T: 30 },
    { x: 2, tx: 30.43, T: 38.86, m: 40 },
    { x: 7, tx: 10, T: 50, m: 25 },
  ]);

  it('without discounting equals expected purchases over the horizon times expected spend', () => {
    const v = customerValues(bg, gg, s, { horizonMonths: 6, monthlyDiscount: 0 });
    for (let i = 0; i < 3; i++) {
      const h = { x: s.frequency[i] as number, tx: s.recency[i] as number, T: s.T[i] as number };
      const purchases = conditionalExpectedPurchases(bg, 6 * month, h);
      const spend = conditionalExpectedValue(gg, h.x, s.monetary[i] as number);
      expect(v.expectedPurchases[i]).toBeCloseTo(purchases, 12);
      expect(v.expectedSpend[i]).toBeCloseTo(spend, 12);
      expect(v.clv[i]).toBeCloseTo(purchases * spend, 9);
      expect(v.probabilityAlive[i]).toBeCloseTo(probabilityAlive(bg, h), 14);
    }
  });

  it('discounting lowers every value, and a longer horizon raises it', () => {
    const plain = customerValues(bg, gg, s, { monthlyDiscount: 0 });
    const discounted = customerValues(bg, gg, s);
    const longer = customerValues(bg, gg, s, { horizonMonths: 24 });
    for (let i = 0; i < 3; i++) {
      expect(discounted.clv[i]).toBeLessThan(plain.clv[i] as number);
      expect(longer.clv[i]).toBeGreaterThan(discounted.clv[i] as number);
    }
    // The customer who stopped buying long ago is worth less than the steady one.
    expect(discounted.clv[2]).toBeLessThan(discounted.clv[1] as number);
  });
});
