/** The segmentation queue over HTTP: what is running and waiting (with progress), and cancelling a job. */
import { Hono } from 'hono';
import type { JobQueue } from '../../../lib/job-queue.ts';

export function jobRoutes(jobs: JobQueue): Hono {
  const app = new Hono();
  app.get('/jobs', (c) => c.json({ jobs: jobs.list(), load: jobs.load }));
  app.post('/jobs/:id/cancel', (c) => {
    const raw = c.req.param('id');
    if (!/^[1-9]\d{0,9}$/.test(raw)) return c.json({ error: { code: 'bad_value', message: 'a job id is a positive whole number' } }, 400);
    const job = jobs.cancel(Number(raw));
    if (!job) return c.json({ error: { code: 'not_found', message: `no job ${raw}` } }, 404);
    return c.json({ job });
  });
  return app;
}
