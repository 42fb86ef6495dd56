/**
 * Seeded generator of large inputs for the scale benchmarks: N customers with about 20 transaction
 * lines each (1,000,000 customers give about 20,000,000 lines) and any number of texts, written as CSV
 * straight to files (a megabyte at a time), so memory stays flat whatever N is.
 *
 * Planted structure, on a vocabulary of its own (a hardware and garden store, support messages about
 * deliveries, tools and returns): every customer belongs to one of five buying habits that differ in
 * orders, basket size, price level, category mix, channel mix and cancellations; every text to one of
 * four topics. The planted habit is a customers column, so a run can score itself against it
 * (`--labels planted_segment`); the planted topic is the texts column `planted_topic`.
 *
 * Deterministic: the same options give the same bytes. Each customer and text draws from its own
 * forked generator, so the first rows are the same at every size.
 *
 *   node bin/run-ts.mjs bench/scale-data.ts DIR CUSTOMERS TEXTS [SEED]     writes DIR/*.csv, prints counts
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type Rng } from '../lib/rng.ts';

export interface ScaleDataOptions {
  readonly dir: string;
  readonly customers: number;
  readonly texts?: number;
  readonly seed?: number;
  /** Mean transaction lines per customer; each customer draws uniformly in [mean/2, 3·mean/2]. */
  readonly linesPerCustomer?: number;
}

export const scaleDataDefaults = Object.freeze({ texts: 0, seed: 7, linesPerCustomer: 20 });

export interface ScaleDataFiles {
  readonly customers: string;
  readonly transactions: string;
  readonly texts: string | null;
  readonly counts: { readonly customers: number; readonly transactions: number; readonly orders: number; readonly texts: number };
  readonly bytes: { readonly customers: number; readonly transactions: number; readonly texts: number };
}

interface Habit {
  readonly name: string;
  readonly share: number;
  /** Mean lines per order: fewer, larger orders or many small ones. */
  readonly linesPerOrder: number;
  readonly priceLevel: number;
  readonly categories: readonly number[];
  readonly online: number;
  readonly cancelRate: number;
  readonly age: readonly [number, number];
}

const CATEGORIES = ['timber', 'fasteners', 'paint', 'plants', 'power tools', 'lighting', 'plumbing', 'seeds'] as const;
const PRODUCTS: Readonly<Record<(typeof CATEGORIES)[number], readonly string[]>> = {
  timber: ['pine plank', 'oak batten', 'plywood sheet', 'decking board'],
  fasteners: ['wood screws', 'wall plugs', 'hex bolts', 'nail box'],
  paint: ['matt emulsion', 'gloss tin', 'primer', 'roller set'],
  plants: ['lavender pot', 'olive tree', 'fern tray', 'rose bush'],
  'power tools': ['cordless drill', 'jigsaw', 'orbital sander', 'circular saw'],
  lighting: ['led bulb', 'garden lantern', 'ceiling lamp', 'strip light'],
  plumbing: ['basin tap', 'pipe fitting', 'shower head', 'sealant'],
  seeds: ['tomato seeds', 'lawn seed', 'herb kit', 'bulb mix'],
};
const HABITS: readonly Habit[] = [
  { name: 'trade_bulk', share: 0.15, linesPerOrder: 10, priceLevel: 2.5, categories: [0, 1, 4], online: 0.2, cancelRate: 0.02, age: [30, 55] },
  { name: 'weekend_gardener', share: 0.3, linesPerOrder: 3, priceLevel: 0.8, categories: [3, 7, 5], online: 0.5, cancelRate: 0.01, age: [45, 75] },
  { name: 'decorator', share: 0.25, linesPerOrder: 4, priceLevel: 1.2, categories: [2, 5, 1], online: 0.7, cancelRate: 0.04, age: [25, 45] },
  { name: 'emergency_fixer', share: 0.2, linesPerOrder: 1.5, priceLevel: 1.6, categories: [6, 1, 4], online: 0.9, cancelRate: 0.15, age: [20, 60] },
  { name: 'tool_collector', share: 0.1, linesPerOrder: 2, priceLevel: 4, categories: [4, 5], online: 0.95, cancelRate: 0.08, age: [30, 65] },
];
const TOPICS: readonly { readonly name: string; readonly phrases: readonly string[] }[] = [
  { name: 'late_delivery', phrases: ['my parcel has not arrived', 'the courier missed the slot', 'tracking says delayed again', 'delivery window was wrong'] },
  { name: 'broken_tool', phrases: ['the drill stopped working', 'battery will not charge', 'the blade snapped on first use', 'motor smells of burning'] },
  { name: 'refund_request', phrases: ['please refund my order', 'I returned it two weeks ago', 'still waiting for the money', 'charged twice for one order'] },
  { name: 'garden_advice', phrases: ['which seeds suit clay soil', 'how often to water the olive tree', 'best time to plant bulbs', 'is this compost peat free'] },
];
const START = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const PERIOD_DAYS = 365;

/** Buffered synchronous writer: one write per megabyte keeps the heap flat and the output ordered. */
class CsvSink {
  private buffer: string[] = [];
  private size = 0;
  bytes = 0;
  private readonly fd: number;
  constructor(path: string, header: string) {
    this.fd = openSync(path, 'w');
    this.line(header);
  }
  line(text: string): void {
    this.buffer.push(text);
    this.size += text.length + 1;
    if (this.size >= 1 << 20) this.flush();
  }
  private flush(): void {
    if (!this.buffer.length) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.bytes += writeSync(this.fd, chunk);
    this.buffer = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function habitOf(rng: Rng): number {
  let u = rng.next();
  for (let h = 0; h < HABITS.length; h++) {
    u -= (HABITS[h] as Habit).share;
    if (u < 0) return h;
  }
  return HABITS.length - 1;
}

const pick = <T>(items: readonly T[], rng: Rng): T => items[rng.int(items.length)] as T;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const customerId = (i: number) => `H${String(i + 1).padStart(7, '0')}`;

function checkOptions(o: ScaleDataOptions): Required<ScaleDataOptions> {
  const r = { ...scaleDataDefaults, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Required<ScaleDataOptions>;
  if (!Number.isInteger(r.customers) || r.customers < 1) throw new RangeError(`scale data: customers must be a positive integer, got ${r.customers}`);
  if (!Number.isInteger(r.texts) || r.texts < 0) throw new RangeError(`scale data: texts must be a non-negative integer, got ${r.texts}`);
  if (!Number.isInteger(r.linesPerCustomer) || r.linesPerCustomer < 2) throw new RangeError(`scale data: linesPerCustomer must be an integer ≥ 2, got ${r.linesPerCustomer}`);
  if (!Number.isFinite(r.seed)) throw new RangeError(`scale data: seed must be a finite number, got ${r.seed}`);
  return r;
}

export function writeScaleData(options: ScaleDataOptions): ScaleDataFiles {
  const o = checkOptions(options);
  mkdirSync(o.dir, { recursive: true });
  const root = createRng(o.seed);
  const paths = { customers: join(o.dir, 'customers.csv'), transactions: join(o.dir, 'transactions.csv'), texts: o.texts ? join(o.dir, 'texts.csv') : null };
  const customers = new CsvSink(paths.customers, 'customer_id,signup_date,age,planted_segment');
  const lines = new CsvSink(paths.transactions, 'order_id,customer_id,order_date,product,category,quantity,unit_price,channel');
  let transactions = 0;
  let orders = 0;
  for (let i = 0; i < o.customers; i++) {
    const rng = root.fork(`customer:${i}`);
    const habit = HABITS[habitOf(rng)] as Habit;
    const id = customerId(i);
    const age = habit.age[0] + rng.int(habit.age[1] - habit.age[0] + 1);
    customers.line(`${id},${isoDay(START - rng.int(3 * PERIOD_DAYS) * DAY)},${age},${habit.name}`);
    const want = Math.round(o.linesPerCustomer / 2 + rng.next() * o.linesPerCustomer);
    let written = 0;
    while (written < want) {
      orders++;
      const orderId = `${id}-${orders}`;
      const at = START + Math.floor(rng.next() * PERIOD_DAYS * DAY);
      const cancelled = rng.next() < habit.cancelRate;
      const channel = rng.next() < habit.online ? 'web' : 'store';
      const size = Math.min(want - written, Math.max(1, Math.round(habit.linesPerOrder * (0.5 + rng.next()))));
      for (let l = 0; l < size; l++) {
        const category = CATEGORIES[rng.next() < 0.8 ? (pick(habit.categories, rng) as number) : rng.int(CATEGORIES.length)] as (typeof CATEGORIES)[number];
        const quantity = (1 + rng.int(habit.linesPerOrder > 5 ? 20 : 3)) * (cancelled ? -1 : 1);
        const price = (habit.priceLevel * (2 + rng.next() * 18)).toFixed(2);
        lines.line(`${cancelled ? 'C' : ''}${orderId},${id},${isoTime(at + l * 1000)},${pick(PRODUCTS[category], rng)},${category},${quantity},${price},${channel}`);
      }
      written += size;
    }
    transactions += written;
  }
  customers.close();
  lines.close();
  let textBytes = 0;
  if (paths.texts) {
    const texts = new CsvSink(paths.texts, 'text_id,customer_id,created_at,channel,text,planted_topic');
    for (let t = 0; t < o.texts; t++) {
      const rng = root.fork(`text:${t}`);
      const topic = pick(TOPICS, rng);
      const body = `${pick(topic.phrases, rng)}, ${pick(topic.phrases, rng)} (order ${1 + rng.int(99_999)})`;
      texts.line(`T${t + 1},${customerId(rng.int(o.customers))},${isoTime(START + Math.floor(rng.next() * PERIOD_DAYS * DAY))},${pick(['email', 'chat', 'review'], rng)},"${body}",${topic.name}`);
    }
    texts.close();
    textBytes = texts.bytes;
  }
  return {
    ...paths,
    counts: { customers: o.customers, transactions, orders, texts: o.texts },
    bytes: { customers: customers.bytes, transactions: lines.bytes, texts: textBytes },
  };
}

function isEntry(): boolean {
  // run-ts.mjs drops the entry from process.argv, so the original command line tells whether we are it.
  let args = process.argv;
  try {
    args = readFileSync('/proc/self/cmdline', 'utf8').split('\0');
  } catch {
    // Not Linux: process.argv is all there is.
  }
  return args.some((a) => a && resolve(a) === fileURLToPath(import.meta.url));
}

if (isEntry()) {
  const args = process.argv.slice(2).filter((a) => !a.endsWith('scale-data.ts'));
  const [dir, customers, texts, seed] = args;
  if (!dir || !customers) throw new Error('usage: scale-data.ts DIR CUSTOMERS [TEXTS] [SEED]');
  const t0 = performance.now();
  const files = writeScaleData({ dir, customers: Number(customers), texts: Number(texts ?? 0), seed: seed === undefined ? undefined : Number(seed) } as ScaleDataOptions);
  process.stdout.write(`${JSON.stringify({ ...files, seconds: Math.round((performance.now() - t0) / 100) / 10 })}\n`);
}
