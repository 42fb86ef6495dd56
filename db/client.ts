import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireHomeLock, type HomeLock } from '../lib/home-lock.ts';

/** The database as every query function sees it, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  readonly db: Db;
  readonly driver: 'pglite' | 'postgres';
  /** Where the data lives: a folder for PGlite (or 'memory'), the server URL without password otherwise. */
  readonly location: string;
  /** The embedded database's exclusive lock (null for memory and PostgreSQL, which allow many processes). */
  readonly lock: HomeLock | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… to use a server; otherwise the embedded database. */
  readonly url?: string | null;
  /** Folder for the embedded database; omitted = in memory (tests). */
  readonly dataDir?: string;
  /** Who opens it, written into the embedded database's lock file (e.g. "persona import x.csv"). */
  readonly command?: string;
}

/** Advisory lock id serialising migrations across processes (any constant; "persona" in ASCII). */
const migrationLockKey = 0x70657273;

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens the database and applies any pending migrations, so a fresh clone needs no setup step. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DbHandle> {
  if (options.url) return openPostgres(options.url);
  return openPglite(options.dataDir, options.command);
}

/** The lock file guarding an embedded database folder: beside it, in PERSONA_HOME. */
export function lockFileFor(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)}.lock`);
}

async function openPglite(dataDir: string | undefined, command: string | undefined): Promise<DbHandle> {
  if (dataDir) mkdirSync(dirname(dataDir), { recursive: true });
  // PGlite is one process only: a second process on the same folder corrupts it, so lock first.
  const lock = dataDir ? acquireHomeLock(lockFileFor(dataDir), { home: dirname(dataDir), ...(command ? { command } : {}) }) : null;
  try {
    const client = dataDir ? new PGlite(dataDir) : new PGlite();
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      driver: 'pglite',
      location: dataDir ?? 'memory',
      lock,
      close: async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function openPostgres(url: string): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection dropped by the server (restart, admin command) must not crash the process:
  // the pool replaces it on the next query.
  pool.on('error', (err) => process.stderr.write(`persona: database connection lost (${err.message}); reconnecting on next use\n`));
  const db = drizzlePg(pool, { schema });
  // Several processes may start at once on a fresh database: one migrates, the others wait for it.
  const guard = await pool.connect();
  try {
    await guard.query('select pg_advisory_lock($1)', [migrationLockKey]);
    try {
      await migratePg(db, { migrationsFolder });
    } finally {
      await guard.query('select pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } catch (err) {
    guard.release();
    await pool.end();
    throw err;
  }
  guard.release();
  return {
    db: db as unknown as Db,
    driver: 'postgres',
    location: redactUrl(url),
    lock: null,
    close: () => pool.end(),
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres (unparseable url)';
  }
}

/** The default embedded location under PERSONA_HOME. */
export function embeddedDataDir(home: string): string {
  return join(home, 'db');
}
