/** The clean stage on the real marketing_campaign table (skipped when ../shared/data is absent). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { cleanFrame } from './clean.ts';

const dataDir = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const file = `${dataDir}/customer_personality/marketing_campaign.csv`;
const present = existsSync(dataDir);
if (!present) console.warn(`skipping the real-data clean test: ${dataDir} is absent`);

/** Plain TAB-separated text, no quoting: enough for this one file. */
function readTsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  return { header: (lines[0] as string).split('\t'), rows: lines.slice(1).map((l) => l.split('\t')) };
}

function roleOf(name: string): ColumnRole {
  if (name === 'ID') return 'id';
  if (name === 'Education' || name === 'Marital_Status') return 'categorical';
  if (name === 'Dt_Customer') return 'datetime';
  if (name.startsWith('Mnt')) return 'amount';
  return 'numeric';
}

function cell(name: string, raw: string): CellValue {
  if (raw === '') return null;
  if (name === 'Dt_Customer') {
    const [d, m, y] = raw.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  }
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

describe.skipIf(!present)('cleanFrame on marketing_campaign.csv', () => {
  it('repairs the known problems of the file', () => {
    const { header, rows } = readTsv(file);
    const frame: Frame = {
      columns: header,
      roles: Object.fromEntries(header.map((h) => [h, roleOf(h)])),
      values: Object.fromEntries(header.map((h, j) => [h, rows.map((r) => cell(h, r[j] ?? ''))])),
      rowCount: rows.length,
    };
    const { frame: out, report } = cleanFrame(frame);
    const change = (column: string, rule: string) => report.changes.find((c) => c.column === column && c.rule === rule);

    expect(out.rowCount).toBe(2240);
    expect(report.params.referenceYear).toBe(2014);
    expect(change('Income', 'imputed_median')?.count).toBe(24);
    expect(change('Year_Birth', 'impossible_birth_year')?.count).toBe(3);
    expect(change('Year_Birth', 'imputed_median')?.count).toBe(3);

    const incomes = frame.values.Income as CellValue[];
    const row = incomes.indexOf(666666);
    expect(row).toBeGreaterThanOrEqual(0);
    const capped = out.values.Income?.[row] as number;
    expect(capped).toBeLessThan(666666);
    expect(capped).toBeGreaterThan(Math.max(...incomes.filter((v): v is number => typeof v === 'number' && v !== 666666)));
    expect(change('Income', 'capped_outlier')?.count).toBe(1);

    expect(report.constantColumns).toEqual(['Z_CostContact', 'Z_Revenue']);
    const folded = change('Marital_Status', 'rare_level_folded');
    expect(new Set(folded?.levels)).toEqual(new Set(['YOLO', 'Absurd', 'Alone']));
    expect(folded?.count).toBe(7);
    expect(out.values.Marital_Status?.filter((v) => v === 'Other')).toHaveLength(7);
    // Campaign flags are 0/1 numbers: never capped.
    expect(report.changes.some((c) => c.column.startsWith('AcceptedCmp') || c.column === 'Response')).toBe(false);
  });
});
