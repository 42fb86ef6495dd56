/**
 * telco_churn segmented as `persona segment --labels Churn` would: Churn never a feature, ARI/NMI of
 * the delivered segments, every label consistent with its numbers. Prints the segment table. Skipped
 * when ../shared/data is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DbHandle } from '../../db/client.ts';
import { runSegments } from '../../db/queries/runs.ts';
import { expectConsistentLabels } from '../../test/check-labels.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { renderRun } from '../../cli/commands/segment.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { segmentView } from './segment-view.ts';
import type { RunResult } from '../../services/segment/run-result.ts';

const file = fileURLToPath(new URL('../../../shared/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv', import.meta.url));
const present = existsSync(file);
if (!present) console.warn(`skipping the telco_churn label test: ${file} is absent`);

let handle: DbHandle;
let run: Extract<RunResult, { status: 'succeeded' }>;

describe.skipIf(!present)('telco_churn with --labels Churn', () => {
  beforeAll(async () => {
    handle = await openDatabase();
    const dataset = (await importDataset(handle.db, { file, settings: { kind: 'customers', overrides: {} } })).dataset;
    const result = await runSegmentation(handle.db, { datasetIds: [dataset.id], labelsColumn: 'Churn', seed: 42 });
    if (result.status !== 'succeeded') throw new Error(result.error);
    run = result;
    console.log(renderRun(result));
  });

  afterAll(async () => {
    await handle?.close();
  });

  it('keeps Churn out of the features and scores the delivered segments against it', async () => {
    const segments = (await runSegments(handle.db, run.runId)).map(segmentView);
    expect(segments[0]!.contrasts.some((c) => /churn/i.test(c.feature) || /Churn/.test(c.description))).toBe(false);
    for (const s of segments) expect(s.label).not.toMatch(/churn/i);
    expect(run.metrics.partitions[0]).toMatchObject({ name: 'delivered segments', coverage: 1 });
    expect(run.metrics.ari).not.toBeNull();
    expect(run.metrics.nmi).not.toBeNull();
  });

  it('reads the monthly charge as a run-rate and the cumulative one as total spend, from their meaning words', () => {
    const notes = run.stages.find((s) => s.stage === 'features')?.notes?.join('\n') ?? '';
    expect(notes).toContain('MonthlyCharges = spend per month');
    expect(notes).toContain('TotalCharges = spend total');
    expect(notes).toContain('tenure = tenure');
  });

  it('passes the label-consistency check', async () => {
    await expectConsistentLabels(handle.db);
  });
});
