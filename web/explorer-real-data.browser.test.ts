/**
 * The explorer in Chromium on runs of real public datasets (customer tweets, retail transactions, a
 * customer table), each imported and segmented once per test run: every page loads with no console
 * errors and no failed requests, and "Ask in chat" on a segment answers about that segment with evidence.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatService } from '../agent/service.ts';
import { createApp } from '../integrations/http/app.ts';
import { startServer } from '../integrations/http/server.ts';
import { createResidentEmbedder, type ClosableEmbedder } from '../pipeline/embed/resident-embedder.ts';
import { describeRealData, openSegmentedDataset } from '../test/real-data.ts';
import { chromiumAvailable, chromiumPath, launchChromium, watchPage, type BrowserHandle } from './browser-harness.ts';

const available = chromiumAvailable();
if (!available) console.warn(`explorer browser tests on real data skipped: no Chromium at ${chromiumPath} (apt-get install chromium, as .ci/run does)`);

const datasets = ['twcs_sample/twcs_sample.csv', 'online_retail/online_retail.parquet', 'customer_personality/marketing_campaign.csv'];

describeRealData('explorer in Chromium on real datasets', () => {
  describe.skipIf(!available)('every page', () => {
    let chromium: BrowserHandle;
    let encoder: ClosableEmbedder;

    beforeAll(async () => {
      encoder = createResidentEmbedder();
      chromium = await launchChromium();
    });

    afterAll(async () => {
      await chromium?.close();
      await encoder?.close();
    });

    /** Waits for the page's charts (and, on a run overview, the 2-D map) to finish drawing. */
    const settle = async (page: Page, path: string) => {
      if (/^\/runs\/\d+$/.test(path)) await page.waitForSelector('body[data-map-ready]');
      if (/^\/runs\/\d+/.test(path)) await page.waitForSelector('body[data-charts-ready]');
    };

    it.each(datasets)('%s: every page loads cleanly, and "Ask in chat" answers about that segment', async (file) => {
      const data = await openSegmentedDataset(file);
      const chat = createChatService({ db: data.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, encoder, exportDir: join(tmpdir(), 'persona-explorer-real-exports') });
      const server = await startServer(createApp({ db: data.db, chat }), { port: 0, host: '127.0.0.1', apiKey: null });
      const context = await chromium.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const run = (await (await fetch(`${server.url}/api/runs/${data.runId}`)).json()) as { status: string; segments: { id: number }[] };
        expect(run.status).toBe('succeeded');
        expect(run.segments.length).toBeGreaterThanOrEqual(2);
        const paths = [
          '/',
          `/runs/${data.runId}`,
          ...run.segments.map((s) => `/runs/${data.runId}/segments/${s.id}`),
          '/data',
          '/chat',
          `/assign?run=${data.runId}`,
          `/compare?a=${data.runId}&b=${data.runId}`,
        ];
        const page = await context.newPage();
        const problems = watchPage(page);
        for (const path of paths) {
          const response = await page.goto(`${server.url}${path}`);
          expect(response?.status(), path).toBe(200);
          await settle(page, path);
          expect(await page.title(), path).toMatch(/Persona Explorer/);
        }
        expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [], dialogs: [] });

        const segmentId = run.segments[0]!.id;
        await page.goto(`${server.url}/runs/${data.runId}/segments/${segmentId}`);
        await page.getByRole('button', { name: 'Ask in chat' }).click();
        await page.waitForSelector('body[data-chat-answers="1"], body[data-chat-error]');
        expect(await page.locator('body').getAttribute('data-chat-error')).toBeNull();
        const cards = page.locator('.evidence-card a');
        const links: (string | null)[] = [];
        for (let i = 0; i < (await cards.count()); i++) links.push(await cards.nth(i).getAttribute('href'));
        expect(links.length).toBeGreaterThanOrEqual(1);
        expect(new Set(links)).toEqual(new Set([`/runs/${data.runId}/segments/${segmentId}`]));
        expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [], dialogs: [] });
      } finally {
        await context.close();
        await server.close();
        await data.close();
      }
    });
  });
});
