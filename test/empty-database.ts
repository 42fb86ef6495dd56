/**
 * A fresh, empty, migrated embedded database for a test. Creating one from nothing (PGlite's initdb plus
 * every migration) costs seconds of CPU; a copy of one built once per test run opens in a fraction.
 */
import { embeddedDataDir, openDatabase, type DbHandle } from '../db/client.ts';
import { openImageCopy, preparedImage } from './prepared-image.ts';

function emptyImage(): Promise<string> {
  return preparedImage('empty-database', async (home) => {
    const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
    await handle.close();
  });
}

/** Its own copy of the empty database; closing it removes the copy. Migrations still run (none pending). */
export async function openEmptyDatabase(): Promise<DbHandle> {
  return openImageCopy(await emptyImage(), 'persona-empty');
}
