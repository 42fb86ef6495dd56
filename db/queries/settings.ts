/** Named queries over per-database settings. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { settings } from '../schema.ts';

/**
 * A random secret created once per database and kept: the same database always gives the same value
 * (so runs stay reproducible), and nobody without the database can recompute it.
 */
export async function databaseSecret(db: Db, key: string): Promise<string> {
  await db.insert(settings).values({ key, value: randomBytes(32).toString('hex') }).onConflictDoNothing({ target: settings.key });
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  if (!row) throw new Error(`settings: ${key} was not stored`);
  return row.value;
}

export async function readSetting(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value ?? null;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
