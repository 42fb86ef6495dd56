/**
 * The explorer in a real browser (Debian's Chromium through playwright-core) on the demo run: every page
 * loads cleanly at desktop and phone widths, chart tables match the JSON API, login works, hostile
 * customer text stays inert, and axe finds no serious accessibility violations.
 */
// Named import: the package's typings describe its CommonJS build, whose default export is the module.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentRuntime, type AgentRuntime } from '../agent/runtime.ts';
import { getRun } from '../db/queries/runs.ts';
import { createApp } from '../integrations/http/app.ts';
import { startServer } from '../integrations/http/server.ts';
import { runSegmentation } from '../services/segment/run-segmentation.ts';
import { openDemoFixture, type DemoFixture } from '../test/demo-fixture.ts';
import { browserDefaults, chromiumAvailable, chromiumPath, launchChromium, watchPage, type BrowserHandle } from './browser-harness.ts';
import { hostile, poisonRun, seedHostileRun } from './hostile-fixture.ts';

const available = chromiumAvailable();
if (!available) console.warn(`explorer browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium, as .ci/run does)`);

interface ApiSegment {
  id: number;
  label: string;
  size: number;
  share: number;
  topFeatures: { lift: number }[];
  description: { activity: { hours: number[]; weekdays: number[] } } | null;
}

describe.skipIf(!available)('explorer in Chromium', () => {
  let fixture: DemoFixture;
  let runtime: AgentRuntime;
  let open: { url: string; close(): Promise<void> };
  let locked: { url: string; close(): Promise<void> };
  let chromium: BrowserHandle;
  let demoRun: number;
  let poisonedRun: number;
  let seededRun: number;
  const key = 'browser-test-key';

  beforeAll(async () => {
    fixture = await openDemoFixture();
    demoRun = fixture.runId;
    const again = await runSegmentation(fixture.db, { datasetIds: (await getRun(fixture.db, demoRun))?.datasetIds ?? [], seed: 7, algorithm: 'kmeans', k: 4 });
    if (again.status !== 'succeeded') throw new Error(`second run failed: ${again.error}`);
    poisonedRun = again.runId;
    await poisonRun(fixture.db, poisonedRun);
    seededRun = (await seedHostileRun(fixture.db)).runId;
    runtime = createAgentRuntime(fixture.db, {});
    open = await startServer(createApp({ db: fixture.db, chat: runtime.chat }), { port: 0, host: '127.0.0.1', apiKey: null });
    locked = await startServer(createApp({ db: fixture.db, chat: runtime.chat, apiKey: key }), { port: 0, host: '127.0.0.1', apiKey: key });
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await open?.close();
    await locked?.close();
    await runtime?.close();
    await fixture?.close();
  });

  const api = async (path: string) => (await fetch(`${open.url}${path}`)).json() as Promise<Record<string, unknown>>;
  const settle = async (page: Page, path: string) => {
    if (/^\/runs\/\d+$/.test(path)) await page.waitForSelector('body[data-map-ready]');
    if (/\/runs\/\d+/.test(path)) await page.waitForSelector('body[data-charts-ready]');
  };
  const numbers = async (page: Page, selector: string, column: number) =>
    (await page.locator(`${selector} tbody tr > :nth-child(${column + 1})`).allTextContents()).map((t) => Number(t.replace(/[,%×]/g, '')));
  /** Runs in the page (the test's type library has no DOM). */
  const inPage = <T>(page: Page, expression: string) => page.evaluate<T>(expression);

  async function pagesOf(runId: number): Promise<string[]> {
    const run = (await api(`/api/runs/${runId}`)) as { segments: ApiSegment[] };
    return ['/', `/runs/${runId}`, ...run.segments.map((s) => `/runs/${runId}/segments/${s.id}`), '/data', '/chat', '/assign', `/compare?a=${demoRun}&b=${poisonedRun}`];
  }

  it('loads every page of the demo run without console errors or failed requests, at 1280×800 and phone width', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const context = await chromium.newContext({ viewport });
      const page = await context.newPage();
      const problems = watchPage(page);
      for (const path of await pagesOf(demoRun)) {
        await page.goto(`${open.url}${path}`);
        await settle(page, path);
        expect(await page.title(), path).toMatch(/Persona Explorer/);
        // Readable at this width: the page does not scroll sideways.
        expect(await inPage<number>(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth'), `${path} at ${viewport.width}px`).toBeLessThanOrEqual(1);
      }
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [], dialogs: [] });
      await context.close();
    }
  });

  it('shows the numbers of the JSON API in the chart tables', async () => {
    const run = (await api(`/api/runs/${demoRun}`)) as { customers: number; segments: ApiSegment[] };
    const page = await chromium.newPage();
    await page.goto(`${open.url}/runs/${demoRun}`);
    await settle(page, `/runs/${demoRun}`);
    expect(await numbers(page, '#segments-table', 2)).toEqual(run.segments.map((s) => s.size));
    expect(await numbers(page, '#segments-table', 3)).toEqual(run.segments.map((s) => Number((s.share * 100).toFixed(1))));
    const status = page.locator('#map-status');
    expect(await status.getAttribute('data-total')).toBe(String(run.customers));
    expect(await status.textContent()).toContain(`all ${run.customers.toLocaleString('en-US')} customers`);
    expect((await numbers(page, '#map-points-table', 1)).reduce((a, b) => a + b, 0)).toBe(run.customers);
    // The colour switch redraws the treemap and says what the colour means.
    await page.getByLabel('sentiment').check();
    await expect.poll(() => page.locator('#treemap-legend').textContent(), { timeout: browserDefaults.hangGuardMs }).toContain('sentiment');

    const seg = run.segments[0] as ApiSegment;
    await page.goto(`${open.url}/runs/${demoRun}/segments/${seg.id}`);
    await settle(page, `/runs/${demoRun}/segments/${seg.id}`);
    expect(await numbers(page, '#lift-table', 3)).toEqual(seg.topFeatures.map((f) => Number(f.lift.toFixed(3))));
    expect(await numbers(page, '#hours-table', 1)).toEqual(seg.description?.activity.hours.map((h) => Number((h * 100).toFixed(2))));
    expect(await numbers(page, '#weekdays-table', 1)).toEqual(seg.description?.activity.weekdays.map((h) => Number((h * 100).toFixed(2))));
    expect(await page.locator('#act-h + p').textContent()).toContain('UTC');
    await page.close();
  });

  it('compares two runs by member overlap', async () => {
    const page = await chromium.newPage();
    await page.goto(`${open.url}/`);
    await page.locator('select[name="a"]').selectOption(String(demoRun));
    await page.locator('select[name="b"]').selectOption(String(poisonedRun));
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(/\/compare\?/);
    const kinds = await page.locator('#compare-table tbody tr td:nth-child(3)').allTextContents();
    expect(kinds).toHaveLength(6);
    for (const k of kinds) expect(['stable', 'grew', 'shrank', 'split', 'merged', 'dissolved']).toContain(k);
    // Six planted segments into four k-means clusters cannot all survive unchanged.
    expect(kinds.some((k) => k === 'merged' || k === 'split')).toBe(true);
    await page.close();
  });

  it('chats through /api/chat in one thread and links evidence cards to segment pages', async () => {
    const page = await chromium.newPage();
    const problems = watchPage(page);
    await page.goto(`${open.url}/runs/${demoRun}/segments/0`);
    await page.getByRole('button', { name: 'Ask in chat' }).click();
    await page.waitForSelector('body[data-chat-answers="1"], body[data-chat-error]');
    expect(await page.locator('body').getAttribute('data-chat-error')).toBeNull();
    const thread = await page.locator('#thread-id').textContent();
    const link = page.locator('.evidence-card a').first();
    expect(await link.getAttribute('href')).toMatch(/^\/runs\/\d+\/segments\/\d+$/);
    await page.locator('#question').fill('what do they complain about?');
    await page.waitForSelector('#chat-form button[type="submit"]:not([disabled])');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForSelector('body[data-chat-answers="2"], body[data-chat-error]');
    expect(await page.locator('body').getAttribute('data-chat-error')).toBeNull();
    expect(await page.locator('body').getAttribute('data-chat-answers')).toBe('2');
    expect(await page.locator('#thread-id').textContent()).toBe(thread);
    await link.click();
    await page.waitForURL(/\/runs\/\d+\/segments\/\d+$/);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [], dialogs: [] });
    await page.close();
  });

  it('assigns a customer from pasted JSON to a segment with a confidence', async () => {
    const page = await chromium.newPage();
    await page.goto(`${open.url}/assign?run=${demoRun}`);
    await page.locator('summary', { hasText: 'Or paste JSON' }).click();
    await page.locator('#f-json').fill(JSON.stringify([{ id: 'walk-in', attributes: { age: 30 }, texts: [{ body: 'Is there a discount code for the sale this week? Prices went up again.' }] }]));
    // Assigning builds the run's features again and embeds the text: the click waits for that answer.
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.waitForSelector('#assign-result');
    expect(await page.locator('#assign-result h3').textContent()).toMatch(/^walk-in: /);
    expect(await page.locator('#assign-result .confidence').textContent()).toMatch(/^\d{1,3}%$/);
    await page.close();
  });

  it('requires the key when one is set, refuses a wrong one, and keeps the session cookie from scripts', async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    await page.goto(`${locked.url}/runs/${demoRun}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.locator('#key').fill('not-the-key');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await page.locator('#login-error').textContent()).toContain('not right');
    expect(await context.cookies()).toEqual([]);
    await page.locator('#key').fill(key);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${locked.url}/runs/${demoRun}`);
    await settle(page, `/runs/${demoRun}`);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'persona_session', httpOnly: true, sameSite: 'Strict' });
    expect(await inPage<string>(page, 'document.cookie')).toBe('');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${locked.url}/data`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('keeps hostile customer text inert on every page, in tooltips and in chat', async () => {
    const page = await chromium.newPage();
    const problems = watchPage(page);
    const paths = [...(await pagesOf(poisonedRun)), `/runs/${seededRun}`, `/runs/${seededRun}/segments/0`, `/runs/${seededRun}/segments/1`, `/assign?run=${seededRun}`];
    for (const path of paths) {
      await page.goto(`${open.url}${path}`);
      await settle(page, path);
      // Hover the treemap and the map so their tooltips render the hostile labels and ids.
      for (const chart of ['#treemap', '#map']) {
        const box = (await page.locator(chart).count()) ? await page.locator(chart).boundingBox() : null;
        if (box) await page.mouse.move(box.x + box.width / 4, box.y + box.height / 4);
      }
      const found = await inPage<{ pwned: number | null; handlers: number; jsLinks: number; injected: number; text: string }>(
        page,
        `({
        pwned: window.__pwned ?? null,
        handlers: document.querySelectorAll('[onerror],[onload],[onmouseover],[onclick]').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i],form[action^="javascript:" i]').length,
        injected: document.querySelectorAll('img[src="x"],svg[onload]').length,
        text: document.body.textContent,
      })`,
      );
      expect({ pwned: found.pwned, handlers: found.handlers, jsLinks: found.jsLinks, injected: found.injected }, path).toEqual({ pwned: null, handlers: 0, jsLinks: 0, injected: 0 });
      if (path !== '/chat' && !path.startsWith('/compare')) expect(found.text, path).toContain(hostile[0]);
    }
    await page.goto(`${open.url}/chat`);
    await page.locator('#question').fill(`Tell me about segment 0 of run ${poisonedRun}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForSelector('body[data-chat-answers]');
    expect(await inPage<number | null>(page, 'window.__pwned ?? null')).toBeNull();
    expect(problems.dialogs).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('has no serious or critical accessibility violations (axe, WCAG 2 A/AA)', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const context = await chromium.newContext({ viewport });
      const page = await context.newPage();
      for (const path of ['/login', ...(await pagesOf(demoRun)).slice(0, 3), '/data', '/chat', '/assign', `/compare?a=${demoRun}&b=${poisonedRun}`]) {
        await page.goto(`${(path === '/login' ? locked : open).url}${path}`);
        await settle(page, path);
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        expect(serious, `${path} at ${viewport.width}px`).toEqual([]);
      }
      await context.close();
    }
  });
});
