/**
 * The HTTP application: request ids, health, auth (with a limit on failed attempts), body-size limit,
 * rate limit, and the route modules. Built from an injected database so tests use app.request() against
 * an in-memory one. A failure's details go to the server log under the request id; the client gets the
 * id only, never an error message that could carry SQL, paths or data.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Db } from '../../db/client.ts';
import { bearerAuth } from './auth.ts';
import { rateLimit, type RateLimitOptions } from './rate-limit.ts';
import { runRoutes } from './routes/runs.ts';
import { chatRoutes } from './routes/chat.ts';
import { jobRoutes } from './routes/jobs.ts';
import type { JobQueue } from '../../lib/job-queue.ts';
import { uploadRoutes, uploadsPath } from './routes/uploads.ts';
import type { ChatService } from '../../agent/chat-types.ts';
import { errorMessage } from '../../lib/errors.ts';
import { createExplorer } from '../../web/routes.ts';

export interface AppOptions {
  readonly db: Db;
  readonly apiKey?: string | null;
  readonly maxBodyBytes?: number;
  readonly rateLimit?: RateLimitOptions;
  /** The allowance of failed authentication attempts per remote address. */
  readonly failedAuthLimit?: RateLimitOptions;
  /** The agent; without it the chat routes are absent. */
  readonly chat?: ChatService;
  /** The segmentation queue; with it, /api/jobs lists and cancels jobs. */
  readonly jobs?: JobQueue;
  /** Routes that authenticate themselves (Slack's signed events), mounted before bearer auth. */
  readonly unauthenticated?: Hono;
  /** The data folder uploads go to; without it POST /api/uploads is absent. */
  readonly uploads?: { readonly dir: string; readonly maxBytes: number };
  /** Where failures are logged with their request id; default stderr. */
  readonly log?: (line: string) => void;
}

export const appDefaults = { maxBodyBytes: 256 * 1024 } as const;

declare module 'hono' {
  interface ContextVariableMap {
    /** Set first on every request; failures are logged and answered under it. */
    requestId: string;
  }
}

export function createApp(options: AppOptions): Hono {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const app = new Hono();
  app.use('*', async (c, next) => {
    const id = randomUUID();
    c.set('requestId', id);
    await next();
    c.header('X-Request-Id', id);
  });
  app.get('/healthz', (c) => c.json({ ok: true }));
  if (options.unauthenticated) app.route('/', options.unauthenticated);
  // The browser explorer: pages need a session when a key is set; the API also accepts that session.
  const explorer = createExplorer({ db: options.db, apiKey: options.apiKey ?? null, ...(options.chat ? { chat: options.chat } : {}) });
  app.route('/assets', explorer.assets);
  app.use('*', explorer.guard(bearerAuth(options.apiKey ?? null, options.failedAuthLimit ? { failures: options.failedAuthLimit } : {})));
  app.use('*', rateLimit(options.rateLimit));
  const maxBody = options.maxBodyBytes ?? appDefaults.maxBodyBytes;
  const limitBody = bodyLimit({
    maxSize: maxBody,
    onError: (c) => c.json({ error: { code: 'payload_too_large', message: `request body over ${maxBody} bytes` } }, 413),
  });
  // Uploads stream to disk under their own, larger limit.
  app.use('*', (c, next) => (c.req.path === uploadsPath && options.uploads ? next() : limitBody(c, next)));
  app.route('/api', runRoutes(options.db));
  if (options.jobs) app.route('/api', jobRoutes(options.jobs));
  if (options.uploads) app.route('/', uploadRoutes({ ...options.uploads, authenticated: Boolean(options.apiKey) }));
  if (options.chat) app.route('/', chatRoutes(options.chat, log));
  app.route('/', explorer.routes);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((err, c) => {
    const requestId = c.get('requestId') ?? randomUUID();
    log(`persona: request ${requestId} ${c.req.method} ${c.req.path} failed: ${errorMessage(err)}${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
    return c.json({ error: { code: 'internal', message: `internal error; see the server log for request ${requestId}`, requestId } }, 500);
  });
  return app;
}
