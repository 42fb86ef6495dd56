/**
 * With DATABASE_URL (PostgreSQL) several processes share one database: two segmentations and an import
 * running at the same time, each over its own connection pool as separate processes would, plus a chat
 * question, all succeed and leave consistent data. Skips without PERSONA_TEST_DATABASE_URL (CI sets it).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatService } from '../../agent/service.ts';
import { openDatabase, type DbHandle } from '../../db/client.ts';
import { listRuns, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';

const adminUrl = process.env.PERSONA_TEST_DATABASE_URL;
if (!adminUrl) console.warn('skipping the PostgreSQL concurrency test: PERSONA_TEST_DATABASE_URL is not set');

let dir: string;
let url: string;
const name = `persona_conc_${process.pid}_${Date.now()}`;
const handles: DbHandle[] = [];

async function open(): Promise<DbHandle> {
  const h = await openDatabase({ url });
  handles.push(h);
  return h;
}

beforeAll(async () => {
  if (!adminUrl) return;
  dir = mkdtempSync(join(tmpdir(), 'persona-pgconc-'));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  url = u.toString();
  const rows = Array.from({ length: 80 }, (_, i) => `p${i},${(i % 4) * 12 + (i % 5)},${(i * 13) % 17},${['n', 'e', 's', 'w'][i % 4]}`);
  writeFileSync(join(dir, 'people.csv'), `customer_id,visits,spend,area\n${rows.join('\n')}\n`);
  const more = Array.from({ length: 500 }, (_, i) => `o${i},p${i % 80},2025-04-${String(1 + (i % 28)).padStart(2, '0')},${(i % 9) + 1}`);
  writeFileSync(join(dir, 'orders.csv'), `order_id,customer_id,ordered_at,amount\n${more.join('\n')}\n`);
});

afterAll(async () => {
  if (!adminUrl) return;
  for (const h of handles) await h.close().catch(() => undefined);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!adminUrl)('several processes on PostgreSQL', () => {
  it('two concurrent segmentations, an import and a chat question keep the data consistent', async () => {
    const setup = await open();
    const people = await importDataset(setup.db, { file: join(dir, 'people.csv'), settings: { kind: 'customers', overrides: {} } });
    const datasetId = people.dataset.id;
    const [a, b, c, d] = await Promise.all([open(), open(), open(), open()]);
    const chat = createChatService({ db: d!.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, exportDir: join(dir, 'exports') });
    const [runA, runB, orders, answer] = await Promise.all([
      runSegmentation(a!.db, { datasetIds: [datasetId], algorithm: 'kmeans', k: 3, seed: 1 }),
      runSegmentation(b!.db, { datasetIds: [datasetId], algorithm: 'kmeans', k: 4, seed: 2 }),
      importDataset(c!.db, { file: join(dir, 'orders.csv'), settings: { kind: 'transactions', overrides: {} } }),
      chat.ask({ threadId: 'concurrent', text: 'list the segments' }),
    ]);
    expect(runA.status, runA.status === 'failed' ? runA.error : '').toBe('succeeded');
    expect(runB.status, runB.status === 'failed' ? runB.error : '').toBe('succeeded');
    expect(runA.runId).not.toBe(runB.runId);
    expect(orders.status).toBe('imported');
    expect(typeof answer.answer).toBe('string');

    const check = await open();
    for (const [run, k] of [[runA, 3], [runB, 4]] as const) {
      const segments = await runSegments(check.db, run.runId);
      expect(segments).toHaveLength(k);
      expect(segments.reduce((n, s) => n + s.size, 0)).toBe(80);
      expect(await runAssignments(check.db, run.runId)).toHaveLength(80);
    }
    expect((await listRuns(check.db)).map((r) => r.status).sort()).toEqual(['succeeded', 'succeeded']);
    const counts = await check.db.execute(
      sql`select (select count(*) from customers where dataset_id = ${datasetId})::int as customers, (select count(*) from transactions)::int as transactions, (select count(*) from datasets)::int as datasets`,
    );
    expect((counts as unknown as { rows: unknown[] }).rows[0]).toEqual({ customers: 80, transactions: 500, datasets: 2 });
  });

  it('processes starting at once on a fresh database migrate it once, without errors', async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const fresh = `${name}_fresh`;
    await admin.query(`create database ${fresh}`);
    try {
      const u = new URL(adminUrl as string);
      u.pathname = `/${fresh}`;
      const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ url: u.toString() })));
      for (const h of opened) expect((await listRuns(h.db))).toEqual([]);
      await Promise.all(opened.map((h) => h.close()));
    } finally {
      await admin.query(`drop database if exists ${fresh} with (force)`);
      await admin.end();
    }
  });
});
