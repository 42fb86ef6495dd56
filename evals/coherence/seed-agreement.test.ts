import { describe, expect, it } from 'vitest';
import { seedAgreement } from './seed-agreement.ts';

describe('seedAgreement', () => {
  it('matches segments across seeds by members and compares names', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const r = seedAgreement(
      { customerIds: ids, labels: [0, 0, 0, 1, 1, 1], names: new Map([[0, 'Thrifty Tom'], [1, 'Busy Bea']]) },
      // Renumbered and customer c moved: {a,b,c} best meets {a,b} (2/3), {d,e,f} meets {c,d,e,f} (3/4).
      { customerIds: ids, labels: [1, 1, 0, 0, 0, 0], names: new Map([[1, 'thrifty  tom'], [0, 'Quick Quinn']]) },
    );
    expect(r.perSegment).toEqual([
      { segment: 0, match: 1, jaccard: 2 / 3, sameName: true },
      { segment: 1, match: 0, jaccard: 3 / 4, sameName: false },
    ]);
    expect(r.meanJaccard).toBeCloseTo((2 / 3 + 3 / 4) / 2, 12);
    expect(r.sameNameShare).toBe(0.5);
  });
});
