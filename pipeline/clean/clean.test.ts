import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { cleanDefaults, cleanFrame, type CleanChange } from './clean.ts';
import { quantileSorted } from './quantile.ts';

/** A frame from column specs: name → [role, values]. */
function frameOf(spec: Record<string, [ColumnRole, CellValue[]]>): Frame {
  const columns = Object.keys(spec);
  const rowCount = (spec[columns[0] as string] as [ColumnRole, CellValue[]])[1].length;
  return {
    columns,
    roles: Object.fromEntries(columns.map((c) => [c, (spec[c] as [ColumnRole, CellValue[]])[0]])),
    values: Object.fromEntries(columns.map((c) => [c, (spec[c] as [ColumnRole, CellValue[]])[1]])),
    rowCount,
  };
}

const change = (changes: readonly CleanChange[], column: string, rule: string) => changes.find((c) => c.column === column && c.rule === rule);

describe('quantiles (linear interpolation, h = (n − 1)p)', () => {
  it('matches hand values', () => {
    const s = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    expect(quantileSorted(s, 0.25)).toBe(3.25);
    expect(quantileSorted(s, 0.75)).toBe(7.75);
    expect(quantileSorted(Float64Array.from([1, 2, 3, 4]), 0.5)).toBe(2.5);
    expect(quantileSorted(Float64Array.from([7]), 0.9)).toBe(7);
  });
});

describe('cleanFrame: validation', () => {
  it('sets impossible birth years missing and imputes the median of the rest', () => {
    const f = frameOf({ Year_Birth: ['numeric', [1950, 1890, 1960, 2030, 1970]] });
    const { frame, report } = cleanFrame(f, { referenceYear: 2014 });
    expect(frame.values.Year_Birth).toEqual([1950, 1960, 1960, 1960, 1970]);
    expect(change(report.changes, 'Year_Birth', 'impossible_birth_year')).toMatchObject({ count: 2, detail: 'before 1901 or after 2014 → set missing, then imputed' });
    expect(change(report.changes, 'Year_Birth', 'imputed_median')).toMatchObject({ count: 2 });
    expect(report.counts).toEqual({ impossible_birth_year: 2, imputed_median: 2 });
  });

  it('recognises birth-year names and leaves the cells missing when imputation is off', () => {
    const f = frameOf({ yob: ['numeric', [1800, 1980, 1990]], BirthYear: ['numeric', [1985, 1900, 1991]] });
    const { frame, report } = cleanFrame(f, { referenceYear: 2020, impute: 'none' });
    expect(frame.values.yob).toEqual([null, 1980, 1990]);
    expect(frame.values.BirthYear).toEqual([1985, null, 1991]);
    expect(change(report.changes, 'yob', 'impossible_birth_year')?.detail).toBe('before 1901 or after 2020 → set missing');
    expect(report.changes.some((c) => c.rule === 'imputed_median')).toBe(false);
  });

  it('derives the reference year from the latest datetime in the data', () => {
    const at = [Date.UTC(2013, 0, 5), Date.UTC(2014, 5, 29), Date.UTC(2012, 7, 1)];
    const f = frameOf({ Year_Birth: ['numeric', [1980, 2015, 1990]], joined: ['datetime', at] });
    const { frame, report } = cleanFrame(f);
    expect(report.params).toMatchObject({ referenceYear: 2014, referenceYearFrom: 'data' });
    expect(frame.values.Year_Birth).toEqual([1980, 1985, 1990]);
    expect(frame.values.joined).toEqual(at);
  });

  it('sets impossible ages missing (below 0, above maxAge)', () => {
    const f = frameOf({ Age: ['numeric', [-1, 30, 120, 40, 50]] });
    const { frame, report } = cleanFrame(f);
    expect(frame.values.Age).toEqual([40, 30, 40, 40, 50]);
    expect(change(report.changes, 'Age', 'impossible_age')?.count).toBe(2);
  });

  it('flags non-positive prices and negative quantities without changing them', () => {
    const f = frameOf({ price: ['price', [-1, 0, 5, 6, 7]], qty: ['quantity', [-2, 1, 2, 3, 4]] });
    const { frame, report } = cleanFrame(f);
    expect(frame.values.price).toEqual([-1, 0, 5, 6, 7]);
    expect(frame.values.qty).toEqual([-2, 1, 2, 3, 4]);
    expect(change(report.changes, 'price', 'non_positive_price')?.count).toBe(2);
    expect(change(report.changes, 'qty', 'return_or_cancellation')?.count).toBe(1);
  });

  it('flags constant columns and keeps them unchanged', () => {
    const f = frameOf({ Z_CostContact: ['numeric', [3, 3, 3, 3]], x: ['numeric', [1, 2, 3, 4]] });
    const { frame, report } = cleanFrame(f);
    expect(frame.values.Z_CostContact).toEqual([3, 3, 3, 3]);
    expect(report.constantColumns).toEqual(['Z_CostContact']);
    expect(report.params.constantColumns).toEqual(['Z_CostContact']);
    expect(change(report.changes, 'Z_CostContact', 'constant_column')?.count).toBe(4);
  });
});

describe('cleanFrame: imputation', () => {
  it('uses the median for numbers and the mode (first seen on ties) for categories and booleans', () => {
    const f = frameOf({
      Income: ['numeric', [10, null, 20, 30, 40]],
      Education: ['categorical', ['a', 'b', null, 'b', 'a']],
      flag: ['boolean', [true, null, false, false, false]],
    });
    const { frame, report } = cleanFrame(f, { rareLevelShare: 0 });
    expect(frame.values.Income).toEqual([10, 25, 20, 30, 40]);
    expect(frame.values.Education).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(frame.values.flag).toEqual([true, false, false, false, false]);
    expect(change(report.changes, 'Income', 'imputed_median')).toMatchObject({ count: 1, detail: 'missing → median 25' });
    expect(change(report.changes, 'Education', 'imputed_mode')).toMatchObject({ count: 1, detail: 'missing → mode "a"' });
  });

  it('never imputes ids, texts, labels or datetimes', () => {
    const f = frameOf({
      cid: ['customer_id', ['x', null, 'x']],
      note: ['text', ['hi', null, 'hi']],
      segment: ['label', ['a', null, 'a']],
      at: ['datetime', [1, null, 1]],
    });
    const { frame, report } = cleanFrame(f);
    for (const c of f.columns) expect(frame.values[c]?.[1]).toBeNull();
    expect(report.changes.filter((c) => c.rule.startsWith('imputed'))).toEqual([]);
  });
});

describe('cleanFrame: outlier capping', () => {
  const tail = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];

  it('caps to IQR fences Q1 − 3·IQR, Q3 + 3·IQR', () => {
    // Q1 3.25, Q3 7.75, IQR 4.5 → fences −10.25 and 21.25.
    const { frame, report } = cleanFrame(frameOf({ spend: ['amount', tail] }));
    expect(frame.values.spend).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 21.25]);
    expect(change(report.changes, 'spend', 'capped_outlier')).toMatchObject({ count: 1, detail: 'outside [-10.25, 21.25] (Q1 3.25, Q3 7.75, 3×IQR) → set to the fence' });
  });

  it('honours the IQR factor and the percentile method', () => {
    const narrow = cleanFrame(frameOf({ v: ['numeric', tail] }), { iqrFactor: 0.25 }); // fences 2.125, 8.875
    expect(narrow.frame.values.v).toEqual([2.125, 2.125, 3, 4, 5, 6, 7, 8, 8.875, 8.875]);
    const hundred = Array.from({ length: 101 }, (_, i) => i);
    const pct = cleanFrame(frameOf({ v: ['numeric', hundred] }), { capOutliers: 'percentile' }); // P1 = 1, P99 = 99
    expect(pct.frame.values.v?.[0]).toBe(1);
    expect(pct.frame.values.v?.[100]).toBe(99);
    expect(change(pct.report.changes, 'v', 'capped_outlier')?.count).toBe(2);
    expect(cleanFrame(frameOf({ v: ['numeric', tail] }), { capOutliers: 'none' }).frame.values.v).toEqual(tail);
  });

  it('computes fences from present values, so imputed medians are never capped', () => {
    const { frame } = cleanFrame(frameOf({ v: ['numeric', [...tail, null]] }));
    expect(frame.values.v).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 21.25, 5.5]);
  });

  it('leaves years, two-valued flags, zero-IQR columns and returns alone', () => {
    const f = frameOf({
      Year_Birth: ['numeric', [1950, 1960, 1961, 1962, 1963, 1964, 1965, 1966, 1967, 2000]],
      AcceptedCmp1: ['numeric', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
      mostlyZero: ['numeric', [0, 0, 0, 0, 0, 0, 0, 0, 5, 9]],
      qty: ['quantity', [-500, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    });
    const { frame, report } = cleanFrame(f, { referenceYear: 2014 });
    for (const c of f.columns) expect(frame.values[c]).toEqual(f.values[c]);
    expect(report.changes.filter((c) => c.rule === 'capped_outlier')).toEqual([]);
    expect(report.notes).toContain('mostlyZero: not capped: interquartile range is 0');
  });
});

describe('cleanFrame: rare levels', () => {
  const levels = [...Array<string>(150).fill('A'), ...Array<string>(47).fill('B'), 'C', 'C', 'D'];

  it('folds levels under the share into the label and counts rows', () => {
    const at1 = cleanFrame(frameOf({ s: ['categorical', levels] }));
    expect(change(at1.report.changes, 's', 'rare_level_folded')).toMatchObject({ count: 1, levels: ['D'] });
    const at2 = cleanFrame(frameOf({ s: ['categorical', levels] }), { rareLevelShare: 0.02, rareLevelLabel: 'Rest' });
    expect(change(at2.report.changes, 's', 'rare_level_folded')).toMatchObject({
      count: 3,
      levels: ['C', 'D'],
      detail: 'levels under 2% of rows: "C" (2), "D" (1) → "Rest"',
    });
    expect(at2.frame.values.s?.slice(196)).toEqual(['B', 'Rest', 'Rest', 'Rest']);
  });

  it('does not fold when every level is rare (an id-like column)', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `v${i}`);
    expect(cleanFrame(frameOf({ s: ['categorical', ids] })).frame.values.s).toEqual(ids);
  });
});

describe('cleanFrame: contract', () => {
  it('keeps every row, does not mutate its input, and echoes its settings', () => {
    const f = frameOf({
      Year_Birth: ['numeric', [1890, 1960, null, 1970]],
      Income: ['numeric', [null, 1, 2, 1000]],
      Marital: ['categorical', ['a', null, 'a', 'b']],
    });
    const snapshot = structuredClone(f);
    const { frame, report } = cleanFrame(f, { referenceYear: 2000 });
    expect(f).toEqual(snapshot);
    expect(frame.values.Income).not.toBe(f.values.Income);
    expect(frame.rowCount).toBe(4);
    for (const c of frame.columns) expect(frame.values[c]).toHaveLength(4);
    expect(report).toMatchObject({ stage: 'clean', rowsIn: 4, rowsOut: 4 });
    expect(report.params).toMatchObject({ ...cleanDefaults, referenceYear: 2000, referenceYearFrom: 'option' });
  });

  it('rejects bad options and mis-shaped frames', () => {
    const f = frameOf({ x: ['numeric', [1, 2]] });
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof PersonaError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => cleanFrame(f, { iqrFactor: -1 }))).toBe('bad_option');
    expect(code(() => cleanFrame(f, { rareLevelShare: 1.5 }))).toBe('bad_option');
    expect(code(() => cleanFrame(f, { lowerPercentile: 99, upperPercentile: 1 }))).toBe('bad_option');
    expect(code(() => cleanFrame(f, { capOutliers: 'zscore' as never }))).toBe('bad_option');
    expect(code(() => cleanFrame({ ...f, rowCount: 3 }))).toBe('shape_mismatch');
  });
});
