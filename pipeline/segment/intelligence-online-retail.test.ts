/**
 * Segment intelligence on online_retail (the largest shared dataset, in its own file so it runs in
 * parallel with the others): every segment complete, grounded and distinct.
 */
import { afterEach, describe, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DbHandle } from '../../db/client.ts';
import { expectCompleteIntelligence, segmentFile } from '../../test/check-intelligence.ts';

const data = resolve(import.meta.dirname, '../../../shared/data');
const present = existsSync(data);
if (!present) console.warn(`skipping real-data intelligence tests: ${data} is absent`);

let handle: DbHandle | null = null;
afterEach(async () => {
  await handle?.close();
  handle = null;
});

async function segmented(file: string): Promise<{ db: DbHandle['db']; runId: number }> {
  const result = await segmentFile(file);
  handle = result.handle;
  return { db: result.handle.db, runId: result.runId };
}

describe.skipIf(!present)('segment intelligence on real transactions', () => {
  it('online_retail.parquet (transactions: BG/NBD value, exemplars)', async () => {
    const { db, runId } = await segmented(`${data}/online_retail/online_retail.parquet`);
    await expectCompleteIntelligence(db, runId, 'tabular');
  }, 400_000);
});
