/**
 * The HTTP application: health, auth, body-size limit, rate limit, and the route modules. Built from an
 * injected database so tests use app.request() against an in-memory one.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from '../../db/client.ts';
import { bearerAuth } from './auth.ts';
import { rateLimit, type RateLimitOptions } from './rate-limit.ts';
import { runRoutes } from './routes/runs.ts';
import { chatRoutes } from './routes/chat.ts';
import { jobRoutes } from './routes/jobs.ts';
import type { JobQueue } from '../../lib/job-queue.ts';
import type { ChatService } from '../../agent/chat-types.ts';

export interface AppOptions {
  readonly db: Db;
  readonly apiKey?: string | null;
  readonly maxBodyBytes?: number;
  readonly rateLimit?: RateLimitOptions;
  /** The agent; without it the chat routes are absent. */
  readonly chat?: ChatService;
  /** The segmentation queue; with it, /api/jobs lists and cancels jobs. */
  readonly jobs?: JobQueue;
  /** Routes that authenticate themselves (Slack's signed events), mounted before bearer auth. */
  readonly unauthenticated?: Hono;
}

export const appDefaults = { maxBodyBytes: 256 * 1024 } as const;

export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  if (options.unauthenticated) app.route('/', options.unauthenticated);
  app.use('*', bearerAuth(options.apiKey ?? null));
  app.use(
    '*',
    rateLimit(options.rateLimit, (c) => c.req.header('authorization') ?? c.req.header('x-forwarded-for') ?? 'local'),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? appDefaults.maxBodyBytes,
      onError: (c) => c.json({ error: { code: 'payload_too_large', message: `request body over ${options.maxBodyBytes ?? appDefaults.maxBodyBytes} bytes` } }, 413),
    }),
  );
  app.route('/api', runRoutes(options.db));
  if (options.jobs) app.route('/api', jobRoutes(options.jobs));
  if (options.chat) app.route('/', chatRoutes(options.chat));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((err, c) => c.json({ error: { code: 'internal', message: err.message } }, 500));
  return app;
}
