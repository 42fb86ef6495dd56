/**
 * Texts for one customer: 2–5 messages, each about one of their own orders, written a few days after
 * it on the segment's usual weekdays and hours, in the segment's voice. Some are about a concern the
 * segment shares with another, and a few are off-topic or in another segment's voice, as in a real inbox.
 */
import type { Rng } from '../../lib/rng.ts';
import { catalog, type Product } from './catalog.ts';
import { composeText } from './compose.ts';
import { dayWeight, timeOnDay, type OrderDraft } from './orders.ts';
import { neutralTopic } from './phrases.ts';
import { chance, pick, weighted, weightedIndex } from './random.ts';
import type { TextChannel } from './records.ts';
import type { SegmentId, SegmentSpec } from './segments.ts';
import { createSlots } from './slots.ts';
import { dayMs } from './time.ts';
import { bridges, topics, type TopicPools } from './topics/index.ts';

export interface TextDraft {
  readonly customer: number;
  readonly at: number;
  readonly channel: TextChannel;
  readonly text: string;
  /** The topic the text was written from: the segment's own, another segment's, or 'neutral'. */
  readonly topic: SegmentId | 'neutral';
}

/**
 * Chance that a text is about something other than the customer's own topic. Only customers with 3+
 * texts get one, and at most one, so no customer's voice is mostly noise; overall about 5% of texts.
 */
export const noiseChance = 0.065;
/**
 * Chance that an on-topic text is about a concern the segment shares with another (topics/bridges.ts):
 * enough that text alone blurs those pairs, while behaviour still separates them.
 */
export const bridgeShare = 0.3;

const textCounts = { 2: 0.3, 3: 0.3, 4: 0.25, 5: 0.15 } as const;

function topicFor(own: SegmentId, allowNoise: boolean, rng: Rng): { id: SegmentId | 'neutral'; pools: TopicPools } {
  if (!allowNoise || !chance(rng, noiseChance)) {
    const shared = bridges.filter((b) => b.between.includes(own));
    if (shared.length === 0 || !chance(rng, bridgeShare)) return { id: own, pools: topics[own] };
    return { id: own, pools: pick(rng, shared).pools };
  }
  if (chance(rng, 0.6)) return { id: 'neutral', pools: neutralTopic };
  const others = (Object.keys(topics) as SegmentId[]).filter((k) => k !== own);
  const id = pick(rng, others);
  return { id, pools: topics[id] };
}

/** A second product for comparisons: another one the customer bought, else one from the same aisle. */
function otherProduct(rng: Rng, product: Product, orders: readonly OrderDraft[]): Product {
  const bought = orders.flatMap((o) => o.lines.map((l) => l.product)).filter((p) => p !== product);
  if (bought.length > 0) return pick(rng, bought);
  return pick(rng, catalog[product.category].filter((p) => p !== product));
}

/** A time `lagDays` after the order, on a weekday and hour typical of the segment, before `to`. */
function textTime(rng: Rng, spec: SegmentSpec, orderAt: number, to: number): number {
  const orderDay = Math.floor(orderAt / dayMs) * dayMs;
  const [lo, hi] = spec.texts.lagDays;
  const days: number[] = [];
  for (let d = lo; d <= hi; d++) if (orderDay + (d + 1) * dayMs <= to) days.push(orderDay + d * dayMs);
  if (days.length === 0) days.push(orderDay);
  const weekdayOnly = { months: new Array<number>(12).fill(1), weekdays: spec.texts.weekdays, peaks: [] };
  const day = days[weightedIndex(rng, days.map((d) => dayWeight(weekdayOnly, d)))] as number;
  let at = timeOnDay(rng, day, spec.texts.hours);
  // A message about an order follows it; move to the next day rather than write before ordering.
  if (at <= orderAt && at + dayMs < to) at += dayMs;
  return at;
}

export function draftTexts(customer: number, spec: SegmentSpec, orders: readonly OrderDraft[], to: number, rng: Rng): TextDraft[] {
  const placed = orders.filter((o) => o.cancels === null);
  const n = Number(weighted(rng, textCounts));
  const out: TextDraft[] = [];
  for (let tries = 0; out.length < n && tries < n * 5; tries++) {
    const order = pick(rng, placed);
    const line = pick(rng, order.lines);
    const at = textTime(rng, spec, order.at, to);
    const topic = topicFor(spec.id, n >= 3 && out.every((t) => t.topic === spec.id), rng);
    const channel = weighted(rng, spec.texts.channels);
    const slots = createSlots(
      { product: line.product, product2: otherProduct(rng, line.product, orders), orderId: order.id, amount: line.unitPrice * line.quantity, at },
      rng,
    );
    const text = composeText(topic.pools, channel, rng, slots);
    // The same customer rarely sends the very same words twice.
    if (out.some((t) => t.text === text)) continue;
    out.push({ customer, at, channel, text, topic: topic.id });
  }
  return out.sort((a, b) => a.at - b.at);
}

