/**
 * BG/NBD on the CDNOW purchase log with the paper's calibration/holdout split (first 39 weeks /
 * following 39 weeks), read the way a user would: the headerless, space-aligned file goes through the
 * importer with no settings, and the check runs as `persona holdout --calibration-weeks 39
 * --holdout-weeks 39` does. Predicted repeat purchases in the holdout are compared with the actual ones,
 * and the per-customer error with a naive baseline (each customer repeats the calibration window).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { transactionsOf } from '../../db/queries/customer-data.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { describeRealData, sharedFile } from '../../test/real-data.ts';
import { holdoutSummary, renderHoldout } from '../../cli/commands/holdout.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { toTransactionInput } from '../../services/segment/load-inputs.ts';
import { evaluateHoldout } from './holdout.ts';

describeRealData('BG/NBD on CDNOW, calibration / holdout, through the importer', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openEmptyDatabase();
  });
  afterAll(() => handle?.close());

  it('imports the log without settings and predicts holdout repeat purchases better than the naive baseline', async () => {
    const outcome = await importDataset(handle.db, { file: sharedFile('cdnow/CDNOW_master.txt') });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.report.dataset).toMatchObject({ kind: 'transactions', delimiter: 'whitespace' });
    expect(Object.fromEntries(outcome.report.columns.map((c) => [c.name, c.role]))).toEqual({
      column_1: 'customer_id',
      column_2: 'datetime',
      column_3: 'quantity',
      column_4: 'amount',
    });
    expect(outcome.report.counts).toMatchObject({ lines: 69_659, customers: 23_544 });

    const lines = (await transactionsOf(handle.db, outcome.dataset.id)).map(toTransactionInput);
    const result = await evaluateHoldout(lines, { calibrationWeeks: 39, holdoutWeeks: 39, xgboost: false });
    const summary = holdoutSummary(outcome.dataset.id, outcome.dataset.name, result);
    console.log(renderHoldout(summary));
    const p = result.purchases;
    // Every customer first buys in the first quarter; those whose calibration lines are all $0 have no valued purchase.
    expect(result.customers).toBeGreaterThan(23_400);
    expect(Math.abs(p.predictedTotal - p.actualTotal) / p.actualTotal).toBeLessThan(0.2);
    expect(p.mae).toBeLessThan(p.naiveMae);
  });
});
