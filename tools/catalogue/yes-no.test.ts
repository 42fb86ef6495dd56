/**
 * Yes/no columns keep their own words: the import stores booleans, the catalogue, conditions and answers
 * say "Renewed = Y", never "true". Tables made up here, with column names of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import type { Run } from '../../db/schema.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { buildCatalogue } from './catalogue.ts';
import { parseConditions } from './phrases.ts';
import { compilePredicate } from './predicate.ts';
import { booleanSpellings, type Cell, type RunData, type RunRow } from './run-data.ts';

let dir: string;
let handle: DbHandle;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-yes-no-'));
  handle = await openEmptyDatabase();
});
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A catalogue over boolean cells, as the import stores a yes/no column, with the spellings it reported. */
function catalogueOf(spellings: ReadonlyMap<string, { yes: string; no: string }>, rows: Record<string, Cell>[]) {
  const runRows: RunRow[] = rows.map((values, i) => ({ id: `m${i}`, values, lines: {}, text: '', segment: i % 2 }));
  const data: RunData = {
    run: { id: 1 } as Run,
    rows: runRows,
    byId: new Map(runRows.map((r) => [r.id, r])),
    columns: Object.keys(rows[0] ?? {}).map((name) => {
      const s = spellings.get(name);
      return { name, role: typeof rows[0]?.[name] === 'number' ? 'numeric' : 'categorical', source: 'customer' as const, ...(s ? { spellings: s } : {}) };
    }),
    hasTexts: false,
    hasTransactions: false,
  };
  return { catalogue: buildCatalogue(data, [], []), rows: runRows };
}

describe('yes/no columns', () => {
  it('reads the spellings of a yes/no column from the import report', async () => {
    const file = join(dir, 'members.csv');
    const lines = ['member_id,Renewed,Abandonó,Visits'];
    for (let i = 0; i < 30; i++) lines.push(`M${i},${i % 3 ? 'N' : 'Y'},${i % 2 ? 'no' : 'yes'},${i}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const imported = await importDataset(handle.db, { file });
    const spellings = booleanSpellings([imported.dataset]);
    expect(spellings.get('Renewed')).toEqual({ yes: 'Y', no: 'N' });
    expect(spellings.get('Abandonó')).toEqual({ yes: 'yes', no: 'no' });
    expect(spellings.has('Visits')).toBe(false);
  });

  it('keeps the data\'s words in conditions, counts and their restatement', () => {
    const { catalogue, rows } = catalogueOf(
      new Map([['Renewed', { yes: 'Y', no: 'N' }]]),
      Array.from({ length: 12 }, (_, i) => ({ Renewed: i % 3 === 0, Visits: i })),
    );
    const field = catalogue.fields.find((f) => f.name === 'Renewed');
    expect(field).toMatchObject({ kind: 'flag', yes: 'Y', no: 'N' });
    expect(field?.levels?.map((l) => l.value).sort()).toEqual(['N', 'Y']);

    const parsed = parseConditions(catalogue, 'members who renewed');
    expect(parsed.conditions).toEqual([{ field: 'Renewed', op: 'eq', value: 'Y' }]);
    const predicate = compilePredicate(catalogue, parsed.conditions);
    expect(rows.filter(predicate.test).length).toBe(4);
    expect(predicate.words).toBe('renewed: Y');
    expect(predicate.words).not.toMatch(/true|false/);

    // The other answer, and a caller (an LLM) that passes a boolean, reach the same customers.
    expect(rows.filter(compilePredicate(catalogue, [{ field: 'Renewed', op: 'eq', value: 'N' }]).test).length).toBe(8);
    expect(rows.filter(compilePredicate(catalogue, [{ field: 'Renewed', op: 'eq', value: true }]).test).length).toBe(4);
    expect(compilePredicate(catalogue, [{ field: 'Renewed', op: 'ne', value: 'Y' }]).words).toBe('renewed: N');
  });

  it('says yes or no for a column that only holds true/false', () => {
    const { catalogue } = catalogueOf(new Map(), Array.from({ length: 6 }, (_, i) => ({ Subscribed: i % 2 === 0 })));
    expect(compilePredicate(catalogue, [{ field: 'Subscribed', op: 'eq', value: true }]).words).toBe('subscribed: yes');
  });
});
