/**
 * The databases every db test runs against: embedded PGlite always, and a real PostgreSQL server when
 * PERSONA_TEST_DATABASE_URL points at one (CI starts one), each test getting its own fresh database.
 * Test support only: imported by test files, never by the product.
 */
import pg from 'pg';
import { openEmptyDatabase } from '../test/empty-database.ts';
import { openDatabase, type DbHandle } from './client.ts';
import { readTestSettings } from '../lib/config.ts';

export interface TestDriver {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<DbHandle>;
}

let counter = 0;

export function testDrivers(): TestDriver[] {
  // A copy of an empty database migrated once per test run: the same state as openDatabase() from nothing.
  const drivers: TestDriver[] = [{ name: 'pglite', open: openEmptyDatabase }];
  const adminUrl = readTestSettings().databaseUrl;
  if (adminUrl) drivers.push({ name: 'postgres', open: () => openFreshPostgres(adminUrl) });
  return drivers;
}

async function openFreshPostgres(adminUrl: string): Promise<DbHandle> {
  const name = `persona_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
