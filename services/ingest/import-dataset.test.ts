import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DbHandle } from '../../db/client.ts';
import { tableCounts } from '../../db/queries/datasets.ts';
import { listImports } from '../../db/queries/import-log.ts';
import { testDrivers } from '../../db/test-databases.ts';
import { PersonaError } from '../../lib/errors.ts';
import { importDataset } from './import-dataset.ts';

let dir: string;
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = 'customer_id,age,city\nA1,34,Leeds\nA2,51,York\nA3,27,Leeds\n';

/** Each case: a file that must fail with a message naming file, row and column, changing nothing. */
const badInputs: { name: string; make: () => string; code: string; row?: number; column?: string; kind?: 'customers' | 'texts' }[] = [
  { name: 'empty file', make: () => file('empty.csv', ''), code: 'empty_file' },
  { name: 'header only', make: () => file('header.csv', 'customer_id,age\n'), code: 'header_only', row: 1 },
  { name: 'binary bytes', make: () => file('binary.csv', Buffer.from([0x41, 0x42, 0x2c, 0x43, 0, 0, 0, 1, 2, 3, 0, 0])), code: 'not_text' },
  // A recognisable container is named even behind a text extension.
  { name: 'ZIP archive named .csv', make: () => file('zipped.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3, 0, 0])), code: 'unsupported_format' },
  {
    name: 'non-UTF-8 bytes',
    make: () => file('latin1.csv', Buffer.concat([Buffer.from('customer_id,city\nA1,Leeds\nA2,'), Buffer.from([0xe9, 0x74, 0xe9]), Buffer.from('\n')])),
    code: 'bad_encoding',
    row: 3,
  },
  { name: 'ragged row', make: () => file('ragged.csv', 'customer_id,age,city\nA1,34,Leeds\nA2,51\n'), code: 'ragged_row', row: 3, column: 'city' },
  { name: 'duplicate ids', make: () => file('dups.csv', 'customer_id,age\nA1,34\nA2,51\nA1,27\n'), code: 'duplicate_id', row: 4, column: 'customer_id' },
  { name: 'no usable id column', make: () => file('noid.csv', 'age,city\n34,Leeds\n51,York\n34,Leeds\n'), code: 'no_id_column', kind: 'customers' },
  {
    name: 'a 10 MB single field',
    make: () => file('huge.csv', `customer_id,note\nA1,${'x'.repeat(10 * 1024 * 1024)}\n`),
    code: 'field_too_large',
    row: 2,
    column: 'note',
  },
  { name: 'file that does not exist', make: () => join(dir, 'missing.csv'), code: 'file_not_found' },
];

describe.each(testDrivers())('import on $name', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await driver.open();
  });
  afterAll(() => handle.close());

  it('imports a small customer file and skips a second identical import', async () => {
    const path = file('people.csv', good);
    const first = await importDataset(handle.db, { file: path });
    expect(first.status).toBe('imported');
    if (first.status !== 'imported') return;
    expect(first.report.counts.customers).toBe(3);
    expect(first.report.columns.find((c) => c.name === 'customer_id')?.role).toBe('id');
    const before = await tableCounts(handle.db);
    const second = await importDataset(handle.db, { file: path });
    expect(second.status).toBe('skipped');
    expect(await tableCounts(handle.db)).toEqual(before);
    const forced = await importDataset(handle.db, { file: path, force: true });
    expect(forced.status).toBe('imported');
    expect((await tableCounts(handle.db)).customers).toBe(before.customers + 3);
  });

  it('reads a gzipped file the same way', async () => {
    const path = file('people2.csv.gz', gzipSync(Buffer.from(good.replace(/A/g, 'B'))));
    const outcome = await importDataset(handle.db, { file: path });
    expect(outcome.status === 'imported' && outcome.report.dataset.compressed).toBe(true);
  });

  it.each(badInputs)('$name: clear error, database unchanged, failure logged', async (c) => {
    const path = c.make();
    const before = await tableCounts(handle.db);
    const err = await importDataset(handle.db, { file: path, ...(c.kind ? { settings: { kind: c.kind, overrides: {} } } : {}) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PersonaError);
    const pe = err as PersonaError;
    expect(pe.code).toBe(c.code);
    expect(pe.message).toContain(path);
    if (c.row !== undefined) expect(pe.message).toContain(`row ${c.row}`);
    if (c.column !== undefined) expect(pe.message).toContain(`column "${c.column}"`);
    expect(await tableCounts(handle.db)).toEqual(before);
    const [last] = await listImports(handle.db, 1);
    expect(last).toMatchObject({ status: 'failed', sourcePath: path, errorCode: c.code });
  });

  it('wrong delimiter forced by config names the delimiter the file uses', async () => {
    const path = file('semi.csv', 'customer_id;age;city\nA1;34;Leeds\nA2;51;York\n');
    const before = await tableCounts(handle.db);
    await expect(importDataset(handle.db, { file: path, settings: { delimiter: ',', overrides: {} } })).rejects.toMatchObject({
      code: 'wrong_delimiter',
    });
    expect(await tableCounts(handle.db)).toEqual(before);
  });

  it('resolves customers through an order link table and counts unmatched rows', async () => {
    const orders = file('orders.csv', 'order_ref,buyer\nO1,C1\nO2,C2\n');
    const reviews = file('reviews.csv', 'review_id,order_ref,review_text\nR1,O1,The blender arrived broken and support never answered me\nR2,O2,Lovely quality and quick delivery to my door thank you\nR3,O9,Where is my parcel it has been two weeks already now\n');
    const outcome = await importDataset(handle.db, {
      file: reviews,
      settings: {
        kind: 'texts',
        overrides: { order_ref: 'order_id' },
        link: { file: 'orders.csv', orderColumn: 'order_ref', customerColumn: 'buyer', resolvedFile: orders },
      },
    });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.report.counts).toMatchObject({ texts: 3, linkedByOrder: 2, unmatchedOrderLinks: 1, customers: 2 });
  });
});
