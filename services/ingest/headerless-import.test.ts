/**
 * Purchase logs without a header and with columns separated by runs of spaces import without a config:
 * the layout is detected, the columns are named column_1, …, and their roles come from the values.
 * Shapes differ from any bundled file on purpose (date first, letter codes as ids, comma files, tabs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../../db/client.ts';
import { tableCounts } from '../../db/queries/datasets.ts';
import { testDrivers } from '../../db/test-databases.ts';
import { PersonaError } from '../../lib/errors.ts';
import { importDataset } from './import-dataset.ts';

let dir: string;
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-headerless-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small log: customers K1..Kn, each buying on a few days; amount with cents, units as whole numbers. */
function log(format: (id: string, day: string, units: number, amount: string) => string, customers = 6): string {
  const lines: string[] = [];
  for (let c = 1; c <= customers; c++) {
    for (let p = 0; p < 1 + (c % 3); p++) {
      const day = `2023-0${1 + p}-${String(1 + (c % 28)).padStart(2, '0')}`;
      lines.push(format(`K${c}`, day, 1 + ((c + p) % 4), (c * 3.25 + p).toFixed(2)));
    }
  }
  return `${lines.join('\n')}\n`;
}

const roles = (report: { columns: readonly { name: string; role: string }[] }) => Object.fromEntries(report.columns.map((c) => [c.name, c.role]));

describe.each(testDrivers())('headerless imports on $name', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await driver.open();
  });
  afterAll(() => handle.close());

  it('a whitespace-aligned log with leading spaces, date first and letter-code ids, imports as transactions', async () => {
    const path = file('aligned.txt', log((id, day, units, amount) => `  ${day}   ${id.padEnd(4)} ${String(units).padStart(3)}  ${amount.padStart(7)}  `));
    const outcome = await importDataset(handle.db, { file: path });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.report.dataset).toMatchObject({ kind: 'transactions', delimiter: 'whitespace' });
    expect(roles(outcome.report)).toEqual({ column_1: 'datetime', column_2: 'customer_id', column_3: 'quantity', column_4: 'amount' });
    expect(outcome.report.counts).toMatchObject({ lines: 12, customers: 6 });
    expect(outcome.report.invalid.total).toBe(0);
  });

  it('a headerless comma file with yyyymmdd dates and numeric ids imports the same way', async () => {
    const path = file('plain.csv', log((id, day, _units, amount) => `${id.slice(1)}0,${day.replace(/-/g, '')},${amount}`));
    const outcome = await importDataset(handle.db, { file: path });
    expect(outcome.status === 'imported' && roles(outcome.report)).toEqual({ column_1: 'customer_id', column_2: 'datetime', column_3: 'amount' });
  });

  it('a whitespace file with a header keeps its names', async () => {
    const path = file('named.txt', `customer_no   purchased_at   total\n${log((id, day, _u, amount) => `${id}   ${day}   ${amount}`)}`);
    const outcome = await importDataset(handle.db, { file: path });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.report.dataset.delimiter).toBe('whitespace');
    expect(roles(outcome.report)).toMatchObject({ customer_no: 'customer_id', purchased_at: 'datetime', total: 'amount' });
  });

  it('names given for the columns replace the generated ones and drive the roles', async () => {
    const path = file('tabbed.tsv', log((id, day, units, amount) => `${id}\t${day}\t${units}\t${amount}`));
    const outcome = await importDataset(handle.db, { file: path, settings: { columnNames: ['buyer_id', 'when', 'qty', 'spend'], overrides: {} } });
    expect(outcome.status === 'imported' && roles(outcome.report)).toEqual({ buyer_id: 'customer_id', when: 'datetime', qty: 'quantity', spend: 'amount' });
  });

  it('header: false reads the first line as data even when it has no numbers', async () => {
    const path = file('words.csv', 'ana,red\nli,blue\njon,green\n');
    const outcome = await importDataset(handle.db, { file: path, settings: { header: false, overrides: { column_1: 'id' } } });
    expect(outcome.status === 'imported' && outcome.report.counts.customers).toBe(3);
  });

  const lines = (customers: number) => log((id, day, units, amount) => ` ${id.slice(1)} ${day.replace(/-/g, '')} ${units} ${amount}`, customers).trimEnd().split('\n');
  it.each([
    { name: 'a short line', bad: ' 11 20230301 1', column: 'column_4' },
    { name: 'an extra field', bad: ' 12 20230107 3 9.00 x', column: '(extra field 5)' },
  ])('$name: an error naming file, row and column, nothing written', async (c) => {
    const content = lines(10);
    content.splice(4, 0, c.bad);
    const path = file(`bad-${c.column.length}.txt`, `${content.join('\n')}\n`);
    const before = await tableCounts(handle.db);
    const err = await importDataset(handle.db, { file: path }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(PersonaError);
    const pe = err as PersonaError;
    expect(pe.code).toBe('ragged_row');
    expect(pe.message).toContain(path);
    expect(pe.message).toContain('row 5');
    expect(pe.message).toContain(`column "${c.column}"`);
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('a bad date in a headerless log is reported by row and column', async () => {
    const content = lines(30);
    content.splice(3, 1, ' 9 20231399 1 3.00');
    const outcome = await importDataset(handle.db, { file: file('baddate.txt', content.join('\n')) });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.report.invalid.examples).toContainEqual(expect.objectContaining({ row: 4, column: 'column_2', value: '20231399' }));
  });

  it('a wrong number of column names is refused at row 1', async () => {
    const path = file('names.txt', ' 11 20230105 2 4.50\n 12 20230107 3 9.00\n');
    await expect(importDataset(handle.db, { file: path, settings: { columnNames: ['id', 'day'], overrides: {} } })).rejects.toThrow(/2 column names .* row 1 has 4 fields/);
  });
});
