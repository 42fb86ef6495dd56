/**
 * Memory a segmentation holds for its transaction lines: loaded whole, or left in the database with only
 * the per-customer summaries it computes (aggregates, purchase histories, activity counts) loaded.
 * Generated lines, embedded PGlite.
 *   node --expose-gc bin/run-ts.mjs bench/load-inputs-bench.ts [customers] [linesPerCustomer]
 */
import { openDatabase } from '../db/client.ts';
import { insertDataset } from '../db/queries/datasets.ts';
import { insertTransactions } from '../db/queries/rows.ts';
import type { NewTransaction } from '../db/schema.ts';
import { createRng } from '../lib/rng.ts';
import { loadInputs, type LoadedInputs } from '../services/segment/load-inputs.ts';
import { loadPurchaseAggregates } from '../services/segment/purchase-aggregates.ts';

const customers = Number(process.argv[2] ?? 20_000);
const perCustomer = Number(process.argv[3] ?? 10);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const handle = await openDatabase();
const rng = createRng(11);
const dataset = await insertDataset(handle.db, { name: 'lines', kind: 'transactions', sourcePath: 'generated', checksum: 'generated', format: 'csv', mapping: [], counts: {}, report: {} });
const start = Date.UTC(2022, 0, 1);
let batch: NewTransaction[] = [];
for (let c = 0; c < customers; c++) {
  for (let l = 0; l < perCustomer; l++) {
    batch.push({
      datasetId: dataset.id,
      sourceRow: batch.length + 2,
      customerExternalId: `k${c}`,
      orderId: `o${c}-${rng.int(perCustomer)}`,
      at: new Date(start + rng.int(700) * 86_400_000),
      quantity: 1 + rng.int(3),
      price: rng.int(5000) / 100,
      amount: null,
      isCancellation: rng.next() < 0.03,
      attributes: { sku: `p${rng.int(3000)}`, sales_channel: ['shop', 'web', 'phone'][rng.int(3)] as string, country: 'NO', description: `item ${rng.int(3000)} of range ${rng.int(40)}` },
    });
  }
  if (batch.length >= 50_000) {
    await insertTransactions(handle.db, batch);
    batch = [];
  }
}
await insertTransactions(handle.db, batch);

async function measure(purchaseAggregates: boolean): Promise<{ heapMb: number; seconds: number; lines: number }> {
  gc!();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const inputs: LoadedInputs = await loadInputs(handle.db, [dataset], undefined, { purchaseAggregates });
  const seconds = (performance.now() - t0) / 1000;
  gc!();
  const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  return { heapMb: Math.round(heapMb), seconds: Math.round(seconds * 10) / 10, lines: inputs.transactions?.length ?? (inputs.purchaseAggregates ?? []).reduce((n, a) => n + a.lines, 0) };
}

const whole = await measure(false);
const pushed = await measure(true);
const t0 = performance.now();
await loadPurchaseAggregates(handle.db, [dataset.id]);
const aggregateSeconds = Math.round((performance.now() - t0) / 100) / 10;
console.log(JSON.stringify({ customers, lines: customers * perCustomer, whole, pushed, aggregateSeconds }));
await handle.close();
