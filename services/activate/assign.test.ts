/**
 * `persona assign` with the state a run fitted: a run's own customers land back in their own segments,
 * and assigning changes nothing stored for the run. Small generated data (a bakery loyalty scheme with
 * Finnish regions), three planted groups, missing cells, through the embedded database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { eq } from 'drizzle-orm';
import { getRunModel, runAssignments } from '../../db/queries/runs.ts';
import { customers, runModels } from '../../db/schema.ts';
import { createRng } from '../../lib/rng.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { importDataset } from '../ingest/import-dataset.ts';
import { runSegmentation } from '../segment/run-segmentation.ts';
import { assignCustomers, type NewCustomer } from './assign.ts';

let handle: DbHandle;
let dir: string;
let datasetIds: number[];
const members: NewCustomer[] = [];

const regions = ['Uusimaa', 'Pirkanmaa', 'Lappi'];
const header = ['asiakas', 'kayntia_kuussa', 'kori_eur', 'leivat_viikossa', 'alue', 'kanta_asiakas', 'liittynyt'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-assign-'));
  const rng = createRng(2024);
  const lines = [header.join(',')];
  for (let i = 0; i < 150; i++) {
    const g = i % 3;
    const visits = Math.round([2, 9, 20][g]! + rng.next() * 3);
    const basket = Math.round(([45, 18, 7][g]! + rng.next() * 4) * 100) / 100;
    const loaves = Math.round([1, 4, 9][g]! + rng.next() * 2);
    const region = regions[(g + (rng.next() < 0.2 ? 1 : 0)) % 3]!;
    const loyal = g === 2 ? 'kylla' : rng.next() < 0.5 ? 'kylla' : 'ei';
    const joined = `20${String(18 + g + (i % 4)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
    // Every 17th customer lacks a basket value: the fill must come from the fit, not from the new rows.
    const basketCell = i % 17 === 5 ? '' : String(basket);
    const id = `A${1000 + i}`;
    lines.push([id, visits, basketCell, loaves, region, loyal, joined].join(','));
    members.push({
      id,
      attributes: { kayntia_kuussa: visits, kori_eur: basketCell === '' ? null : basket, leivat_viikossa: loaves, alue: region, kanta_asiakas: loyal, liittynyt: `${joined}T00:00:00.000Z` },
    });
  }
  const file = join(dir, 'asiakkaat.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  handle = await openEmptyDatabase();
  const imported = await importDataset(handle.db, { file });
  datasetIds = [imported.dataset.id];
}, 120_000);

afterAll(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ownSegmentShare(runId: number): Promise<number> {
  const own = new Map((await runAssignments(handle.db, runId)).map((a) => [a.customerExternalId, a.segmentIndex]));
  const assigned = await assignCustomers(handle.db, runId, members);
  expect(assigned).toHaveLength(members.length);
  return assigned.filter((a) => own.get(a.customerId) === a.segmentId).length / assigned.length;
}

describe('assigning with the fitted state stored with the run', () => {
  it('puts the training customers back in their own segments (UMAP, HDBSCAN) and changes nothing stored', async () => {
    const run = await runSegmentation(handle.db, { datasetIds, seed: 3, reducer: 'umap', reduceTo: 3, algorithm: 'hdbscan', stabilityResamples: 2 });
    if (run.status !== 'succeeded') throw new Error(run.error);
    expect(run.segments.length).toBeGreaterThanOrEqual(2);
    const modelBefore = await getRunModel(handle.db, run.runId);
    const rowsBefore = await runAssignments(handle.db, run.runId);
    expect(modelBefore?.state.byteLength).toBeGreaterThan(0);

    expect(await ownSegmentShare(run.runId)).toBeGreaterThanOrEqual(0.99);

    const modelAfter = await getRunModel(handle.db, run.runId);
    expect(Buffer.from(modelAfter!.state).equals(Buffer.from(modelBefore!.state))).toBe(true);
    expect(await runAssignments(handle.db, run.runId)).toEqual(rowsBefore);
  }, 300_000);

  it('does the same for a PCA + k-means run fitted on a sample', async () => {
    const run = await runSegmentation(handle.db, { datasetIds, seed: 4, reducer: 'pca', reduceTo: 3, algorithm: 'kmeans', k: 3, sampleFitAbove: 60, sampleSize: 50, stabilityResamples: 2 });
    if (run.status !== 'succeeded') throw new Error(run.error);
    expect(run.stages.some((s) => s.stage === 'sample')).toBe(true);
    expect(await ownSegmentShare(run.runId)).toBeGreaterThanOrEqual(0.99);
  }, 300_000);

  it('places one new customer alone, with a missing value and a region the run never saw', async () => {
    const run = await runSegmentation(handle.db, { datasetIds, seed: 5, algorithm: 'kmeans', k: 3, stabilityResamples: 2 });
    if (run.status !== 'succeeded') throw new Error(run.error);
    const heavy = members[2]!; // a daily visitor: group 2
    const own = new Map((await runAssignments(handle.db, run.runId)).map((a) => [a.customerExternalId, a.segmentIndex]));
    const [placed] = await assignCustomers(handle.db, run.runId, [{ id: 'uusi-1', attributes: { ...heavy.attributes, kori_eur: null, alue: 'Ahvenanmaa' } }]);
    expect(placed?.segmentId).toBe(own.get(heavy.id));
    expect(placed?.confidence).toBeGreaterThan(0.5);
    expect(placed?.confidence).toBeLessThanOrEqual(1);
  }, 300_000);

  // Last: it deletes the run's customers from the database.
  it('reads none of the run\'s customers: the same placements after they are deleted', async () => {
    const run = await runSegmentation(handle.db, { datasetIds, seed: 6, algorithm: 'kmeans', k: 3, stabilityResamples: 2 });
    if (run.status !== 'succeeded') throw new Error(run.error);
    const fresh: NewCustomer[] = [
      { id: 'uusi-a', attributes: { ...members[0]!.attributes, kori_eur: 2_000 } },
      { id: 'uusi-b', attributes: { ...members[4]!.attributes, alue: 'Kainuu', kanta_asiakas: null } },
      { id: 'uusi-c', attributes: {} },
    ];
    const before = await assignCustomers(handle.db, run.runId, fresh);
    await handle.db.delete(customers).where(eq(customers.datasetId, datasetIds[0]!));
    expect(await handle.db.select().from(customers)).toHaveLength(0);
    expect(await assignCustomers(handle.db, run.runId, fresh)).toEqual(before);

    await handle.db.update(runModels).set({ formatVersion: 1 }).where(eq(runModels.runId, run.runId));
    await expect(assignCustomers(handle.db, run.runId, fresh)).rejects.toThrow(/format 1.*segment again, then assign/);
  }, 300_000);
});
