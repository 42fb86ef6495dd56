/**
 * The shared real datasets (../shared/data beside the repository) for the real test tier: where they are,
 * a describe that skips with a clear message when they are absent, and each dataset imported and
 * segmented with the defaults once per test run, opened as a private copy by every test that reads it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';
import { embeddedDataDir, openDatabase, type Db, type DbHandle } from '../db/client.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { runSegmentation } from '../services/segment/run-segmentation.ts';
import { openImageCopy, preparedImage, readFacts, writeFacts } from './prepared-image.ts';

export const sharedDataDir = resolve(import.meta.dirname, '../../shared/data');
export const hasSharedData = existsSync(sharedDataDir);

/** A file of the shared data, by its path inside ../shared/data. */
export function sharedFile(relativePath: string): string {
  return join(sharedDataDir, relativePath);
}

const warned = new Set<string>();

/** describe(), skipped with a message naming the missing folder when ../shared/data is absent. */
export function describeRealData(name: string, body: () => void): void {
  if (!hasSharedData && !warned.has(name)) {
    warned.add(name);
    console.warn(`skipping "${name}": ${sharedDataDir} is absent`);
  }
  describe.skipIf(!hasSharedData)(name, body);
}

export interface SegmentedDataset {
  readonly db: Db;
  /** The open copy (its db is `db`), for code that takes a handle. */
  readonly handle: DbHandle;
  /** The copy's folder: a PERSONA_HOME, removed by close(). */
  readonly home: string;
  readonly datasetId: number;
  readonly runId: number;
  close(): Promise<void>;
}

interface SegmentedFacts {
  readonly datasetId: number;
  readonly runId: number;
}

/** Image name for a shared file: its path in kebab-case. */
function imageName(relativePath: string): string {
  return `segmented-${relativePath.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/**
 * A private copy of a database holding one shared file imported and segmented with the defaults (the
 * run is stored whether it succeeded or failed; tests check its status). The import and segmentation
 * happen once per test run, whichever test asks first.
 */
export async function openSegmentedDataset(relativePath: string): Promise<SegmentedDataset> {
  const file = sharedFile(relativePath);
  const image = await preparedImage(imageName(relativePath), async (home) => {
    const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
    try {
      const outcome = await importDataset(handle.db, { file });
      const run = await runSegmentation(handle.db, { datasetIds: [outcome.dataset.id] });
      writeFacts(home, { datasetId: outcome.dataset.id, runId: run.runId } satisfies SegmentedFacts);
    } finally {
      await handle.close();
    }
  });
  const copy = await openImageCopy(image, 'persona-real');
  try {
    return { db: copy.db, handle: copy, home: copy.home, ...readFacts<SegmentedFacts>(copy.home), close: copy.close };
  } catch (error) {
    await copy.close();
    throw error;
  }
}
