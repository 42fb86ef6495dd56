/**
 * The whole segmentation on the bundled sample, through the embedded database and the worker thread:
 * planted segments recovered, deterministic, failures recorded without touching earlier runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { generateSample } from '../../pipeline/sample/generate.ts';
import { openDemoFixture, type DemoFixture } from '../../test/demo-fixture.ts';
import { runSegmentation } from './run-segmentation.ts';
import { assignCustomers, type NewCustomer } from '../activate/assign.ts';

let demo: DemoFixture;
let datasetIds: number[];
/**
 * One segmentation shared by the checks that only read it (a run costs seconds of CPU): the demo's own
 * options again, so it must repeat the demo's run, which another process stored before its texts were cached.
 */
let again: Awaited<ReturnType<typeof runSegmentation>>;
const demoOptions = { labelsColumn: 'planted_segment', seed: 42 } as const;

// A copy of the demo database: the sample imported and segmented once per test run, its texts already embedded.
beforeAll(async () => {
  demo = await openDemoFixture();
  datasetIds = [...demo.datasetIds];
  again = await runSegmentation(demo.db, { datasetIds, ...demoOptions });
});

afterAll(async () => {
  await demo?.close();
});

describe('runSegmentation on the bundled sample', () => {
  it('recovers the planted segments (ARI ≥ 0.8) with full coverage, and stores the run', async () => {
    const result = again;
    if (result.status !== 'succeeded') throw new Error(result.error);
    expect(result.metrics.ari).toBeGreaterThanOrEqual(0.8);
    expect(result.metrics.coverage).toBe(1);
    expect(result.segments.length).toBeGreaterThanOrEqual(3);
    expect(result.segments.reduce((s, x) => s + x.size, 0)).toBe(result.customers);
    expect(result.segments.some((s) => s.topTerms.some((t) => /fraud|scam|trust|card|refund|legit/.test(t.term)))).toBe(true);
    const stored = await getRun(demo.db, result.runId);
    expect(stored?.status).toBe('succeeded');
    expect((await runAssignments(demo.db, result.runId)).length).toBe(result.customers);
  });

  it('assigns customers from the training data to their own segment (≥ 95%)', async () => {
    // The demo's own run (seed 42), stored when the demo image was built.
    const run = { runId: demo.runId };
    const sample = generateSample();
    const chosen = sample.customers.filter((_, i) => i % 9 === 0);
    const incoming: NewCustomer[] = chosen.map((c) => {
      const customerId = c.customerId;
      return {
        id: customerId,
        // Same columns as the imported customers file (the planted label is left out).
        attributes: {
          signup_date: `${c.signupDate}T00:00:00.000Z`,
          age: c.age,
          gender: c.gender,
          income: c.income,
          country: c.country,
          city_size: c.citySize,
          household_size: c.householdSize,
          preferred_device: c.preferredDevice,
          newsletter_opt_in: c.newsletterOptIn,
        },
        transactions: sample.transactions
          .filter((t) => t.customerId === customerId)
          .map((t) => ({ orderId: t.orderId, at: Date.parse(`${t.orderDate.replace(' ', 'T')}Z`), quantity: t.quantity, price: t.unitPrice, amount: t.quantity * t.unitPrice, isCancellation: t.orderId.startsWith('C'), attributes: { channel: t.channel, category: t.category, product: t.product } })),
        texts: sample.texts.filter((t) => t.customerId === customerId).map((t) => ({ body: t.text, at: Date.parse(t.createdAt) })),
      };
    });
    const own = new Map((await runAssignments(demo.db, run.runId)).map((a) => [a.customerExternalId, a.segmentIndex]));
    const assigned = await assignCustomers(demo.db, run.runId, incoming);
    const agree = assigned.filter((a) => own.get(a.customerId) === a.segmentId).length;
    expect(agree / assigned.length).toBeGreaterThanOrEqual(0.95);
    for (const a of assigned) expect(a.confidence).toBeGreaterThan(0);
  });

  it('gives identical segments and metrics for the same seed', async () => {
    // The demo's run (seed 42, computed in the process that built the demo) against the same options here.
    const b = again;
    if (b.status !== 'succeeded') throw new Error(b.error);
    const a = await getRun(demo.db, demo.runId);
    expect(a).toMatchObject({ status: 'succeeded', seed: 42, customers: b.customers, algorithm: b.algorithm });
    // Stored as jsonb, which orders keys its own way: compared as values, every number exactly.
    expect(a!.metrics).toEqual(JSON.parse(JSON.stringify(b.metrics)));
    const stored = async (runId: number) => (await runSegments(demo.db, runId)).map(({ id: _id, runId: _run, ...rest }) => rest);
    const segmentsA = await stored(demo.runId);
    expect(segmentsA.map((s) => [s.segmentIndex, s.size, s.label])).toEqual(b.segments.map((s) => [s.id, s.size, s.label]));
    expect(await stored(b.runId)).toEqual(segmentsA);
    const assignments = async (runId: number) => (await runAssignments(demo.db, runId)).map((r) => [r.customerExternalId, r.segmentIndex, r.probability, r.wasNoise, r.x, r.y]);
    expect(await assignments(b.runId)).toEqual(await assignments(demo.runId));
  });

  it('re-segments a subset into exactly k groups', async () => {
    const result = await runSegmentation(demo.db, { datasetIds, subset: { minOrders: 3 }, k: 4, seed: 3 });
    if (result.status !== 'succeeded') throw new Error(result.error);
    expect(result.segments).toHaveLength(4);
    expect(result.customers).toBeLessThan(360);
  });

  it('records a failed run with its reason and leaves earlier runs intact', async () => {
    const before = await listRuns(demo.db);
    const failed = await runSegmentation(demo.db, { datasetIds, subset: { minOrders: 10_000 } });
    expect(failed.status).toBe('failed');
    if (failed.status !== 'failed') return;
    expect(failed.error).toMatch(/only 0 customers/);
    const stored = await getRun(demo.db, failed.runId);
    expect(stored).toMatchObject({ status: 'failed' });
    const after = await listRuns(demo.db);
    for (const run of before) expect(after.find((r) => r.id === run.id)?.status).toBe(run.status);
  });
});
