import { describe, expect, it } from 'vitest';
import { ColumnStats, defaults } from './column-stats.ts';

function statsOf(values: readonly (string | null)[], name = 'c'): ColumnStats {
  const s = new ColumnStats(name);
  for (const v of values) s.observe(v);
  return s;
}

describe('ColumnStats', () => {
  it('counts present, missing, numbers, integers and thousands separators', () => {
    const s = statsOf(['1', '2.5', '', 'NA', null, '1,234', 'abc']);
    expect(s).toMatchObject({ name: 'c', present: 4, missing: 3, numeric: 3, integer: 2, thousands: 1, min: 1, max: 1234 });
    expect(s.numericShare).toBe(0.75);
    expect(s.firstNonNumber).toBe('abc');
  });

  it('flags 0/1-only columns and true/false-like values', () => {
    expect(statsOf(['0', '1', '1', '0']).zeroOneOnly).toBe(true);
    expect(statsOf(['0', '1', '2']).zeroOneOnly).toBe(false);
    expect(statsOf(['True', 'False', 'yes', '1']).booleanLike).toBe(3);
  });

  it('counts distinct values exactly and knows when all are unique', () => {
    const s = statsOf(['a', 'b', ' a ', 'c']);
    expect(s.distinct).toBe(3);
    expect(s.allUnique).toBe(false);
    expect(s.distinctIsLowerBound).toBe(false);
    expect(statsOf(['a', 'b', 'c']).allUnique).toBe(true);
    expect(statsOf([]).allUnique).toBe(false);
  });

  it('stops counting distinct values at the cap and says the count is a lower bound', () => {
    const s = new ColumnStats('id');
    for (let i = 0; i < defaults.distinctCap + 10; i++) s.observe(`v${i}`);
    expect(s.distinct).toBe(defaults.distinctCap);
    expect(s.distinctIsLowerBound).toBe(true);
    expect(s.allUnique).toBe(true);
    expect(s.topValues()).toEqual([]);
    // A repeat of a value stored before the cap is still caught.
    s.observe('v5');
    expect(s.allUnique).toBe(false);
  });

  it('detects a 0.. or 1.. row counter in order, and nothing else', () => {
    expect(statsOf(['0', '1', '2', '3']).indexSequence).toEqual({ start: 0, end: 3 });
    expect(statsOf(['1', '2', '3']).indexSequence).toEqual({ start: 1, end: 3 });
    expect(statsOf(['0', '2', '1']).indexSequence).toBeNull();
    expect(statsOf(['5', '6', '7']).indexSequence).toBeNull();
    expect(statsOf(['0', '1', '', '3']).indexSequence).toBeNull();
    expect(statsOf(['0', '01']).indexSequence).toBeNull();
  });

  it('measures text: mean length, share of 3+ word values, share with letters', () => {
    const s = statsOf(['hello there my friend', 'ok', '12', 'café au lait']);
    expect(s.meanLength).toBeCloseTo((21 + 2 + 2 + 12) / 4);
    expect(s.wordyShare).toBe(0.5);
    expect(s.letterShare).toBe(0.75);
  });

  it('keeps five distinct, shortened examples and the top values', () => {
    const long = 'x'.repeat(200);
    const s = statsOf(['b', 'a', 'b', 'c', long, 'd', 'e', 'b', 'a']);
    expect(s.examples).toHaveLength(5);
    expect(s.examples.slice(0, 3)).toEqual(['b', 'a', 'c']);
    expect((s.examples[3] as string).length).toBe(defaults.exampleLength);
    // Long values are tracked by hash: counted, but never offered as a category.
    expect(s.topValues(3)).toEqual([
      { value: 'b', count: 3 },
      { value: 'a', count: 2 },
      { value: 'c', count: 1 },
    ]);
    expect(s.topValues().some((t) => t.value.length > defaults.hashAbove)).toBe(false);
    expect(statsOf([long, long]).allUnique).toBe(false);
  });

  it('counts codes, zero-padded numbers and letter codes', () => {
    const s = statsOf(['0001', '0002', 'C536379', '85123A', 'two words 1']);
    expect(s.leadingZero).toBe(2);
    expect(s.codeLike).toBe(4);
    expect(s.letterCodes).toBe(2);
  });

  it('feeds dates to its date evidence', () => {
    const s = statsOf(['04-09-2012', '21-08-2013', '']);
    expect(s.dates.decide()).toMatchObject({ format: 'dmy', matched: 2, total: 2 });
  });
});
