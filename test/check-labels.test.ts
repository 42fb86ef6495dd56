/**
 * The label-consistency check that every test database runs when it is closed: a stored run whose label
 * claims a size word without a checked claim makes close() fail, naming the run and the word.
 */
import { describe, expect, it } from 'vitest';
import { completeRun, createRun } from '../db/queries/runs.ts';
import { openEmptyDatabase } from './empty-database.ts';

async function storeRun(db: Parameters<typeof createRun>[0], label: string): Promise<number> {
  const run = await createRun(db, { status: 'running', datasetIds: [], params: {}, seed: 1 });
  await completeRun(
    db,
    run.id,
    { algorithm: 'kmeans', customers: 1, metrics: { clusters: 1 }, stages: [], features: [] },
    [{ segmentIndex: 0, size: 1, share: 1, label, topFeatures: [], topTerms: [], stability: 1, profile: {} }],
    [{ customerExternalId: 'a', segmentIndex: 0, probability: 1, wasNoise: false, x: 0, y: 0 }],
  );
  return run.id;
}

describe('label check on close', () => {
  it('passes a database whose stored labels claim nothing unchecked', async () => {
    const handle = await openEmptyDatabase();
    await storeRun(handle.db, 'Everyone');
    await expect(handle.close()).resolves.toBeUndefined();
  });

  it('fails close() on a stored label that says "Big" without a checked claim, and still closes', async () => {
    const handle = await openEmptyDatabase();
    const runId = await storeRun(handle.db, 'Big spenders');
    await expect(handle.close()).rejects.toThrow(new RegExp(`run ${runId}: segment 0 "Big spenders": the label says "Big" without a checked claim`));
  });
});
