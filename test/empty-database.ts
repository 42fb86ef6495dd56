/**
 * A fresh, empty, migrated embedded database for a test. Creating one from nothing (PGlite's initdb plus
 * every migration) costs seconds of CPU; a copy of one built once per test run opens in a fraction.
 */
import { rmSync } from 'node:fs';
import { embeddedDataDir, openDatabase, type DbHandle } from '../db/client.ts';
import { cloneImage, openImageCopy, preparedImage } from './prepared-image.ts';

/** A closed PERSONA_HOME whose database is migrated and empty, shared read-only by the run. */
export function emptyImage(): Promise<string> {
  return preparedImage('empty-database', async (home) => {
    const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
    await handle.close();
  });
}

/** Its own copy of the empty database; closing it removes the copy. Migrations still run (none pending). */
export async function openEmptyDatabase(): Promise<DbHandle> {
  return openImageCopy(await emptyImage(), 'persona-empty');
}

export interface EmptyHome {
  /** A PERSONA_HOME holding an empty migrated database, nothing open: for commands run on it. */
  readonly home: string;
  remove(): void;
}

/** A private copy of the empty home: what a first command would create, without paying for initdb again. */
export async function cloneEmptyHome(prefix = 'persona-home'): Promise<EmptyHome> {
  const home = cloneImage(await emptyImage(), prefix);
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}
