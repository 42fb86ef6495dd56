/**
 * The shared real datasets, imported end to end into the embedded database: the counts every user of
 * these files would check first.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '../../db/client.ts';
import { texts } from '../../db/schema.ts';
import { listDatasets } from '../../db/queries/datasets.ts';
import { describeRealData, openSegmentedDataset, sharedDataDir, sharedFile } from '../../test/real-data.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import type { DataReport } from './report.ts';

const data = sharedDataDir;

describeRealData('real data imports', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDatabase();
  });
  afterAll(() => handle?.close());

  it('marketing_campaign.csv: 2,240 customers, 24 missing Income, 3 impossible birth years', async () => {
    const outcome = await importDataset(handle.db, { file: `${data}/customer_personality/marketing_campaign.csv` });
    if (outcome.status !== 'imported') throw new Error('not imported');
    const r = outcome.report;
    expect(r.dataset.kind).toBe('customers');
    expect(r.dataset.delimiter).toBe('\t');
    expect(r.counts.customers).toBe(2240);
    expect(r.columns.find((c) => c.name === 'Income')?.missing).toBe(24);
    expect(r.columns.find((c) => c.name === 'Dt_Customer')?.parser).toBe('date:dmy');
    expect(r.cleaning.find((c) => c.rule === 'impossible_birth_year')?.count).toBe(3);
    expect(r.cleaning.find((c) => c.rule === 'imputed_median' && c.column === 'Income')?.count).toBe(24);
  });

  it('online_retail.parquet: 541,909 lines, 4,372 customers, 135,080 without a customer, cancellations counted', async () => {
    // Imported once per test run, with the segmentation the other real-data tests read.
    const retail = await openSegmentedDataset('online_retail/online_retail.parquet');
    try {
      const [dataset] = await listDatasets(retail.db);
      const report = dataset!.report as DataReport;
      expect(report.dataset.kind).toBe('transactions');
      expect(report.counts).toMatchObject({ lines: 541909, customers: 4372, linesWithoutCustomer: 135080 });
      expect(report.counts.cancellations).toBeGreaterThanOrEqual(9288);
      const again = await importDataset(retail.db, { file: sharedFile('online_retail/online_retail.parquet') });
      expect(again.status).toBe('skipped');
    } finally {
      await retail.close();
    }
  });

  it('twcs_sample.csv: 5,000 tweets, the split row repaired, 2,778 inbound from 1,443 authors', async () => {
    const outcome = await importDataset(handle.db, { file: `${data}/twcs_sample/twcs_sample.csv` });
    if (outcome.status !== 'imported') throw new Error('not imported');
    const r = outcome.report;
    expect(r.counts).toMatchObject({ texts: 5000, customerTexts: 2778, companyTexts: 2222, customers: 1443 });
    expect(r.repairs.bare_cr_in_field).toBe(1);
    expect(r.quality.find((q) => q.step === 'non_customer')?.dropped).toBe(2222);
    const [tweet] = await handle.db
      .select()
      .from(texts)
      .where(and(eq(texts.datasetId, r.dataset.id), eq(texts.externalId, '3399')));
    expect(tweet?.body).toContain('\r');
    expect(tweet?.body).toContain('I just love');
    expect(tweet?.isCustomer).toBe(true);
  });

  it('Mall_Customers.csv (CRLF): 200 customers with zero-padded ids kept', async () => {
    const outcome = await importDataset(handle.db, { file: `${data}/mall_customers/Mall_Customers.csv` });
    if (outcome.status !== 'imported') throw new Error('not imported');
    expect(outcome.report.counts.customers).toBe(200);
    expect(outcome.report.columns.find((c) => c.name === 'CustomerID')?.role).toBe('id');
  });
});
