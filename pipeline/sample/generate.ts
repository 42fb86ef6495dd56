/**
 * The bundled sample: a small seeded e-commerce dataset (customers, transactions, texts) with planted
 * behavioural segments, so `persona demo` works on a fresh clone and can check it recovers them.
 * Pure and deterministic: the same options give deep-equal data.
 */
import { PersonaError } from '../../lib/errors.ts';
import { createRng, shuffled, type Rng } from '../../lib/rng.ts';
import { customerId, draftCustomer, type DraftCustomer } from './customers.ts';
import { draftOrders, type OrderDraft } from './orders.ts';
import { intBetween } from './random.ts';
import type { PlantedSegment, SampleCustomer, SampleText, SampleTransaction } from './records.ts';
import { segments, type SegmentSpec } from './segments.ts';
import { draftTexts, type TextDraft } from './texts.ts';
import { addMonths, formatDateTime, formatIso, parseStartDate } from './time.ts';

export type { PlantedSegment, SampleCustomer, SampleText, SampleTransaction } from './records.ts';

export interface SampleOptions {
  readonly customers?: number;
  readonly seed?: number;
  /** First day of the period, ISO date (YYYY-MM-DD). */
  readonly start?: string;
  readonly months?: number;
}

export const sampleDefaults: Required<SampleOptions> = Object.freeze({ customers: 360, seed: 7, start: '2024-01-01', months: 12 });

export interface SampleData {
  readonly customers: SampleCustomer[];
  readonly transactions: SampleTransaction[];
  readonly texts: SampleText[];
  readonly segments: readonly PlantedSegment[];
}

function resolveOptions(options: SampleOptions): Required<SampleOptions> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o: Required<SampleOptions> = { ...sampleDefaults, ...given };
  const bad = (message: string): never => {
    throw new PersonaError('bad_option', `sample: ${message}`);
  };
  if (!Number.isInteger(o.customers) || o.customers < 1 || o.customers > 100_000) bad(`customers must be an integer in 1..100000, got ${o.customers}`);
  if (!Number.isFinite(o.seed)) bad(`seed must be a finite number, got ${o.seed}`);
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 120) bad(`months must be an integer in 1..120, got ${o.months}`);
  parseStartDate(o.start);
  return o;
}

/** Exact counts per segment from the target weights (largest remainder), then shuffled over customers. */
function assignSegments(n: number, rng: Rng): SegmentSpec[] {
  const total = segments.reduce((s, g) => s + g.weight, 0);
  const quotas = segments.map((g) => (n * g.weight) / total);
  const counts = quotas.map(Math.floor);
  const byRemainder = quotas.map((q, i) => ({ i, r: q - Math.floor(q) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const missing = n - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; k < missing; k++) {
    const i = (byRemainder[k] as { i: number }).i;
    counts[i] = (counts[i] as number) + 1;
  }
  const labels = segments.flatMap((g, i) => new Array<SegmentSpec>(counts[i] as number).fill(g));
  return shuffled(labels, rng);
}

/** Order numbers rise with time and skip a few, as if other shoppers ordered in between. */
function assignOrderIds(orders: OrderDraft[], rng: Rng): void {
  orders.sort((a, b) => a.at - b.at || a.customer - b.customer);
  let next = 100_000;
  for (const o of orders) {
    next += intBetween(rng, 1, 3);
    o.id = `${o.cancels ? 'C' : 'O'}${next}`;
  }
}

export function generateSample(options: SampleOptions = {}): SampleData {
  const o = resolveOptions(options);
  const root = createRng(o.seed);
  const start = parseStartDate(o.start);
  const end = addMonths(start, o.months);
  const specs = assignSegments(o.customers, root.fork('segments'));

  const people: DraftCustomer[] = specs.map((spec, i) => draftCustomer(i, spec, start, end, root.fork(`customer:${i}`)));
  const ordersBy: OrderDraft[][] = specs.map((spec, i) =>
    draftOrders(i, spec.orders, Math.max(start, (people[i] as DraftCustomer).signupMs), end, root.fork(`orders:${i}`)),
  );
  const allOrders = ordersBy.flat();
  assignOrderIds(allOrders, root.fork('order-ids'));

  const textDrafts: TextDraft[] = specs
    .flatMap((spec, i) => draftTexts(i, spec, ordersBy[i] as OrderDraft[], end, root.fork(`texts:${i}`)))
    .sort((a, b) => a.at - b.at || a.customer - b.customer);

  const transactions: SampleTransaction[] = allOrders.flatMap((ord) =>
    ord.lines.map((l) => ({
      orderId: ord.id,
      customerId: customerId(ord.customer),
      orderDate: formatDateTime(ord.at),
      product: l.product.name,
      category: l.product.category,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      channel: ord.channel,
    })),
  );
  const texts: SampleText[] = textDrafts.map((t, k) => ({
    textId: `T${String(k + 1).padStart(6, '0')}`,
    customerId: customerId(t.customer),
    createdAt: formatIso(t.at),
    channel: t.channel,
    text: t.text,
  }));

  const planted: PlantedSegment[] = segments.map((g) => {
    const count = specs.filter((s) => s === g).length;
    return { id: g.id, name: g.name, share: count / o.customers, customers: count, description: g.description };
  });
  return { customers: people.map((p) => p.row), transactions, texts, segments: planted };
}
