/**
 * The clustering suite end to end, as the CI gate runs it: every generated scenario segmented by the
 * product with `auto`, checked against the checked-in thresholds; and one scenario segmented twice with
 * one seed, which must give the same segments byte for byte. Real tier: it takes minutes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { runAssignments } from '../../db/queries/runs.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { checkThresholds, loadThresholds } from '../thresholds.ts';
import { clusteringDefaults, clusteringSuite } from './index.ts';
import { generateScenario, scenarios } from './scenarios.ts';

const workDir = mkdtempSync(join(tmpdir(), 'persona-clustering-suite-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('clustering suite', () => {
  it('passes every gated threshold on every scenario, with no false alarms on easy and medium ones', async () => {
    const result = await clusteringSuite.run({ workDir: join(workDir, 'gate'), scope: 'gate', log: () => undefined });
    expect(result.failures).toEqual([]);
    const checks = checkThresholds(result, loadThresholds());
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    const scenarioScopes = new Set(result.scores.filter((s) => s.metric === 'ari').map((s) => s.scope));
    expect(scenarioScopes.size).toBe(scenarios.length);
    expect(result.scores.find((s) => s.metric === 'verdict.false_alarms')?.value).toBe(0);
  }, 1_800_000);

  it('gives identical segments for two runs with one seed', async () => {
    const g = generateScenario(scenarios.find((s) => s.name === 'tabular-imbalanced')!, clusteringDefaults.seed);
    const handle = await openDatabase({ dataDir: join(workDir, 'twice') });
    try {
      const file = join(workDir, 'customers.csv');
      writeFileSync(file, g.customersCsv!);
      const { dataset } = await importDataset(handle.db, { file, settings: { kind: 'customers', overrides: { customer_ref: 'id' } } });
      const [a, b] = [await runSegmentation(handle.db, { datasetIds: [dataset.id], seed: 7 }), await runSegmentation(handle.db, { datasetIds: [dataset.id], seed: 7 })];
      if (a.status !== 'succeeded' || b.status !== 'succeeded') throw new Error(`a run failed: ${JSON.stringify([a, b])}`);
      const [la, lb] = [await runAssignments(handle.db, a.runId), await runAssignments(handle.db, b.runId)];
      expect(lb.map((x) => [x.customerExternalId, x.segmentIndex])).toEqual(la.map((x) => [x.customerExternalId, x.segmentIndex]));
      expect(b.metrics).toEqual(a.metrics);
    } finally {
      await handle.close();
    }
  }, 600_000);
});
