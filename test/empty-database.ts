/**
 * A fresh, empty, migrated embedded database for a test. Creating one from nothing (PGlite's initdb plus
 * every migration) costs seconds of CPU; a copy of one built once per test run opens in a fraction.
 */
import { rmSync } from 'node:fs';
import { embeddedDataDir, openDatabase, type DbHandle } from '../db/client.ts';
import { assertStoredLabelsConsistent } from './check-labels.ts';
import { cloneImage, preparedImage } from './prepared-image.ts';

function emptyImage(): Promise<string> {
  return preparedImage('empty-database', async (home) => {
    const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
    await handle.close();
  });
}

/** Its own copy of the empty database; closing it removes the copy. Migrations still run (none pending). */
export async function openEmptyDatabase(): Promise<DbHandle> {
  const home = cloneImage(await emptyImage(), 'persona-empty');
  try {
    const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
    return {
      ...handle,
      // Every run a test stored passes the label-consistency check before its database goes away.
      close: async () => {
        try {
          await assertStoredLabelsConsistent(handle.db);
        } finally {
          await handle.close();
          rmSync(home, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}
