/**
 * The browser explorer at scale: the overview of a stored run of 50,000 customers (treemap, metrics,
 * funnel and the 2-D map with every point) and of one of 100,000 (the largest map drawn unsampled),
 * opened in Chromium. The runs are written straight into a fresh embedded database: this measures
 * rendering, not segmentation. Skipped when Chromium is absent. Sizes: PERSONA_BENCH_EXPLORER_SIZES
 * (default "50000,100000"; above 100,000 the map is sampled to 100,000 points and says so).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/client.ts';
import { insertDataset } from '../db/queries/datasets.ts';
import { completeRun, createRun } from '../db/queries/runs.ts';
import { createApp } from '../integrations/http/app.ts';
import { startServer } from '../integrations/http/server.ts';
import { createRng } from '../lib/rng.ts';
import { chromiumAvailable, chromiumPath, launchChromium } from '../web/browser-harness.ts';

const segmentCount = 12;

async function seedRun(db: Db, customers: number, seed: number): Promise<number> {
  const rng = createRng(seed);
  const ds = await insertDataset(db, { name: `bench-${customers}`, kind: 'customers', sourcePath: 'bench', checksum: `bench-${customers}`, format: 'csv', mapping: [], counts: { rows: customers }, report: { rows: customers, columns: [], cleaning: [], quality: [] } });
  const run = await createRun(db, { status: 'running', datasetIds: [ds.id], params: { datasetIds: [ds.id] }, seed });
  const centres = Array.from({ length: segmentCount }, () => [rng.next() * 40 - 20, rng.next() * 40 - 20] as const);
  const labels = Array.from({ length: customers }, () => Math.floor(rng.next() * segmentCount));
  const sizes = new Array<number>(segmentCount).fill(0);
  for (const l of labels) sizes[l]!++;
  const segRows = sizes.map((size, i) => ({
    segmentIndex: i,
    size,
    share: size / customers,
    label: `Segment ${i + 1}`,
    topFeatures: Array.from({ length: 5 }, (_, f) => ({ feature: `f${f}`, description: `feature ${f}`, direction: 'higher', z: 1, lift: 1 + rng.next(), segmentMean: 2, populationMean: 1, block: 'behavioural' })),
    topTerms: [],
    stability: 0.5 + rng.next() / 2,
    profile: {},
    description: { summary: '', reasons: ['feature 0 above average'], activity: { events: 0, hours: new Array(24).fill(0), weekdays: new Array(7).fill(0), peakHour: null, peakWeekday: null }, sentiment: rng.next() * 2 - 1 },
    value: { method: 'snapshot-proxy', note: 'bench', horizonMonths: 12, customers: size, meanClv: 100 + rng.next() * 900, totalClv: 0, expectedPurchases: null, probabilityAlive: null, churnRisk: 'low', currency: null },
  }));
  const assignments = labels.map((l, i) => {
    const [cx, cy] = centres[l] as readonly [number, number];
    return { customerExternalId: `c${String(i).padStart(7, '0')}`, segmentIndex: l, probability: 1, wasNoise: false, x: cx + (rng.next() - 0.5) * 6, y: cy + (rng.next() - 0.5) * 6 };
  });
  await completeRun(db, run.id, { algorithm: 'kmeans', customers, metrics: { silhouette: 0.4, coverage: 1, noiseRate: 0, stability: { mean: 0.8 } }, stages: [], features: [] }, segRows, assignments);
  return run.id;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function runExplorerBench(): Promise<Record<string, unknown>> {
  if (!chromiumAvailable()) return { skipped: `no Chromium at ${chromiumPath}` };
  const sizes = (process.env.PERSONA_BENCH_EXPLORER_SIZES ?? '50000,100000').split(',').map(Number);
  const home = mkdtempSync(join(tmpdir(), 'persona-bench-explorer-'));
  const handle = await openDatabase({ dataDir: join(home, 'db') });
  const out: Record<string, unknown> = {};
  try {
    const runs: [number, number][] = [];
    for (const n of sizes) {
      const t = performance.now();
      runs.push([n, await seedRun(handle.db, n, n)]);
      process.stderr.write(`bench: explorer: stored a ${n}-customer run in ${Math.round(performance.now() - t)} ms\n`);
    }
    const server = await startServer(createApp({ db: handle.db }), { port: 0, host: '127.0.0.1', apiKey: null });
    const chromium = await launchChromium();
    try {
      for (const [n, runId] of runs) {
        const timings: { overviewMs: number; mapMs: number; htmlMs: number; mapJsonMs: number; points: number }[] = [];
        for (let rep = 0; rep < 3; rep++) {
          const page = await chromium.newPage({ viewport: { width: 1280, height: 800 } });
          let t = performance.now();
          await fetch(`${server.url}/runs/${runId}`).then((r) => r.text());
          const htmlMs = performance.now() - t;
          t = performance.now();
          await fetch(`${server.url}/runs/${runId}/map.json`).then((r) => r.arrayBuffer());
          const mapJsonMs = performance.now() - t;
          t = performance.now();
          await page.goto(`${server.url}/runs/${runId}`);
          await page.waitForSelector('body[data-charts-ready]');
          await page.waitForSelector('body[data-map-ready]');
          const overviewMs = performance.now() - t;
          const mapMs = Number(await page.evaluate<string>('document.body.getAttribute("data-map-ms")'));
          const points = Number(await page.locator('#map-status').getAttribute('data-shown'));
          timings.push({ overviewMs, mapMs, htmlMs, mapJsonMs, points });
          await page.close();
        }
        out[`customers_${n}`] = {
          pointsDrawn: timings[0]?.points,
          overviewMedianMs: Math.round(median(timings.map((x) => x.overviewMs))),
          mapFetchAndDrawMedianMs: Math.round(median(timings.map((x) => x.mapMs))),
          overviewHtmlMedianMs: Math.round(median(timings.map((x) => x.htmlMs))),
          mapJsonMedianMs: Math.round(median(timings.map((x) => x.mapJsonMs))),
          repeats: timings.length,
        };
        process.stderr.write(`bench: explorer ${n}: ${JSON.stringify(out[`customers_${n}`])}\n`);
      }
    } finally {
      await chromium.close();
      await server.close();
    }
  } finally {
    await handle.close();
    rmSync(home, { recursive: true, force: true });
  }
  return out;
}
