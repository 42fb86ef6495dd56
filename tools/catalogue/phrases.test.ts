/** Phrase → condition mapping on small tables made up here, in vocabularies of their own. */
import { describe, expect, it } from 'vitest';
import type { Run } from '../../db/schema.ts';
import { buildCatalogue, humanName } from './catalogue.ts';
import { parseConditions } from './phrases.ts';
import type { Cell, RunData, RunRow } from './run-data.ts';

function tableCatalogue(columns: Record<string, string>, rows: Record<string, Cell>[], texts: string[] = []) {
  const runRows: RunRow[] = rows.map((values, i) => ({ id: `r${i}`, values, lines: {}, text: texts[i] ?? '', segment: i % 2 }));
  const data: RunData = {
    run: { id: 1 } as Run,
    rows: runRows,
    byId: new Map(runRows.map((r) => [r.id, r])),
    columns: Object.entries(columns).map(([name, role]) => ({ name, role, source: 'customer' as const })),
    hasTexts: texts.length > 0,
    hasTransactions: false,
  };
  return buildCatalogue(data, [], []);
}

const clinic = tableCatalogue(
  { Profession: 'categorical', Region: 'categorical', Kidhome: 'numeric', AnnualIncome: 'numeric', Premium: 'categorical', Exited: 'categorical', SeniorCitizen: 'numeric', Contract: 'categorical', PayMethod: 'categorical', MonthlyFee: 'numeric', FeeTotal: 'numeric', tenure: 'numeric' },
  Array.from({ length: 12 }, (_, i) => ({
    Profession: ['Doctor', 'Teacher', 'Nurse'][i % 3] as string,
    Region: ['United Kingdom', 'New Zealand', 'Chile'][i % 3] as string,
    Kidhome: i % 3,
    AnnualIncome: 20000 + i * 10000,
    Premium: i % 2 ? 'Yes' : 'No',
    Exited: i % 4 ? 'No' : 'Yes',
    SeniorCitizen: i % 5 ? 0 : 1,
    Contract: ['Month-to-month', 'Two year'][i % 2] as string,
    PayMethod: ['Electronic check', 'Mailed check'][i % 2] as string,
    MonthlyFee: 30 + i,
    FeeTotal: (30 + i) * i * 6,
    tenure: i * 6,
  })),
);

describe('phrase → conditions', () => {
  it.each([
    ['how many members have kids at home?', [{ field: 'Kidhome', op: 'gt', value: 0 }]],
    ['members with an income above 50k', [{ field: 'AnnualIncome', op: 'gt', value: 50000 }]],
    ['how many doctors are there', [{ field: 'Profession', op: 'eq', value: 'Doctor' }]],
    ['members in the UK', [{ field: 'Region', op: 'eq', value: 'United Kingdom' }]],
    ['who churned', [{ field: 'Exited', op: 'eq', value: 'Yes' }]],
    ['senior citizens', [{ field: 'SeniorCitizen', op: 'eq', value: 1 }]],
    ['members on a month-to-month contract', [{ field: 'Contract', op: 'eq', value: 'Month-to-month' }]],
    ['members who pay by electronic check and are premium', [{ field: 'PayMethod', op: 'eq', value: 'Electronic check' }, { field: 'Premium', op: 'eq', value: 'Yes' }]],
    ['members with no kids', [{ field: 'Kidhome', op: 'eq', value: 0 }]],
    ['members who pay more than 35 a month', [{ field: 'MonthlyFee', op: 'gt', value: 35 }]],
    ['a tenure of more than 24 months', [{ field: 'tenure', op: 'gt', value: 24 }]],
    ['nurses or teachers', [{ field: 'Profession', op: 'in', value: ['Nurse', 'Teacher'] }]],
    ['members by total fee', [{ field: 'FeeTotal', op: 'gt', value: 0 }]],
    ['members by monthly fee', [{ field: 'MonthlyFee', op: 'gt', value: 0 }]],
  ])('%s', (question, expected) => {
    const parsed = parseConditions(clinic, question);
    expect(parsed.conditions).toEqual(expected);
    expect(parsed.unmatched).toEqual([]);
  });

  it('says back what it cannot map', () => {
    const parsed = parseConditions(clinic, 'how many members own a sailboat?');
    expect(parsed.conditions).toEqual([]);
    expect(parsed.unmatched).toEqual(['own', 'sailboat']);
    expect(parsed.closest.length).toBeGreaterThan(0);
  });

  it('reads text filters as keywords', () => {
    const withTexts = tableCatalogue({ Region: 'categorical' }, [{ Region: 'Chile' }, { Region: 'Peru' }], ['where is my parcel', 'refund please']);
    expect(parseConditions(withTexts, 'are there people complaining about late or missing parcels?').conditions).toEqual([{ text: 'parcel' }]);
    expect(parseConditions(withTexts, 'how many customers mentioned refunds').conditions).toEqual([{ text: 'refund' }]);
  });

  it('names columns in plain words', () => {
    expect(humanName('MntWines')).toBe('amount spent on wines');
    expect(humanName('NumWebVisitsMonth')).toBe('number of web visits month');
    expect(humanName('preferred_device')).toBe('preferred device');
  });
});
