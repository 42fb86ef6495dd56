/**
 * Segment intelligence on online_retail (the largest shared dataset, in its own file so it runs in
 * parallel with the others): every segment complete, grounded and distinct.
 */
import { describe, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectCompleteIntelligence, segmentedFiles } from '../../test/check-intelligence.ts';

const data = resolve(import.meta.dirname, '../../../shared/data');
const present = existsSync(data);
if (!present) console.warn(`skipping real-data intelligence tests: ${data} is absent`);

const segmented = segmentedFiles();

describe.skipIf(!present)('segment intelligence on real transactions', () => {
  it('online_retail.parquet (transactions: BG/NBD value, exemplars)', async () => {
    const { db, runId } = await segmented(`${data}/online_retail/online_retail.parquet`);
    await expectCompleteIntelligence(db, runId, 'tabular');
  }, 400_000);
});
