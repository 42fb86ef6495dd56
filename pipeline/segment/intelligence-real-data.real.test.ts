/**
 * Segment intelligence on the shared real datasets: descriptions, cards, evidence, value, channels and
 * campaigns for every segment, grounded and distinct. Each dataset is segmented once per test run.
 */
import { it } from 'vitest';
import { expectCompleteIntelligence, segmentedFiles } from '../../test/check-intelligence.ts';
import { describeRealData, sharedFile } from '../../test/real-data.ts';

const segmented = segmentedFiles();

describeRealData('segment intelligence on real data', () => {
  it('marketing_campaign.csv (a customer table: exemplars, value proxy)', async () => {
    const { db, runId } = await segmented(sharedFile('customer_personality/marketing_campaign.csv'));
    await expectCompleteIntelligence(db, runId, 'tabular');
  });

  it('twcs_sample.csv (customer tweets: quotes)', async () => {
    const { db, runId } = await segmented(sharedFile('twcs_sample/twcs_sample.csv'));
    await expectCompleteIntelligence(db, runId, 'text', { value: false });
  });
});
