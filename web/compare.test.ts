import { describe, expect, it } from 'vitest';
import { compareRuns, type RunMembers } from './compare.ts';

function run(assign: Record<string, number>, labels: Record<number, string>): RunMembers {
  const members = new Map(Object.entries(assign));
  const sizes = new Map<number, number>();
  for (const s of members.values()) sizes.set(s, (sizes.get(s) ?? 0) + 1);
  return { members, labels: new Map(Object.entries(labels).map(([k, v]) => [Number(k), v])), sizes };
}

describe('compareRuns', () => {
  it('finds a split, a merge, growth and a new segment by member overlap', () => {
    // First run: segment 0 = p1..p4, 1 = q1..q4, 2 = r1..r2, 3 = s1..s2.
    const a = run({ p1: 0, p2: 0, p3: 0, p4: 0, q1: 1, q2: 1, q3: 1, q4: 1, r1: 2, r2: 2, s1: 3, s2: 3 }, { 0: 'P', 1: 'Q', 2: 'R', 3: 'S' });
    // Second: P splits into 10 and 11; Q stays as 12 and gains t1, t2; R and S merge into 13; 14 is new.
    const b = run(
      { p1: 10, p2: 10, p3: 11, p4: 11, q1: 12, q2: 12, q3: 12, q4: 12, t1: 12, t2: 12, r1: 13, r2: 13, s1: 13, s2: 13, u1: 14 },
      { 10: 'P1', 11: 'P2', 12: 'Q+', 13: 'RS', 14: 'U' },
    );
    const c = compareRuns(a, b);
    expect(c.sharedCustomers).toBe(12);
    expect(c.onlySecond).toBe(3);
    const by = new Map(c.changes.map((x) => [x.label, x]));
    expect(by.get('P')?.kind).toBe('split');
    expect(by.get('P')?.targets.map((t) => t.segment)).toEqual([10, 11]);
    expect(by.get('Q')).toMatchObject({ kind: 'grew', sizeBefore: 4, sizeAfter: 6, jaccard: 1 });
    expect(by.get('R')?.kind).toBe('merged');
    expect(by.get('S')?.kind).toBe('merged');
    expect(c.newSegments.map((s) => s.label)).toEqual(['U']);
    expect(c.overlap.get(0)?.get(10)).toBe(2);
  });

  it('calls an unchanged segment stable and one that lost members shrank; no shared customers dissolves', () => {
    const a = run({ a: 0, b: 0, c: 0, d: 1, e: 1, f: 1, g: 1, h: 1 }, { 0: 'X', 1: 'Y' });
    const b = run({ a: 5, b: 5, c: 5, d: 6, e: 6 }, { 5: 'X2', 6: 'Y2' });
    const by = new Map(compareRuns(a, b).changes.map((x) => [x.label, x.kind]));
    expect(by.get('X')).toBe('stable');
    expect(by.get('Y')).toBe('shrank');
    const none = compareRuns(a, run({ z: 0 }, { 0: 'Z' }));
    expect(none.changes.every((x) => x.kind === 'dissolved')).toBe(true);
    expect(none.newSegments).toHaveLength(1);
  });
});
