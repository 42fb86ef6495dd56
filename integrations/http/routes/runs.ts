/** The read-only JSON API over stored runs and segments. */
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { maxId, parseId } from '../../../lib/ids.ts';
import type { Db } from '../../../db/client.ts';
import { defaultRun, getRun, listRuns, markDefaultRun, runSegments } from '../../../db/queries/runs.ts';
import { isPersonaError } from '../../../lib/errors.ts';
import { segments } from '../../../db/schema.ts';
import { segmentView } from '../../../pipeline/segment/segment-view.ts';
import { evalResultsOfRun } from '../../../db/queries/evals.ts';

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
    const id = parseId(c.req.param('id'));
    if (id === null) return badId(c, 'run');
    const run = await getRun(db, id);
    if (!run) return c.json({ error: { code: 'not_found', message: `no run ${c.req.param('id')}` } }, 404);
    const segs = run.status === 'succeeded' ? (await runSegments(db, run.id)).map(segmentView) : [];
    return c.json({ runId: run.id, status: run.status, algorithm: run.algorithm, customers: run.customers, seed: run.seed, params: run.params, metrics: run.metrics, stages: run.stages, error: run.error, segments: segs });
  });
  app.get('/runs/:id/evals', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return badId(c, 'run');
    const run = await getRun(db, id);
    if (!run) return c.json({ error: { code: 'not_found', message: `no run ${c.req.param('id')}` } }, 404);
    const rows = await evalResultsOfRun(db, run.id);
    return c.json({
      runId: run.id,
      evals: rows.map((r) => ({ suite: r.suite, passed: r.passed, scores: r.scores, checks: r.checks, failures: r.failures, skipped: r.skipped, ms: r.ms, createdAt: r.createdAt })),
    });
  });
  app.get('/segments/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return badId(c, 'segment');
    const [row] = await db.select().from(segments).where(eq(segments.id, id));
    if (!row) return c.json({ error: { code: 'not_found', message: `no segment ${c.req.param('id')}` } }, 404);
    return c.json({ ...segmentView(row), id: row.id, runId: row.runId, segmentIndex: row.segmentIndex });
  });
  return app;
}

function badId(c: Context, what: string) {
  return c.json({ error: { code: 'bad_request', message: `a ${what} id is a whole number from 1 to ${maxId}, written in digits` } }, 400);
}
