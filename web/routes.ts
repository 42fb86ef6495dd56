/**
 * The browser explorer served by `persona serve`: pages, their JSON (the map), the login flow and the
 * static assets. `guard` wraps the API's bearer check so one middleware decides for every path.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/client.ts';
import type { ChatService } from '../agent/chat-types.ts';
import { assignCustomer } from '../tools/activate-tools.ts';
import { runTool } from '../tools/define.ts';
import { defaultRun } from '../db/queries/runs.ts';
import { assetRoutes } from './assets.ts';
import type { SafeHtml } from './html.ts';
import { html, safeLocalPath } from './html.ts';
import { page, type PageContext } from './layout.ts';
import { loadComparison, loadDatasets, loadMapPoints, loadRun, loadRunRows, mapDefaults, type MapPoints, type RunDetail } from './load.ts';
import { assignFields, assignPage, type AssignOutcome } from './pages/assign.ts';
import { chatPage } from './pages/chat.ts';
import { dataPage } from './pages/data.ts';
import { loginPage } from './pages/login.ts';
import { overviewPage } from './pages/overview.ts';
import { comparePage, runsPage } from './pages/runs.ts';
import { segmentPage } from './pages/segment.ts';
import { createSessionStore, explorerAuth, sameSecret, sessionCookie, sessionDefaults, sessionOf, type SessionStore } from './session.ts';
import { parseId } from '../lib/ids.ts';

/** A path or query id: plain decimal digits only ("1e0", "0x1", 20 digits → no run, never a SQL error). */
const idOf = (raw: string | undefined): number => (raw === undefined ? Number.NaN : (parseId(raw) ?? Number.NaN));

export interface ExplorerOptions {
  readonly db: Db;
  readonly apiKey: string | null;
  readonly chat?: ChatService;
  readonly sessions?: SessionStore;
  /** Points drawn on the 2-D map before it is sampled. */
  readonly mapMaxPoints?: number;
}

export interface Explorer {
  readonly routes: Hono;
  /** Static, public and cheap: mounted before rate limiting so a page's scripts never count against it. */
  readonly assets: Hono;
  guard(bearer: MiddlewareHandler): MiddlewareHandler;
}

/** Scripts and styles only from this server; customer text can never run even if it escaped. */
const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
} as const;

export function createExplorer(options: ExplorerOptions): Explorer {
  const { db, apiKey } = options;
  const sessions = options.sessions ?? createSessionStore();
  const mapMax = options.mapMaxPoints ?? mapDefaults.maxPoints;
  // In open mode forms still carry a token no other site can read.
  const openCsrf = randomBytes(24).toString('base64url');
  const app = new Hono();
  // A finished run never changes: its map is computed once (a few runs kept, newest last).
  const maps = new Map<number, Promise<MapPoints>>();
  const mapOf = (d: RunDetail): Promise<MapPoints> => {
    if (d.run.status !== 'succeeded') return loadMapPoints(db, d, mapMax);
    let points = maps.get(d.run.id);
    if (!points) {
      points = loadMapPoints(db, d, mapMax);
      points.catch(() => maps.delete(d.run.id));
      maps.set(d.run.id, points);
      while (maps.size > 4) maps.delete(maps.keys().next().value as number);
    }
    return points;
  };

  const ctxOf = (c: Context): PageContext => {
    const s = apiKey ? sessionOf(c, sessions) : null;
    return { csrf: s?.csrf ?? openCsrf, loggedIn: Boolean(s) };
  };
  const send = (c: Context, body: SafeHtml, status: 200 | 400 | 401 | 403 | 404 = 200) => c.html(body.value, status, securityHeaders);
  const notFound = (c: Context, what: string) =>
    send(c, pageNotFound(ctxOf(c), what), 404);
  const csrfOk = async (c: Context, form: Record<string, unknown>) => {
    const given = typeof form._csrf === 'string' ? form._csrf : '';
    return sameSecret(given, ctxOf(c).csrf) && sameOrigin(c);
  };

  app.get('/login', (c) => {
    if (!apiKey || sessionOf(c, sessions)) return c.redirect(safeLocalPath(c.req.query('next')), 303);
    return send(c, loginPage(safeLocalPath(c.req.query('next')), null));
  });
  app.post('/login', async (c) => {
    if (!apiKey) return c.redirect('/', 303);
    if (!sameOrigin(c)) return c.text('Cross-site login refused.', 403);
    const form = await c.req.parseBody();
    const next = safeLocalPath(typeof form.next === 'string' ? form.next : '/');
    const key = typeof form.key === 'string' ? form.key : '';
    if (!sameSecret(key, apiKey)) return send(c, loginPage(next, 'That key is not right.'), 401);
    const s = sessions.create();
    c.header('Set-Cookie', sessionCookie(c, s));
    return c.redirect(next, 303);
  });
  app.post('/logout', async (c) => {
    const form = await c.req.parseBody();
    if (!(await csrfOk(c, form))) return c.text('Missing or wrong form token.', 403);
    sessions.end(getCookie(c, sessionDefaults.cookie));
    c.header('Set-Cookie', sessionCookie(c, null));
    return c.redirect(apiKey ? '/login' : '/', 303);
  });

  app.get('/', async (c) => send(c, runsPage(ctxOf(c), await loadRunRows(db))));
  app.get('/runs', (c) => c.redirect('/', 301));
  app.get('/compare', async (c) => {
    const [a, b] = await Promise.all([loadRun(db, idOf(c.req.query('a'))), loadRun(db, idOf(c.req.query('b')))]);
    if (!a || !b) return notFound(c, 'one of the runs to compare');
    return send(c, comparePage(ctxOf(c), a, b, await loadComparison(db, a, b)));
  });
  app.get('/runs/:id', async (c) => {
    const d = await loadRun(db, idOf(c.req.param('id')));
    return d ? send(c, overviewPage(ctxOf(c), d, mapMax)) : notFound(c, `run ${c.req.param('id')}`);
  });
  app.get('/runs/:id/map.json', async (c) => {
    const d = await loadRun(db, idOf(c.req.param('id')));
    if (!d) return c.json({ error: { code: 'not_found', message: `no run ${c.req.param('id')}` } }, 404);
    return c.json(await mapOf(d), 200, { 'Cache-Control': 'no-store' });
  });
  app.get('/runs/:id/segments/:seg', async (c) => {
    const d = await loadRun(db, idOf(c.req.param('id')));
    const s = d?.segments.find((x) => x.id === Number(c.req.param('seg')) && /^\d{1,9}$/.test(c.req.param('seg')));
    return d && s ? send(c, segmentPage(ctxOf(c), d, s)) : notFound(c, `segment ${c.req.param('seg')} of run ${c.req.param('id')}`);
  });
  app.get('/data', async (c) => send(c, dataPage(ctxOf(c), await loadDatasets(db))));
  app.get('/chat', async (c) => {
    // Opened from a run or segment page: that run and segment become the conversation's context,
    // sent with the question, when they exist; anything else opens a plain chat.
    const run = c.req.query('run') ? await loadRun(db, idOf(c.req.query('run'))) : null;
    const segRaw = c.req.query('segment');
    // Segment ids count from 0, unlike database ids.
    const segment = run && segRaw && /^\d{1,9}$/.test(segRaw) ? (run.segments.find((s) => s.id === Number(segRaw)) ?? null) : null;
    return send(
      c,
      chatPage(ctxOf(c), {
        available: Boolean(options.chat),
        question: (c.req.query('q') ?? '').slice(0, 8000),
        context: run && run.run.status === 'succeeded' ? { runId: run.run.id, segment: segment ? { id: segment.id, label: segment.label } : null } : null,
      }),
    );
  });

  const assignContext = async (runParam: string | undefined) => {
    const rows = await loadRunRows(db);
    const id = runParam ? Number(runParam) : (await defaultRun(db))?.id;
    const d = id !== undefined && Number.isInteger(id) ? await loadRun(db, id) : null;
    return { rows, d: d && d.run.status === 'succeeded' ? d : null };
  };
  app.get('/assign', async (c) => {
    const { rows, d } = await assignContext(c.req.query('run'));
    return send(c, assignPage(ctxOf(c), rows, d, { values: {}, json: '', outcome: null }));
  });
  app.post('/assign', async (c) => {
    const form = await c.req.parseBody();
    if (!(await csrfOk(c, form))) return c.text('Missing or wrong form token.', 403);
    const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const { rows, d } = await assignContext(str('run') || undefined);
    const values: Record<string, string> = Object.fromEntries(Object.entries(form).filter(([k, v]) => typeof v === 'string' && k !== '_csrf' && k !== 'json') as [string, string][]);
    const json = str('json').trim();
    let outcome: AssignOutcome;
    if (!d) outcome = { error: `no successful run ${str('run')}` };
    else {
      const customers = json ? parseJson(json) : [formCustomer(values, assignFields(d).map((f) => ({ name: f.name, numeric: f.role === 'numeric' || f.role === 'amount' || f.role === 'price' || f.role === 'quantity' })))];
      if (customers instanceof Error) outcome = { error: customers.message };
      else {
        const result = await runTool(assignCustomer, { db, focus: { runId: d.run.id, segmentId: null, segmentRunId: null }, exportDir: join(tmpdir(), 'persona-explorer') }, { runId: d.run.id, customers });
        outcome = result.ok ? { results: (result.data as { assignments: NonNullable<AssignOutcome['results']> }).assignments } : { error: result.error.message };
      }
    }
    return send(c, assignPage(ctxOf(c), rows, d, { values, json, outcome }), outcome.error ? 400 : 200);
  });

  return { routes: app, assets: assetRoutes(), guard: (bearer) => explorerAuth(apiKey, sessions, bearer) };
}

function parseJson(text: string): unknown[] | Error {
  try {
    const raw: unknown = JSON.parse(text);
    return Array.isArray(raw) ? raw : [raw];
  } catch (err) {
    return new Error(`The JSON could not be read: ${(err as Error).message}`);
  }
}

function formCustomer(values: Record<string, string>, fields: readonly { name: string; numeric: boolean }[]): unknown {
  const attributes: Record<string, string | number | null> = {};
  for (const f of fields) {
    const v = (values[`attr:${f.name}`] ?? '').trim();
    if (!v) continue;
    const n = Number(v.replace(/,/g, ''));
    attributes[f.name] = f.numeric && Number.isFinite(n) ? n : v;
  }
  const text = (values.text ?? '').trim();
  return { id: (values.id ?? '').trim() || 'new-customer', attributes, ...(text ? { texts: [{ body: text }] } : {}) };
}

/** Browsers send Origin on form posts; when they do it must be this server. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  return origin === new URL(c.req.url).origin || origin === `http://${c.req.header('host') ?? ''}` || origin === `https://${c.req.header('host') ?? ''}`;
}

function pageNotFound(ctx: PageContext, what: string): SafeHtml {
  return page(ctx, { title: 'Not found', active: 'none', body: html`<h1>Not found</h1><p>There is no ${what}. <a href="/">Back to the runs</a>.</p>` });
}
