import { describe, expect, it } from 'vitest';
import { hyp2f1, lbeta, lgamma } from './special.ts';

describe('lgamma', () => {
  it('matches known values of ln Γ', () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(2)).toBeCloseTo(0, 14);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13); // Γ(1/2) = √π
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12); // 9!
    expect(lgamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    expect(lgamma(3.7)).toBeCloseTo(1.4280723266653883, 12);
    expect(lgamma(100)).toBeCloseTo(359.1342053695754, 10);
    expect(lgamma(1e-5)).toBeCloseTo(11.512919692895824, 9);
    expect(lgamma(1000.5) / 5908.674175848678).toBeCloseTo(1, 13);
  });

  it('uses the reflection formula below 1/2 and is infinite at the poles', () => {
    expect(lgamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 12); // Γ(−1/2) = −2√π
    expect(lgamma(-2.5)).toBeCloseTo(-0.05624371649767457, 12);
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-3)).toBe(Infinity);
  });

  it('satisfies Γ(x+1) = xΓ(x) across a wide range', () => {
    for (const x of [0.003, 0.7, 1.5, 4.2, 37.1, 512.9]) expect(lgamma(x + 1) - lgamma(x)).toBeCloseTo(Math.log(x), 10);
  });

  it('gives ln B(a, b)', () => {
    expect(lbeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13); // 1!·2!/4!
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [-0.7, -0.2, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 11);
      expect(hyp2f1(2.5, 1.3, 1.3, z) / (1 - z) ** -2.5).toBeCloseTo(1, 11);
    }
    for (const s of [0.3, 0.6, 0.9]) expect(hyp2f1(0.5, 0.5, 1.5, s * s)).toBeCloseTo(Math.asin(s) / s, 12);
  });

  it('is a polynomial when a is a negative integer', () => {
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    const b = 1.5;
    const c = 2.5;
    const z = 0.4;
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });

  it('refuses |z| ≥ 1 and a non-positive integer c', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/\|z\| < 1/);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/non-positive integer/);
    expect(() => hyp2f1(1, 1, 2, 0.999999, { maxTerms: 50 })).toThrow(/did not converge/);
  });
});
