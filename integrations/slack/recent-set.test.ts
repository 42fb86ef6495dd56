import { describe, expect, it } from 'vitest';
import { RecentSet } from './recent-set.ts';

describe('RecentSet', () => {
  it('reports duplicates and forgets the least recently seen key past its capacity', () => {
    const s = new RecentSet(2);
    expect(s.add('a')).toBe(true);
    expect(s.add('b')).toBe(true);
    expect(s.add('a')).toBe(false); // a is now the most recent
    expect(s.add('c')).toBe(true); // evicts b, not a
    expect([s.has('a'), s.has('b'), s.has('c'), s.size]).toEqual([true, false, true, 2]);
    expect(s.add('b')).toBe(true);
  });
});
