import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { createChatService } from '../agent/service.ts';
import type { DbHandle } from '../db/client.ts';
import { openEmptyDatabase } from '../test/empty-database.ts';
import { createApp } from '../integrations/http/app.ts';
import { escapeHtml, html, jsonIsland, safeLocalPath } from './html.ts';
import { seedHostileRun } from './hostile-fixture.ts';
import { createExplorer } from './routes.ts';

let handle: DbHandle;
let runId: number;

beforeAll(async () => {
  handle = await openEmptyDatabase();
  ({ runId } = await seedHostileRun(handle.db));
});
afterAll(() => handle.close());

/** Markup that would run if customer text reached the page unescaped. */
function assertInert(page: string): void {
  expect(page).not.toMatch(/<script>window/i);
  expect(page).not.toMatch(/<img src=x/i);
  expect(page).not.toMatch(/<svg onload/i);
  expect(page).not.toMatch(/onerror="window/i);
  expect(page).not.toMatch(/href="javascript:/i);
  expect(page).not.toMatch(/' onmouseover='/);
  // Every <script> is one of ours: a same-origin src or a JSON island.
  for (const tag of page.match(/<script[^>]*>/gi) ?? []) expect(tag).toMatch(/^<script (src="\/assets\/[a-z.]+\.js" defer|type="application\/json" id="[a-z-]+")>$/);
}

describe('HTML building', () => {
  it('escapes every interpolation once, and keeps markup built by html', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', 1, null, false]}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&lt;1</p>');
  });

  it('keeps </script> and line separators inside a JSON island from ending it', () => {
    const island = jsonIsland('d', { t: '</script><script>alert(1)</script>\u2028&' }).value;
    expect(island.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(island.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''))).toEqual({ t: '</script><script>alert(1)</script>\u2028&' });
  });

  it('only follows same-site relative paths after login', () => {
    expect(safeLocalPath('/runs/1?x=2')).toBe('/runs/1?x=2');
    for (const bad of ['//evil.example', 'https://evil.example', 'javascript:alert(1)', '/\\evil', undefined]) expect(safeLocalPath(bad)).toBe('/');
  });
});

describe('explorer pages', () => {
  it('renders every page with hostile customer text inert and a strict content security policy', async () => {
    const app = createApp({ db: handle.db });
    for (const path of ['/', `/runs/${runId}`, `/runs/${runId}/segments/0`, `/runs/${runId}/segments/1`, '/data', '/chat', '/assign', `/compare?a=${runId}&b=${runId}`]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const body = await res.text();
      assertInert(body);
      if (path !== '/chat') expect(body, path).toContain('&lt;script&gt;window.__pwned=1');
    }
  });

  it('opens the chat from a segment page with that run and segment as its context, and ignores ones that do not exist', async () => {
    const chat = createChatService({ db: handle.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, exportDir: tmpdir() });
    const app = createApp({ db: handle.db, chat });
    const segment = await (await app.request(`/runs/${runId}/segments/0`)).text();
    expect(segment).toContain(`action="/chat"`);
    expect(segment).toContain(`name="run" value="${runId}"`);
    expect(segment).toContain(`name="segment" value="0"`);
    const page = await (await app.request(`/chat?run=${runId}&segment=0&q=who`)).text();
    expect(page).toMatch(new RegExp(`<form id="chat-form" class="chat-form" data-run="${runId}" data-segment="0">`));
    expect(page).toContain(`href="/runs/${runId}/segments/0"`);
    assertInert(page);
    for (const query of [`run=${runId}&segment=99`, `run=${runId}&segment=-1`, 'run=999999&segment=0', 'run=1e0&segment=0']) {
      const other = await (await app.request(`/chat?${query}`)).text();
      expect(other, query).not.toContain('data-segment=');
      if (!query.startsWith(`run=${runId}`)) expect(other, query).not.toContain('data-run=');
    }
  });

  it('shows the numbers of the JSON API in its tables', async () => {
    const app = createApp({ db: handle.db });
    const api = (await (await app.request(`/api/runs/${runId}`)).json()) as { segments: { size: number; share: number }[] };
    const page = await (await app.request(`/runs/${runId}/segments/1`)).text();
    expect(page).toContain(`id="segment-size">${api.segments[1]?.size}<`);
    expect(page).toContain(`${((api.segments[1]?.share ?? 0) * 100).toFixed(1)}%`);
    expect(page).toMatch(/Hour \(UTC\)/);
  });

  it('serves the map with pseudonymised ids, sampled above the limit and saying by how much', async () => {
    const explorer = createExplorer({ db: handle.db, apiKey: null, mapMaxPoints: 15 });
    const map = (await (await explorer.routes.request(`/runs/${runId}/map.json`)).json()) as { total: number; shown: number; step: number; ids: string[] };
    expect(map).toMatchObject({ total: 40, step: 3, shown: 14 });
    expect(map.ids.every((id) => /^cust-[0-9a-f]{8}$/.test(id))).toBe(true);
    expect(new Set(map.ids).size).toBe(14);
  });

  it('serves ECharts and the client scripts from the package, never the network', async () => {
    const app = createApp({ db: handle.db });
    const echarts = await app.request('/assets/echarts.min.js');
    expect(echarts.status).toBe(200);
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    expect((await app.request('/assets/../package.json')).status).toBe(404);
    const overview = await (await app.request(`/runs/${runId}`)).text();
    expect(overview).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('explorer login', () => {
  const key = 'k3y-for-tests';
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams(fields).toString(),
  });

  it('requires the key, refuses a wrong one, and sets an HttpOnly SameSite=Strict session', async () => {
    const app = createApp({ db: handle.db, apiKey: key });
    const first = await app.request(`/runs/${runId}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/runs/${runId}`)}`);
    expect((await app.request('/login')).status).toBe(200);
    const wrong = await app.request('/login', form({ key: 'nope', next: '/' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const ok = await app.request('/login', form({ key, next: '//evil.example/' }));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^persona_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);
    const session = cookie.split(';')[0] as string;
    const page = await app.request(`/runs/${runId}`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    expect(csrf.length).toBeGreaterThan(20);
    // The API takes the session too, but a state change needs the CSRF token.
    expect((await app.request('/api/runs', { headers: { cookie: session } })).status).toBe(200);
    expect((await app.request('/api/runs', { method: 'POST', headers: { cookie: session } })).status).toBe(403);
    // A cross-site login post is refused outright.
    expect((await app.request('/login', { ...form({ key }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' } })).status).toBe(403);
    // Logout needs the token, then ends the session for good.
    expect((await app.request('/logout', { ...form({ _csrf: 'wrong' }), headers: { ...form({}).headers, cookie: session } })).status).toBe(403);
    const out = await app.request('/logout', { ...form({ _csrf: csrf }), headers: { ...form({}).headers, cookie: session } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await app.request(`/runs/${runId}`, { headers: { cookie: session } })).status).toBe(303);
    expect((await app.request('/api/runs', { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses an assign form without its token', async () => {
    const app = createApp({ db: handle.db });
    const res = await app.request('/assign', form({ run: String(runId), id: 'x' }));
    expect(res.status).toBe(403);
  });
});
