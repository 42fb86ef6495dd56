/**
 * A database holding the bundled sample, imported and segmented with the defaults: the starting point of
 * the agent and chat-surface tests. The demo is built once per test run (test/prepared-image.ts); each
 * caller gets a private copy in a fresh temporary home, so tests may write to it freely.
 */
import { cpSync, rmSync } from 'node:fs';
import { embeddedDataDir, openDatabase, type Db } from '../db/client.ts';
import { runDemo } from '../services/sample/demo.ts';
import { listDatasets } from '../db/queries/datasets.ts';
import { generateSample } from '../pipeline/sample/generate.ts';
import { saveStoredEmbeddings, seedStoredEmbeddings } from './stored-embeddings.ts';
import { emptyImage } from './empty-database.ts';
import { cloneImage, openImageCopy, preparedImage, readFacts, writeFacts } from './prepared-image.ts';

export interface DemoFixture {
  readonly db: Db;
  /** A PERSONA_HOME: the database under db/, the sample files under sample/. */
  readonly home: string;
  readonly runId: number;
  /** The sample's customers, transactions and texts datasets, in that order. */
  readonly datasetIds: readonly number[];
  close(): Promise<void>;
}

interface DemoFacts {
  readonly runId: number;
  readonly datasetIds: readonly number[];
}

/**
 * The demo image: a closed PERSONA_HOME after `persona demo`, shared read-only by the run. Embedding the
 * sample's texts is most of its cost, so their vectors are kept for the checkout's next test run
 * (test/stored-embeddings.ts); the first run on a fresh clone embeds them as `persona demo` does.
 */
export function demoImage(): Promise<string> {
  return preparedImage('demo', async (home) => {
    // Starts from the empty migrated home rather than paying for another initdb.
    cpSync(await emptyImage(), home, { recursive: true });
    const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
    try {
      await seedStoredEmbeddings(handle.db, generateSample().texts.map((t) => t.text));
      const result = await runDemo(handle.db, { home });
      if (result.status !== 'succeeded') throw new Error(`demo run failed: ${result.error}`);
      const datasetIds = (await listDatasets(handle.db)).map((d) => d.id).sort((a, b) => a - b);
      writeFacts(home, { runId: result.runId, datasetIds } satisfies DemoFacts);
      await saveStoredEmbeddings(handle.db);
    } finally {
      await handle.close();
    }
  });
}

export interface DemoHome extends DemoFacts {
  readonly home: string;
  remove(): void;
}

/** A private copy of the demo home (files only, nothing open): for tests that run the CLI on it. */
export async function cloneDemoHome(): Promise<DemoHome> {
  const image = await demoImage();
  const home = cloneImage(image, 'persona-demo');
  const facts = readFacts<DemoFacts>(home);
  return { home, ...facts, remove: () => rmSync(home, { recursive: true, force: true }) };
}

export async function openDemoFixture(): Promise<DemoFixture> {
  const copy = await openImageCopy(await demoImage(), 'persona-demo');
  try {
    return { db: copy.db, home: copy.home, ...readFacts<DemoFacts>(copy.home), close: copy.close };
  } catch (error) {
    await copy.close();
    throw error;
  }
}
