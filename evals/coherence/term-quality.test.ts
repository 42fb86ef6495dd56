import { describe, expect, it } from 'vitest';
import { npmiCoherence, topicDiversity } from './term-quality.ts';

const docs = [new Set(['alpha', 'beta']), new Set(['alpha', 'beta']), new Set(['gamma']), new Set(['delta'])];

describe('term quality', () => {
  it('computes NPMI by hand', () => {
    // p(alpha)=p(beta)=p(alpha,beta)=0.5: log(0.5/0.25)/−log(0.5) = 1
    expect(npmiCoherence(['alpha', 'beta'], docs)).toBeCloseTo(1, 12);
    // never together: −1
    expect(npmiCoherence(['alpha', 'gamma'], docs)).toBe(-1);
    // mean over the three pairs: (1 − 1 − 1) / 3
    expect(npmiCoherence(['alpha', 'beta', 'gamma'], docs)).toBeCloseTo(-1 / 3, 12);
    // partial: p(a)=0.5, p(c)=0.75 in docs2, p(a,c)=0.25 → log(0.25/0.375)/−log(0.25)
    const docs2 = [new Set(['a1x', 'c1x']), new Set(['a1x']), new Set(['c1x']), new Set(['c1x'])];
    expect(npmiCoherence(['a1x', 'c1x'], docs2)).toBeCloseTo(Math.log(0.25 / 0.375) / -Math.log(0.25), 12);
    expect(npmiCoherence(['alpha'], docs)).toBeNull();
  });
  it('computes topic diversity by hand', () => {
    expect(topicDiversity([['a', 'b'], ['b', 'c']])).toBe(0.75);
    expect(topicDiversity([['a', 'b'], ['c', 'd']])).toBe(1);
  });
});
