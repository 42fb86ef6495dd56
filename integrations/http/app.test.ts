import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { completeRun, createRun } from '../../db/queries/runs.ts';
import { createApp } from './app.ts';
import { isLoopback, startServer } from './server.ts';

let handle: DbHandle;
let runId: number;

beforeAll(async () => {
  handle = await openEmptyDatabase();
  const run = await createRun(handle.db, { status: 'running', datasetIds: [], params: {}, seed: 1 });
  runId = run.id;
  await completeRun(
    handle.db,
    run.id,
    { algorithm: 'kmeans', customers: 2, metrics: { clusters: 1 }, stages: [], features: [] },
    [{ segmentIndex: 0, size: 2, share: 1, label: 'Everyone', topFeatures: [], topTerms: [], stability: 1, profile: {} }],
    [
      { customerExternalId: 'a', segmentIndex: 0, probability: 1, wasNoise: false, x: 0, y: 0 },
      { customerExternalId: 'b', segmentIndex: 0, probability: 1, wasNoise: false, x: 1, y: 1 },
    ],
  );
});
afterAll(() => handle.close());

describe('HTTP API', () => {
  it('answers health without a token and refuses the API without one', async () => {
    const app = createApp({ db: handle.db, apiKey: 'secret' });
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/api/runs')).status).toBe(401);
    expect((await app.request('/api/runs', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await app.request('/api/runs', { headers: { authorization: 'Bearer secret' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { runs: unknown[] }).runs[0]).toMatchObject({ runId, status: 'succeeded' });
  });

  it('serves a run with its segments, a segment by id, and 404s', async () => {
    const app = createApp({ db: handle.db });
    const run = (await (await app.request(`/api/runs/${runId}`)).json()) as { segments: unknown[] };
    expect(run.segments[0]).toMatchObject({ id: 0, label: 'Everyone', size: 2 });
    expect((await app.request('/api/runs/999')).status).toBe(404);
    expect((await app.request('/api/nothing')).status).toBe(404);
  });

  it('limits body size and request rate', async () => {
    const app = createApp({ db: handle.db, maxBodyBytes: 10, rateLimit: { perMinute: 60, burst: 2, now: () => 0 } });
    const big = await app.request('/api/runs', { method: 'POST', body: 'x'.repeat(100), headers: { 'content-length': '100' } });
    expect(big.status).toBe(413);
    expect((await app.request('/api/runs')).status).toBe(200);
    expect((await app.request('/api/runs')).status).toBe(429);
  });

  it('refuses to bind beyond loopback without a key, and serves over real HTTP', async () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    const app = createApp({ db: handle.db });
    await expect(startServer(app, { port: 0, host: '0.0.0.0', apiKey: null })).rejects.toThrow(/PERSONA_API_KEY/);
    const server = await startServer(app, { port: 0, host: '127.0.0.1', apiKey: null });
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(await res.json()).toEqual({ ok: true });
    } finally {
      await server.close();
    }
  });
});
