/**
 * Segment intelligence on the shared real datasets and the bundled sample: descriptions, cards,
 * evidence, value, channels and campaigns for every segment, grounded and distinct.
 */
import { describe, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectCompleteIntelligence, segmentedFiles } from '../../test/check-intelligence.ts';
import { openDemoFixture } from '../../test/demo-fixture.ts';

const data = resolve(import.meta.dirname, '../../../shared/data');
const present = existsSync(data);
if (!present) console.warn(`skipping real-data intelligence tests: ${data} is absent`);

const segmented = segmentedFiles();

describe('segment intelligence on the bundled sample', () => {
  it('is complete, grounded and distinct', async () => {
    const demo = await openDemoFixture();
    try {
      await expectCompleteIntelligence(demo.db, demo.runId, 'text');
    } finally {
      await demo.close();
    }
  });
});

describe.skipIf(!present)('segment intelligence on real data', () => {
  it('marketing_campaign.csv (a customer table: exemplars, value proxy)', async () => {
    const { db, runId } = await segmented(`${data}/customer_personality/marketing_campaign.csv`);
    await expectCompleteIntelligence(db, runId, 'tabular');
  });

  it('twcs_sample.csv (customer tweets: quotes)', async () => {
    const { db, runId } = await segmented(`${data}/twcs_sample/twcs_sample.csv`);
    await expectCompleteIntelligence(db, runId, 'text', { value: false });
  }, 300_000);
});
