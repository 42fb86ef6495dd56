/**
 * A real run of the product on generated data, evaluated on request the way the agent tool, `persona
 * show` and the HTTP API read it: the product's own cards must be fully grounded against the raw data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../db/client.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { runSegmentation } from '../services/segment/run-segmentation.ts';
import { createApp } from '../integrations/http/app.ts';
import { runTool } from '../tools/define.ts';
import { evaluatePersonas } from '../tools/eval-tools.ts';
import { generateScenario, scenarios } from './clustering/scenarios.ts';

let handle: DbHandle;
let dir: string;
let runId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-evals-stored-'));
  handle = await openDatabase();
  const spec = scenarios.find((s) => s.name === 'tabular-separated')!;
  const generated = generateScenario({ ...spec, customers: 90 }, 3);
  writeFileSync(join(dir, 'people.csv'), generated.customersCsv!);
  const imported = await importDataset(handle.db, { file: join(dir, 'people.csv'), settings: { kind: 'customers', overrides: { customer_ref: 'id' } } });
  const run = await runSegmentation(handle.db, { datasetIds: [imported.dataset.id], algorithm: 'kmeans', stabilityResamples: 3 });
  if (run.status !== 'succeeded') throw new Error(run.error);
  runId = run.runId;
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evaluation of a stored run', () => {
  it('the agent tool computes the scores once, stores them, and the HTTP API serves them', async () => {
    const ctx = { db: handle.db, focus: { runId: null, segmentId: null, segmentRunId: null }, exportDir: dir };
    const first = await runTool(evaluatePersonas, ctx, { runId });
    expect(first.ok).toBe(true);
    const data = (first as { data: { computedNow: boolean; suites: { suite: string; scores: { metric: string; value: number }[] }[] } }).data;
    expect(data.computedNow).toBe(true);
    const scores = new Map(data.suites[0]!.scores.map((s) => [s.metric, s.value]));
    expect(scores.get('grounding')).toBe(1);
    expect(scores.get('identifiability')).toBeGreaterThan(0);
    const again = await runTool(evaluatePersonas, ctx, {});
    expect((again as { data: { computedNow: boolean } }).data.computedNow).toBe(false);

    const app = createApp({ db: handle.db });
    const body = (await (await app.request(`/api/runs/${runId}/evals`)).json()) as { evals: { suite: string; scores: unknown[] }[] };
    expect(body.evals.map((e) => e.suite)).toEqual(['coherence']);
    expect((await app.request('/api/runs/999/evals')).status).toBe(404);
  });
});
