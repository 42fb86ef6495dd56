/**
 * Segment intelligence on the shared real datasets: descriptions, cards, evidence, value, channels and
 * campaigns for every segment, grounded and distinct. Each dataset is segmented once per test run.
 */
import { expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { getRun } from '../../db/queries/runs.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { expectCompleteIntelligence, segmentedFiles } from '../../test/check-intelligence.ts';
import { describeRealData, sharedFile } from '../../test/real-data.ts';

const segmented = segmentedFiles();

describeRealData('segment intelligence on real data', () => {
  it('marketing_campaign.csv (a customer table: exemplars; no column named as money, so no value, and the run says why)', async () => {
    const { db, runId } = await segmented(sharedFile('customer_personality/marketing_campaign.csv'));
    await expectCompleteIntelligence(db, runId, 'tabular', { value: false });
    const run = await getRun(db, runId);
    const notes = ((run?.stages ?? []) as { notes?: string[] }[]).flatMap((s) => s.notes ?? []);
    expect(notes.join(' ')).toMatch(/no spend columns: no value was estimated\. Name a spend column with `--map COLUMN=amount`/);
  });

  it('marketing_campaign.csv with its spend columns mapped, as the run suggests (value proxy)', async () => {
    const file = sharedFile('customer_personality/marketing_campaign.csv');
    const handle = await openDatabase();
    try {
      // The operator's override: this table names its spend columns by an abbreviation no rule reads as money.
      const overrides = Object.fromEntries(['MntWines', 'MntFruits', 'MntMeatProducts', 'MntFishProducts', 'MntSweetProducts', 'MntGoldProds'].map((c) => [c, 'amount' as const]));
      const outcome = await importDataset(handle.db, { file, settings: { overrides } });
      const result = await runSegmentation(handle.db, { datasetIds: [outcome.dataset.id] });
      await expectCompleteIntelligence(handle.db, result.runId, 'tabular');
    } finally {
      await handle.close();
    }
  });

  it('twcs_sample.csv (customer tweets: quotes)', async () => {
    const { db, runId } = await segmented(sharedFile('twcs_sample/twcs_sample.csv'));
    await expectCompleteIntelligence(db, runId, 'text', { value: false });
  });
});
