import { embeddedDataDir, openDatabase, type DbHandle } from '../db/client.ts';
import { readEnvironment } from '../lib/config.ts';
import { reapInterruptedRuns } from '../services/segment/run-liveness.ts';

/** Opens the configured database: DATABASE_URL when set, else PGlite under PERSONA_HOME. */
export async function openConfiguredDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DbHandle> {
  const settings = readEnvironment(env);
  const handle = settings.databaseUrl
    ? await openDatabase({ url: settings.databaseUrl })
    : await openDatabase({ dataDir: embeddedDataDir(settings.home), command: commandLine() });
  try {
    // Runs left "running" by a process that died are marked failed (interrupted) before anything reads them.
    await reapInterruptedRuns(handle.db, { exclusive: handle.lock !== null });
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

/** The command as the operator typed it, for the lock file ("persona import data.csv"). */
function commandLine(): string {
  return ['persona', ...process.argv.slice(2)].join(' ').slice(0, 300);
}

/** Runs `fn` with an open database and always closes it. */
export async function withDatabase<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openConfiguredDatabase();
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}
