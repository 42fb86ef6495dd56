import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, redactUrl } from './client.ts';
import { findDataset, insertDataset, tableCounts } from './queries/datasets.ts';
import { datasets } from './schema.ts';
import { testDrivers } from './test-databases.ts';

const sample = {
  name: 'people.csv',
  kind: 'customers' as const,
  sourcePath: '/data/people.csv',
  checksum: 'abc',
  format: 'csv',
  mapping: [],
  counts: { rows: 2 },
  report: {},
};

describe.each(testDrivers())('database on $name', (driver) => {
  it('applies migrations and round-trips a dataset', async () => {
    const handle = await driver.open();
    try {
      expect(handle.driver).toBe(driver.name);
      const created = await insertDataset(handle.db, sample);
      const found = await findDataset(handle.db, String(created.id));
      expect(found?.name).toBe('people.csv');
      expect(found?.counts).toEqual({ rows: 2 });
      expect(await findDataset(handle.db, 'people.csv')).toMatchObject({ id: created.id });
    } finally {
      await handle.close();
    }
  });

  it('rolls a failed transaction back completely', async () => {
    const handle = await driver.open();
    try {
      const before = await tableCounts(handle.db);
      await expect(
        handle.db.transaction(async (tx) => {
          await insertDataset(tx, sample);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await tableCounts(handle.db)).toEqual(before);
      expect(await handle.db.select().from(datasets).where(eq(datasets.name, 'people.csv'))).toHaveLength(0);
    } finally {
      await handle.close();
    }
  });
});

describe('embedded database on disk', () => {
  it('keeps data between openings of the same folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'persona-db-'));
    try {
      const first = await openDatabase({ dataDir: join(dir, 'db') });
      await insertDataset(first.db, sample);
      await first.close();
      const second = await openDatabase({ dataDir: join(dir, 'db') });
      expect((await tableCounts(second.db)).datasets).toBe(1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never prints a password', () => {
    expect(redactUrl('postgres://u:secret@h:5432/db')).not.toContain('secret');
  });
});
