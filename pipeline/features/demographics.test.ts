import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { extractDemographics, type DemographicSettings } from './demographics.ts';

function frameOf(columns: Record<string, CellValue[]>, roles: Record<string, ColumnRole>): Frame {
  const names = Object.keys(columns);
  return { columns: names, roles, values: columns, rowCount: (columns[names[0] as string] as CellValue[]).length };
}

const settings: DemographicSettings = { referenceYear: 2014, maxLevels: 12, rareShare: 0.01, otherLabel: 'Other' };
const rowOf = Int32Array.from([0, 1, 2]);

describe('extractDemographics', () => {
  const frame = frameOf(
    {
      ID: [1, 2, 3],
      Year_Birth: [1980, 1990, 1950],
      Kidhome: [1, 0, 0],
      Teenhome: [1, 0, 2],
      Marital_Status: ['Married', 'Single', 'Together'],
      Income: [50000, 30000, 70000],
      Education: ['PhD', 'Master', 'PhD'],
      Visits: [3, 4, 5],
      Member: [true, false, true],
      Segment: ['gold', 'silver', 'gold'],
      Bio: ['likes wine', 'hi', 'x'],
      Joined: ['2013-01-01', '2013-02-01', '2013-03-01'],
      MntWines: [1, 2, 3],
    },
    { ID: 'id', Year_Birth: 'numeric', Kidhome: 'numeric', Teenhome: 'numeric', Marital_Status: 'categorical', Income: 'numeric', Education: 'categorical', Visits: 'numeric', Member: 'boolean', Segment: 'label', Bio: 'text', Joined: 'datetime', MntWines: 'amount' },
  );
  const e = extractDemographics(frame, rowOf, 4, new Set(['MntWines']), settings);
  const c = Object.fromEntries(e.features.map((f) => [f.column.name, Array.from(f.values)]));
  const block = Object.fromEntries(e.features.map((f) => [f.column.name, f.block]));

  it('derives age and household size', () => {
    expect(c.age).toEqual([34, 24, 64, Number.NaN]);
    // 1 adult, +1 partnered, + kids + teens.
    expect(c.household_size).toEqual([4, 1, 4, Number.NaN]);
    expect(c.kidhome).toEqual([1, 0, 0, Number.NaN]);
    expect(c.year_birth).toBeUndefined();
  });

  it('puts income in the value block and one-hot encodes categoricals by frequency', () => {
    expect(c.income?.slice(0, 3)).toEqual([50000, 30000, 70000]);
    expect(block.income).toBe('value');
    expect(block.age).toBe('demographic');
    expect(c.education_phd?.slice(0, 3)).toEqual([1, 0, 1]);
    expect(c.education_master?.slice(0, 3)).toEqual([0, 1, 0]);
    expect(c.marital_status_married?.slice(0, 3)).toEqual([1, 0, 0]);
    expect(c.member?.slice(0, 3)).toEqual([1, 0, 1]);
    expect(c.visits?.slice(0, 3)).toEqual([3, 4, 5]);
  });

  it('never turns ids, labels, text, datetimes or skipped columns into features', () => {
    const names = Object.keys(c);
    for (const bad of ['id', 'segment', 'segment_gold', 'bio', 'joined', 'mnt_wines']) expect(names).not.toContain(bad);
    expect(names.some((n) => n.startsWith('segment'))).toBe(false);
  });

  it('keeps a birth year when there is no reference year, and uses an age column when there is no birth year', () => {
    const noYear = extractDemographics(frame, rowOf, 3, new Set(), { ...settings, referenceYear: null });
    expect(noYear.features.some((f) => f.column.name === 'age')).toBe(false);
    expect(noYear.features.some((f) => f.column.name === 'year_birth')).toBe(true);
    const ages = frameOf({ Age: [19, 40], 'Annual Income (k$)': [15, 80], 'Spending Score (1-100)': [39, 81] }, { Age: 'numeric', 'Annual Income (k$)': 'numeric', 'Spending Score (1-100)': 'numeric' });
    const m = extractDemographics(ages, Int32Array.from([0, 1]), 2, new Set(), settings);
    const cols = Object.fromEntries(m.features.map((f) => [f.column.name, f]));
    expect(Array.from(cols.age?.values ?? [])).toEqual([19, 40]);
    expect(cols.income?.column.unit).toBe('k$');
    expect(cols.spending_score?.block).toBe('value');
    expect(cols.spending_score?.column.unit).toBe('1-100');
  });

  it('caps the number of one-hot columns at maxLevels, folding the smallest levels into Other', () => {
    const levels = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'd', 'e'];
    const f = frameOf({ Kind: levels }, { Kind: 'categorical' });
    const e3 = extractDemographics(f, Int32Array.from(levels.map((_, i) => i)), levels.length, new Set(), { ...settings, maxLevels: 3 });
    expect(e3.features.map((x) => x.column.name)).toEqual(['kind_a', 'kind_b', 'kind_other']);
    expect(Array.from(e3.features[2]?.values ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(e3.counts.levels_folded_max_levels).toBe(3);
  });

  it('skips an id-like categorical where every level is rare', () => {
    const codes = Array.from({ length: 200 }, (_, i) => `code${i}`);
    const e2 = extractDemographics(frameOf({ Code: codes }, { Code: 'categorical' }), Int32Array.from(codes.map((_, i) => i)), 200, new Set(), settings);
    expect(e2.features).toHaveLength(0);
    expect(e2.notes.join(' ')).toMatch(/Code skipped/);
  });
});
