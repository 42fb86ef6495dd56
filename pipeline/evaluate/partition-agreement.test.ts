import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, normalizedMutualInfo } from './partition-agreement.ts';

describe('adjusted Rand index', () => {
  it('is 1 for identical partitions whatever the label names', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, -1, -1, 7])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
  });

  it('matches a hand-computed 2×3 contingency table', () => {
    // a = [0,0,0,1,1,1], b = [0,0,1,1,2,2]: cells 2,1 / 1,2 → Σ C(n_ij, 2) = 2.
    // Rows 3,3 → 6 pairs; columns 2,2,2 → 3 pairs; C(6, 2) = 15; expected = 6·3/15 = 1.2;
    // max = (6 + 3)/2 = 4.5 → ARI = (2 − 1.2) / (4.5 − 1.2) = 8/33.
    expect(Math.abs(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 8 / 33)).toBeLessThan(1e-9);
  });

  it('matches the known 2×2 value −0.5 for crossed halves', () => {
    // Cells 1,1 / 1,1: index 0, expected 2·2/6 = 2/3, max 2 → (0 − 2/3) / (2 − 2/3) = −1/2.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/2 and 1 rows/);
  });
});

describe('normalized mutual information', () => {
  it('matches a hand computation (arithmetic normaliser, natural logs)', () => {
    // H(a) = ln 2, H(b) = ln 3; MI = 2·(1/3)·ln 2 (the two cells of 2) → NMI = (2/3 ln 2) / ((ln 2 + ln 3)/2).
    const expected = ((2 / 3) * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2);
    expect(Math.abs(normalizedMutualInfo([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - expected)).toBeLessThan(1e-9);
  });

  it('is 1 for identical partitions and 0 for independent ones', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1], [3, 3, 9, 9])).toBeCloseTo(1, 12);
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
    expect(normalizedMutualInfo([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(normalizedMutualInfo([0, 0, 0, 0], [0, 0, 1, 1])).toBe(0);
  });
});
