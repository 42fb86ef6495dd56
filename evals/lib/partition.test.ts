import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, bestMatches, membersByCluster, normalizedMutualInformation } from './partition.ts';

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition under other label names', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], ['b', 'b', 'a', 'a', 'c'])).toBe(1);
  });
  it('matches a hand-computed value', () => {
    // Contingency [[2,0],[1,1]] over n=4: index=1, rows 1+1=... a=[0,0,1,1], b=[0,0,0,1]
    // sum C(nij,2)=C(2,2)=1; rows C(2,2)+C(2,2)=2; cols C(3,2)+C(1,2)=3; expected=2*3/6=1; max=2.5 → (1-1)/(2.5-1)=0
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 0, 1])).toBeCloseTo(0, 12);
    // a=[0,0,0,1,1,1], b=[0,0,1,1,2,2]: index=C(2,2)+C(2,2)=2; rows 3+3=6; cols 1+1+1=3; expected=6*3/15=1.2; max=4.5
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo((2 - 1.2) / (4.5 - 1.2), 12);
  });
});

describe('normalizedMutualInformation', () => {
  it('is 1 for identical and 0 for independent partitions', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 12);
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
  });
  it('matches a hand-computed value', () => {
    // a=[0,0,1,1], b=[0,0,0,1]: I = 0.5 ln2 + 0.25 ln(2/3)·... computed: H(a)=ln2, H(b)=−(.75ln.75+.25ln.25)
    const ha = Math.log(2);
    const hb = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    const mi = 0.5 * Math.log(0.5 / (0.5 * 0.75)) + 0.25 * Math.log(0.25 / (0.5 * 0.75)) + 0.25 * Math.log(0.25 / (0.5 * 0.25));
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 0, 1])).toBeCloseTo(mi / ((ha + hb) / 2), 12);
  });
});

describe('bestMatches', () => {
  it('finds the most overlapping cluster with its Jaccard', () => {
    const a = membersByCluster(['a', 'b', 'c', 'd'], [0, 0, 1, 1]);
    const b = membersByCluster(['a', 'b', 'c', 'd'], [5, 5, 5, 6]);
    const m = bestMatches(a, b);
    expect(m.get(0)).toEqual({ match: 5, jaccard: 2 / 3 });
    expect(m.get(1)).toEqual({ match: 6, jaccard: 1 / 2 });
  });
});
