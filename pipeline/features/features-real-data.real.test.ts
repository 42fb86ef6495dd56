/** buildFeatures on the real customer tables (skipped when ../shared/data is absent). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnRole } from '../types.ts';
import { buildFeatures } from './build-features.ts';
import type { CustomerInput } from './inputs.ts';
import type { FeatureBlock, FeatureSet } from './types.ts';

const dataDir = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const present = existsSync(dataDir);
if (!present) console.warn(`skipping the real-data feature tests: ${dataDir} is absent`);

/** Plain delimited text without quoting: enough for these two files. CRLF tolerated. */
function readDelimited(path: string, sep: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  return { header: (lines[0] as string).split(sep), rows: lines.slice(1).map((l) => l.split(sep)) };
}

/** Numbers parsed, dd-mm-yyyy dates as ISO, everything else a string; '' is missing. */
function cell(raw: string): CellValue {
  if (raw === '') return null;
  const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(raw);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

function customersOf(path: string, sep: string, idColumn: string): { ids: string[]; customers: CustomerInput[] } {
  const { header, rows } = readDelimited(path, sep);
  const customers = rows.map((r) => {
    const attributes: Record<string, CellValue> = {};
    header.forEach((h, j) => {
      if (h !== idColumn) attributes[h] = cell(r[j] ?? '');
    });
    return { id: r[header.indexOf(idColumn)] as string, attributes };
  });
  return { ids: customers.map((c) => c.id), customers };
}

const names = (set: FeatureSet) => set.blocks.flatMap((b) => b.columns.map((c) => c.name));
const blockOf = (set: FeatureSet, column: string): FeatureBlock | undefined => set.blocks.find((b) => b.columns.some((c) => c.name === column));
function values(set: FeatureSet, column: string): number[] {
  const b = blockOf(set, column) as FeatureBlock;
  const j = b.columns.findIndex((c) => c.name === column);
  return Array.from({ length: b.raw.rows }, (_, i) => b.raw.data[i * b.raw.cols + j] as number);
}
function expectFinite(set: FeatureSet): void {
  for (const b of set.blocks) {
    for (const m of [b.raw, b.scaled]) {
      expect(m.data.length).toBe(m.rows * m.cols);
      expect(m.data.every((v) => Number.isFinite(v))).toBe(true);
    }
  }
}

describe.skipIf(!present)('buildFeatures on marketing_campaign.csv', () => {
  const file = `${dataDir}/customer_personality/marketing_campaign.csv`;
  const roleOf = (name: string): ColumnRole =>
    name === 'Education' || name === 'Marital_Status' ? 'categorical' : name === 'Dt_Customer' ? 'datetime' : name.startsWith('Mnt') ? 'amount' : 'numeric';

  it('turns the table into finite, named blocks', () => {
    const { ids, customers } = customersOf(file, '\t', 'ID');
    const roles = Object.fromEntries(Object.keys(customers[0]?.attributes ?? {}).map((h) => [h, roleOf(h)]));
    const set = buildFeatures({ customerIds: ids, customers, customerRoles: roles });

    expect(set.customerIds).toHaveLength(2240);
    for (const b of set.blocks) expect(b.raw.rows).toBe(2240);
    expectFinite(set);
    const all = names(set);
    expect(new Set(all).size).toBe(all.length);

    const age = values(set, 'age');
    expect(blockOf(set, 'age')?.name).toBe('demographic');
    expect(age[0]).toBe(2014 - 1957); // ID 5524, born 1957; the latest Dt_Customer is in 2014
    expect(Math.min(...age)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...age)).toBeLessThanOrEqual(110);
    expect(values(set, 'household_size')[1]).toBe(3); // ID 2174: single, one kid, one teen

    // AcceptedCmp1–5 feed one rate; Response looks like a target, so it is kept out and reported.
    expect(all).toContain('campaign_acceptance_rate');
    expect(values(set, 'campaign_acceptance_rate')[0]).toBe(0); // ID 5524 answered only the last (Response)
    expect(set.report.params.labelColumnsExcluded).toEqual(['Response']);
    expect(all.some((n) => /accepted|^response/.test(n))).toBe(false);

    expect(all.some((n) => n.startsWith('z_'))).toBe(false);
    expect(set.report.notes?.join('\n')).toMatch(/constant columns skipped: Z_CostContact, Z_Revenue/);
    expect(set.report.counts?.constant_table_columns_skipped).toBe(2);
    expect(all.some((n) => n === 'id' || n.startsWith('id_'))).toBe(false);

    expect(values(set, 'monetary_total')[0]).toBe(635 + 88 + 546 + 172 + 88 + 88);
    expect(values(set, 'recency_days')[0]).toBe(58);
    expect(all).toEqual(expect.arrayContaining(['tenure_days', 'share_web', 'share_deals', 'share_of_spend_wines', 'income', 'complained', 'education_graduation', 'marital_status_other']));
    expect(values(set, 'tenure_days')[0]).toBe((Date.UTC(2014, 5, 29) - Date.UTC(2012, 8, 4)) / 86_400_000);
    expect(Math.max(...values(set, 'income'))).toBeLessThan(666666); // capped by cleanFrame
    expect(set.report.counts?.table_imputed_median).toBeGreaterThanOrEqual(24);
  });

  it('works without declared roles', () => {
    const { ids, customers } = customersOf(file, '\t', 'ID');
    const set = buildFeatures({ customerIds: ids, customers });
    expectFinite(set);
    expect(names(set)).toEqual(expect.arrayContaining(['age', 'household_size', 'campaign_acceptance_rate', 'tenure_days']));
  });
});

describe.skipIf(!present)('buildFeatures on Mall_Customers.csv', () => {
  it('one-hot encodes Genre and keeps Age, income and spending score', () => {
    const { ids, customers } = customersOf(`${dataDir}/mall_customers/Mall_Customers.csv`, ',', 'CustomerID');
    const set = buildFeatures({ customerIds: ids, customers });
    expect(set.customerIds).toHaveLength(200);
    expect(ids[0]).toBe('0001');
    expectFinite(set);
    expect(names(set).sort()).toEqual(['age', 'genre_female', 'genre_male', 'income', 'spending_score']);
    expect(values(set, 'genre_male').slice(0, 3)).toEqual([1, 1, 0]);
    expect(values(set, 'age').slice(0, 2)).toEqual([19, 21]);
    expect(values(set, 'income')[0]).toBe(15);
    expect(values(set, 'spending_score').slice(0, 2)).toEqual([39, 81]);
    expect(blockOf(set, 'income')?.columns.find((c) => c.name === 'income')?.unit).toBe('k$');
  });
});
