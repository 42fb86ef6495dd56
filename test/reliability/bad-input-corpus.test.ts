/**
 * The bad-input corpus through the import library against one database: every refused file fails with
 * its error code and a message naming the file (and the row and column where there is one), nothing of
 * it is stored; files that import with a warning say so in the report. CLI exit codes for the same corpus
 * are checked in bad-input-corpus.real.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../empty-database.ts';
import { isPersonaError } from '../../lib/errors.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { writeBadInputs, type BadInput } from '../../evals/reliability/bad-inputs.ts';

let dir: string;
let handle: DbHandle;
let corpus: BadInput[];

async function dataCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['datasets', 'customers', 'transactions', 'texts']) {
    const result = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    out[table] = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-bad-'));
  corpus = writeBadInputs(dir);
  handle = await openEmptyDatabase();
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bad-input corpus', () => {
  it('has at least 40 files that must be refused', () => {
    expect(corpus.filter((c) => c.refuse).length).toBeGreaterThanOrEqual(40);
  });

  it('refuses each with a clear error naming file, row and column, and stores nothing', async () => {
    const tally = { tried: 0, clear: 0, dataLost: 0 };
    const before = await dataCounts();
    for (const bad of corpus.filter((c) => c.refuse)) {
      tally.tried++;
      const spec = bad.refuse!;
      const err = await importDataset(handle.db, { file: bad.file, settings: { overrides: {}, ...(bad.kind ? { kind: bad.kind } : {}) } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `${bad.name} was imported`).not.toBeNull();
      expect(isPersonaError(err), `${bad.name}: ${String(err)}`).toBe(true);
      if (!isPersonaError(err)) continue;
      expect(err.code, `${bad.name}: ${err.message}`).toBe(spec.code);
      expect(err.message, bad.name).toMatch(spec.message);
      expect(err.location.file, bad.name).toBe(bad.file);
      expect(err.message.startsWith(bad.file), bad.name).toBe(true);
      if (spec.row) expect(err.location.row, `${bad.name}: ${err.message}`).toBeGreaterThan(0);
      if (spec.column) expect(err.location.column, `${bad.name}: ${err.message}`).toBeTruthy();
      // Never an engine's internals instead of an explanation.
      expect(err.message).not.toMatch(/call stack|btree|Cannot read properties|before start of buffer|undefined/);
      tally.clear++;
      expect(await dataCounts(), `${bad.name} changed the database`).toEqual(before);
    }
    expect(tally.clear).toBe(tally.tried);
  });

  it('imports the suspicious files but warns in the report', async () => {
    for (const bad of corpus.filter((c) => c.warn)) {
      const outcome = await importDataset(handle.db, { file: bad.file, settings: { overrides: {}, ...(bad.kind ? { kind: bad.kind } : {}) } });
      expect(outcome.status, bad.name).toBe('imported');
      if (outcome.status !== 'imported') continue;
      const warning = outcome.report.warnings?.find((w) => w.code === bad.warn!.code);
      expect(warning, `${bad.name}: ${JSON.stringify(outcome.report.warnings)}`).toBeDefined();
      expect(warning?.column).toBeTruthy();
      if (bad.warn!.invalid !== undefined) {
        expect(outcome.report.invalid.total).toBe(bad.warn!.invalid);
        expect(outcome.report.invalid.examples[0]?.value).toBe('7'.repeat(400));
      }
    }
  });

  it('reads a colon-delimited file when the delimiter is given', async () => {
    const colon = corpus.find((c) => c.name === 'colon-delimited.csv')!;
    const outcome = await importDataset(handle.db, { file: colon.file, settings: { overrides: {}, delimiter: ':' } });
    expect(outcome.status === 'imported' && outcome.report.columns.map((c) => c.name)).toEqual(['id', 'age', 'colour']);
  });
});
