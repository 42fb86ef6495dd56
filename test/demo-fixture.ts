/**
 * A database holding the bundled sample, imported and segmented with the defaults, in a fresh temporary
 * home: the starting point of the agent and chat-surface tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/client.ts';
import { runDemo } from '../pipeline/sample/demo.ts';

export interface DemoFixture {
  readonly db: Db;
  readonly home: string;
  readonly runId: number;
  close(): Promise<void>;
}

export async function openDemoFixture(): Promise<DemoFixture> {
  const home = mkdtempSync(join(tmpdir(), 'persona-demo-'));
  const handle = await openDatabase({ dataDir: join(home, 'db') });
  const result = await runDemo(handle.db, { home });
  if (result.status !== 'succeeded') throw new Error(`demo run failed: ${result.error}`);
  return {
    db: handle.db,
    home,
    runId: result.runId,
    close: async () => {
      await handle.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
