/**
 * Segment intelligence on online_retail (the largest shared dataset, in its own file so it runs in
 * parallel with the others): every segment complete, grounded and distinct.
 */
import { it } from 'vitest';
import { expectCompleteIntelligence, segmentedFiles } from '../../test/check-intelligence.ts';
import { describeRealData, sharedFile } from '../../test/real-data.ts';

const segmented = segmentedFiles();

describeRealData('segment intelligence on real transactions', () => {
  it('online_retail.parquet (transactions: BG/NBD value, exemplars)', async () => {
    const { db, runId } = await segmented(sharedFile('online_retail/online_retail.parquet'));
    await expectCompleteIntelligence(db, runId, 'tabular');
  });
});
