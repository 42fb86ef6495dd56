/** The read-only JSON API over stored runs and segments. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../../../db/client.ts';
import { defaultRun, getRun, listRuns, markDefaultRun, runSegments } from '../../../db/queries/runs.ts';
import { isPersonaError } from '../../../lib/errors.ts';
import { segments } from '../../../db/schema.ts';
import { segmentView } from '../../../pipeline/segment/segment-view.ts';

export function runRoutes(db: Db): Hono {
  const app = new Hono();
  app.get('/runs', async (c) => {
    const rows = await listRuns(db);
    const current = (await defaultRun(db))?.id ?? null;
    return c.json({
      defaultRunId: current,
      runs: rows.map((r) => ({ runId: r.id, isDefault: r.id === current, status: r.status, algorithm: r.algorithm, customers: r.customers, seed: r.seed, datasetIds: r.datasetIds, error: r.error, createdAt: r.createdAt })),
    });
  });
  // New conversations start on the default run; conversations already going keep their own.
  app.put('/runs/default', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { runId?: unknown } | null;
    const id = Number(body?.runId);
    if (!Number.isInteger(id) || id <= 0) return c.json({ error: { code: 'bad_value', message: 'body must be {"runId": <positive integer>}' } }, 400);
    try {
      const run = await markDefaultRun(db, id);
      return c.json({ defaultRunId: run.id });
    } catch (err) {
      if (isPersonaError(err)) return c.json({ error: { code: err.code, message: err.message } }, err.code === 'not_found' ? 404 : 400);
      throw err;
    }
  });
  app.get('/runs/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const run = Number.isInteger(id) ? await getRun(db, id) : null;
    if (!run) return c.json({ error: { code: 'not_found', message: `no run ${c.req.param('id')}` } }, 404);
    const segs = run.status === 'succeeded' ? (await runSegments(db, run.id)).map(segmentView) : [];
    return c.json({ runId: run.id, status: run.status, algorithm: run.algorithm, customers: run.customers, seed: run.seed, params: run.params, metrics: run.metrics, stages: run.stages, error: run.error, segments: segs });
  });
  app.get('/segments/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const [row] = Number.isInteger(id) ? await db.select().from(segments).where(eq(segments.id, id)) : [];
    if (!row) return c.json({ error: { code: 'not_found', message: `no segment ${c.req.param('id')}` } }, 404);
    return c.json({ ...segmentView(row), id: row.id, runId: row.runId, segmentIndex: row.segmentIndex });
  });
  return app;
}
