/**
 * Order drafts for one customer: how many, on which days and hours, through which channel, with what
 * basket, and which are later cancelled or returned. Ids are assigned later, across all customers, so
 * order numbers rise with time as in a real shop.
 */
import type { Rng } from '../../lib/rng.ts';
import { catalog, type Product } from './catalog.ts';
import { chance, intBetween, pick, weighted, weightedIndex } from './random.ts';
import type { OrderChannel } from './records.ts';
import type { OrderSpec } from './segments.ts';
import { dayMs } from './time.ts';

export interface LineDraft {
  readonly product: Product;
  readonly quantity: number;
  readonly unitPrice: number;
}

export interface OrderDraft {
  readonly customer: number;
  readonly at: number;
  readonly channel: OrderChannel;
  readonly lines: readonly LineDraft[];
  /** For a cancellation or return: the order it reverses (its lines carry negative quantities). */
  readonly cancels: OrderDraft | null;
  /** O… or C…, set once all customers' orders are known. */
  id: string;
}

/** Weight of one day: its month, its weekday and any sale or gifting peak it falls in. */
export function dayWeight(spec: Pick<OrderSpec, 'months' | 'weekdays' | 'peaks'>, day: number): number {
  const d = new Date(day);
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  let boost = 1;
  for (const p of spec.peaks) if (p.month === month && date >= p.fromDay && date <= p.toDay) boost += p.boost;
  return (spec.months[month - 1] ?? 1) * (spec.weekdays[d.getUTCDay()] ?? 1) * boost;
}

/** A moment on `day` at an hour drawn from the hourly weights. */
export function timeOnDay(rng: Rng, day: number, hours: readonly number[]): number {
  return day + weightedIndex(rng, hours) * 3_600_000 + rng.int(60) * 60_000 + rng.int(60) * 1000;
}

function orderDays(rng: Rng, spec: OrderSpec, first: number, days: number, n: number): number[] {
  if (spec.cadence === 'even') {
    // Evenly spaced with jitter, then nudged to a likely weekday: a steady rhythm (or long gaps when n is small).
    const spacing = days / n;
    return Array.from({ length: n }, (_, i) => {
      const target = Math.floor((i + 0.5 + 0.6 * (rng.next() - 0.5)) * spacing);
      const near = [-2, -1, 0, 1, 2].map((o) => Math.min(days - 1, Math.max(0, target + o)));
      const chosen = near[weightedIndex(rng, near.map((d) => dayWeight(spec, first + d * dayMs)))] as number;
      return first + chosen * dayMs;
    });
  }
  const weights = Array.from({ length: days }, (_, d) => dayWeight(spec, first + d * dayMs));
  return Array.from({ length: n }, () => first + weightedIndex(rng, weights) * dayMs);
}

function basket(rng: Rng, spec: OrderSpec): LineDraft[] {
  const n = intBetween(rng, spec.lines[0], spec.lines[1]);
  const lines: LineDraft[] = [];
  for (let tries = 0; lines.length < n && tries < 10; tries++) {
    const product = pick(rng, catalog[weighted(rng, spec.categories)]);
    if (lines.some((l) => l.product === product)) continue;
    const raw = product.price * spec.priceFactor * Math.exp(0.12 * rng.normal());
    // Shelf prices end in .99.
    const unitPrice = Math.max(0.99, Math.round(raw) - 0.01);
    lines.push({ product, quantity: intBetween(rng, spec.quantity[0], spec.quantity[1]), unitPrice: Math.round(unitPrice * 100) / 100 });
  }
  return lines;
}

/** Orders between `from` (inclusive) and `to` (exclusive), cancellations included, in time order. */
export function draftOrders(customer: number, spec: OrderSpec, from: number, to: number, rng: Rng): OrderDraft[] {
  const first = Math.floor(from / dayMs) * dayMs;
  const days = Math.max(1, Math.floor((to - first) / dayMs));
  // Counts are per year: a shorter active period gets proportionally fewer orders, but never none.
  const n = Math.max(1, Math.round((intBetween(rng, spec.count[0], spec.count[1]) * days) / 365));
  const orders: OrderDraft[] = orderDays(rng, spec, first, days, n)
    .map((day) => timeOnDay(rng, day, spec.hours))
    .sort((a, b) => a - b)
    .map((at) => ({ customer, at, channel: weighted(rng, spec.channels), lines: basket(rng, spec), cancels: null, id: '' }));

  const cancellations: OrderDraft[] = [];
  for (const o of orders) {
    if (!chance(rng, spec.cancelRate)) continue;
    const day = Math.floor(o.at / dayMs) * dayMs + intBetween(rng, spec.cancelDelayDays[0], spec.cancelDelayDays[1]) * dayMs;
    const at = timeOnDay(rng, day, spec.hours);
    if (at >= to || at <= o.at) continue;
    // A multi-line order is sometimes only partly returned.
    const reversed = o.lines.length > 1 && chance(rng, 0.5) ? [pick(rng, o.lines)] : o.lines;
    cancellations.push({ customer, at, channel: o.channel, lines: reversed.map((l) => ({ ...l, quantity: -l.quantity })), cancels: o, id: '' });
  }
  // Every customer keeps at least one order that stands.
  const standing = orders.filter((o) => !cancellations.some((c) => c.cancels === o && c.lines.length === o.lines.length));
  if (standing.length === 0) cancellations.shift();
  return [...orders, ...cancellations].sort((a, b) => a.at - b.at);
}
