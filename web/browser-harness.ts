/**
 * Debian's Chromium driven by playwright-core, for the browser tests and the explorer bench. Every
 * launch gets a fresh profile and no background networking, so nothing leaves the machine.
 */
import { existsSync } from 'node:fs';
import { readTestSettings } from '../lib/config.ts';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const chromiumPath = readTestSettings().chromiumPath;

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}

/**
 * Waits for pages, selectors and clicks only guard against hangs: on a machine busy with other work a
 * chat answer or a 100,000-point map may take minutes, and a slow machine must never fail a correct test.
 */
export const browserDefaults = { hangGuardMs: 10 * 60_000 } as const;

export interface BrowserHandle {
  readonly browser: Browser;
  /** A fresh context whose waits (navigation, selectors, actions) default to the hang guard. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in its own fresh context, with the same defaults. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<BrowserHandle> {
  // playwright-core gives every launch its own fresh temporary --user-data-dir and removes it on close.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const newContext = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(browserDefaults.hangGuardMs);
    context.setDefaultNavigationTimeout(browserDefaults.hangGuardMs);
    return context;
  };
  return {
    browser,
    newContext,
    newPage: async (options) => {
      const context = await newContext(options);
      const page = await context.newPage();
      // Closing the page closes its context, as browser.newPage() does.
      page.once('close', () => void context.close().catch(() => undefined));
      return page;
    },
    close: () => browser.close(),
  };
}

export interface PageProblems {
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  readonly pageErrors: string[];
  /** Set by a hostile-text probe if any injected script ran. */
  readonly dialogs: string[];
}

/** Records console errors, failed or erroring requests, uncaught exceptions and dialogs on a page. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], pageErrors: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? 'failed';
    // ERR_ABORTED is the browser cancelling its own request (e.g. a favicon still loading when the test
    // navigates on); server errors arrive as responses >= 400 and broken connections under other codes.
    if (reason === 'net::ERR_ABORTED') return;
    problems.failedRequests.push(`${r.method()} ${r.url()}: ${reason}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.request().method()} ${r.url()}: ${r.status()}`);
  });
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    void d.dismiss();
  });
  return problems;
}
