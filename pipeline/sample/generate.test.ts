import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import { filterTexts } from '../quality/filter-texts.ts';
import { generateSample, sampleDefaults, type SampleData } from './generate.ts';
import { categories, orderChannels, textChannels } from './records.ts';

const data = generateSample();
const segmentOf = new Map(data.customers.map((c) => [c.customerId, c.plantedSegment]));
const trust = 'Trust skeptics';
const trustWords = /fraud|scam|fake|counterfeit|refund|chargeback|privacy|data|legit|authentic/i;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const hourOf = (stamp: string) => Number(stamp.slice(11, 13));
const monthOf = (stamp: string) => Number(stamp.slice(5, 7));
const isNight = (h: number) => h >= 22 || h < 2;
const share = <T>(rows: readonly T[], test: (row: T) => boolean) => rows.filter(test).length / rows.length;

/** Texts and placed orders (not cancellations) of one planted segment. */
function ofSegment(d: SampleData, name: string) {
  const inSeg = (id: string) => segmentOf.get(id) === name;
  return {
    texts: d.texts.filter((t) => inSeg(t.customerId)),
    orders: [...groupBy(d.transactions.filter((t) => inSeg(t.customerId) && t.orderId.startsWith('O')), (t) => t.orderId).values()],
    lines: d.transactions.filter((t) => inSeg(t.customerId)),
    customers: d.customers.filter((c) => c.plantedSegment === name),
  };
}

describe('generateSample', () => {
  it('is deterministic, and the seed matters', () => {
    expect(generateSample()).toEqual(data);
    expect(generateSample({ ...sampleDefaults })).toEqual(data);
    const other = generateSample({ seed: 8 });
    expect(other.texts.map((t) => t.text)).not.toEqual(data.texts.map((t) => t.text));
    expect(other.customers.map((c) => c.plantedSegment)).not.toEqual(data.customers.map((c) => c.plantedSegment));
  });

  it('has the expected sizes', () => {
    expect(data.customers).toHaveLength(360);
    expect(data.texts.length).toBeGreaterThanOrEqual(2 * 360);
    expect(data.texts.length).toBeLessThanOrEqual(5 * 360);
    expect(data.transactions.length).toBeGreaterThan(2_000);
    expect(data.transactions.length).toBeLessThan(10_000);
  });

  it('gives every customer at least one standing order and 2–5 texts', () => {
    const lines = groupBy(data.transactions, (t) => t.customerId);
    const texts = groupBy(data.texts, (t) => t.customerId);
    for (const c of data.customers) {
      const mine = lines.get(c.customerId) ?? [];
      expect(mine.some((t) => t.orderId.startsWith('O')), c.customerId).toBe(true);
      const n = texts.get(c.customerId)?.length ?? 0;
      expect(n, c.customerId).toBeGreaterThanOrEqual(2);
      expect(n, c.customerId).toBeLessThanOrEqual(5);
    }
  });

  it('plants six segments of 12–22% each, trust skeptics among them', () => {
    expect(data.segments).toHaveLength(6);
    expect(data.segments.map((s) => s.name)).toContain(trust);
    expect(data.segments.reduce((s, g) => s + g.customers, 0)).toBe(360);
    for (const s of data.segments) {
      expect(s.share, s.name).toBeGreaterThanOrEqual(0.12);
      expect(s.share, s.name).toBeLessThanOrEqual(0.22);
      expect(data.customers.filter((c) => c.plantedSegment === s.name)).toHaveLength(s.customers);
      expect(s.description.length).toBeGreaterThan(20);
    }
    expect(new Set(data.segments.map((s) => s.share)).size).toBeGreaterThan(1);
  });

  it('writes well-formed ids, dates and codes', () => {
    const ids = new Set(data.customers.map((c) => c.customerId));
    expect(ids.size).toBe(data.customers.length);
    for (const c of data.customers) {
      expect(c.customerId).toMatch(/^C\d{5}$/);
      expect(c.signupDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.age).toBeGreaterThanOrEqual(18);
      expect(c.income).toBeGreaterThan(0);
    }
    for (const t of data.transactions) {
      expect(t.orderId).toMatch(/^[OC]1\d{5}$/);
      expect(t.orderDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(ids.has(t.customerId)).toBe(true);
      expect(orderChannels).toContain(t.channel);
      expect(categories).toContain(t.category);
      expect(t.unitPrice).toBeGreaterThan(0);
      expect(Math.sign(t.quantity)).toBe(t.orderId.startsWith('C') ? -1 : 1);
    }
    expect(new Set(data.texts.map((t) => t.textId)).size).toBe(data.texts.length);
    for (const t of data.texts) {
      expect(t.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(textChannels).toContain(t.channel);
    }
  });

  it('keeps orders and texts inside the period and after signup', () => {
    const signup = new Map(data.customers.map((c) => [c.customerId, c.signupDate]));
    for (const t of data.transactions) {
      expect(t.orderDate >= '2024-01-01' && t.orderDate < '2025-01-01', t.orderDate).toBe(true);
      expect(t.orderDate.slice(0, 10) >= (signup.get(t.customerId) as string)).toBe(true);
    }
    for (const t of data.texts) {
      expect(t.createdAt >= '2024-01-01' && t.createdAt < '2025-01-01', t.createdAt).toBe(true);
      expect(t.createdAt.slice(0, 10) >= (signup.get(t.customerId) as string)).toBe(true);
    }
  });

  it('has a few cancellations, mostly from trust skeptics', () => {
    const cancelled = (name: string) => {
      const lines = ofSegment(data, name).lines;
      const orders = new Set(lines.filter((t) => t.orderId.startsWith('O')).map((t) => t.orderId)).size;
      return new Set(lines.filter((t) => t.orderId.startsWith('C')).map((t) => t.orderId)).size / orders;
    };
    const all = new Set(data.transactions.filter((t) => t.orderId.startsWith('C')).map((t) => t.orderId)).size;
    expect(all).toBeGreaterThan(20);
    expect(cancelled(trust)).toBeGreaterThan(0.25);
    for (const s of data.segments) if (s.name !== trust) expect(cancelled(s.name), s.name).toBeLessThan(0.15);
  });

  it('gives trust skeptics their vocabulary and almost nobody else', () => {
    for (const s of data.segments) {
      const texts = ofSegment(data, s.name).texts;
      const mention = share(texts, (t) => trustWords.test(t.text));
      if (s.name === trust) expect(mention).toBeGreaterThanOrEqual(0.8);
      else expect(mention, s.name).toBeLessThan(0.1);
    }
  });

  it('gives each segment its buying and writing habits', () => {
    const seg = (id: string) => ofSegment(data, data.segments.find((s) => s.id === id)?.name as string);
    const perCustomer = (s: ReturnType<typeof seg>) => s.orders.length / s.customers.length;
    const meanPrice = (s: ReturnType<typeof seg>) => s.lines.reduce((x, t) => x + t.unitPrice, 0) / s.lines.length;
    const firstLine = (o: readonly { orderDate: string; channel: string }[]) => o[0] as { orderDate: string; channel: string };

    const trustS = seg('trust_skeptics');
    const deals = seg('deal_hunters');
    const premium = seg('loyal_premium');
    const delivery = seg('delivery_complainers');
    const gifts = seg('gift_shoppers');
    const mobile = seg('mobile_night');

    expect(perCustomer(trustS)).toBeLessThan(4);
    expect(share(trustS.orders, (o) => firstLine(o).channel === 'web')).toBeGreaterThan(0.6);
    expect(perCustomer(deals)).toBeGreaterThan(8);
    expect(share(deals.orders, (o) => firstLine(o).channel === 'app')).toBeGreaterThan(0.6);
    expect(share(deals.orders, (o) => [1, 7, 11].includes(monthOf(firstLine(o).orderDate)))).toBeGreaterThan(0.6);
    expect(meanPrice(premium)).toBeGreaterThan(2 * meanPrice(deals));
    expect(perCustomer(premium)).toBeGreaterThan(7);
    expect(share(premium.orders, (o) => ['store', 'web'].includes(firstLine(o).channel))).toBeGreaterThan(0.85);
    const medianIncome = (cs: readonly { income: number }[]) => cs.map((c) => c.income).sort((a, b) => a - b)[cs.length >> 1] as number;
    expect(medianIncome(premium.customers)).toBeGreaterThan(1.5 * medianIncome(data.customers));
    expect(share(delivery.texts, (t) => hourOf(t.createdAt) >= 18)).toBeGreaterThan(0.8);
    expect(share(delivery.orders, (o) => firstLine(o).channel === 'web')).toBeGreaterThan(0.7);
    expect(share(gifts.orders, (o) => [2, 5, 11, 12].includes(monthOf(firstLine(o).orderDate)))).toBeGreaterThan(0.6);
    expect(share(gifts.lines, (t) => ['toys', 'books', 'beauty'].includes(t.category))).toBeGreaterThan(0.85);
    expect(share(mobile.orders, (o) => firstLine(o).channel === 'app')).toBeGreaterThan(0.8);
    expect(share(mobile.orders, (o) => isNight(hourOf(firstLine(o).orderDate)))).toBeGreaterThan(0.8);
    expect(share(mobile.texts, (t) => isNight(hourOf(t.createdAt)))).toBeGreaterThan(0.8);
    expect(mobile.customers.every((c) => c.preferredDevice !== 'desktop')).toBe(true);
    for (const other of [trustS, deals, premium, delivery, gifts]) {
      expect(share(other.texts, (t) => isNight(hourOf(t.createdAt)))).toBeLessThan(0.15);
    }
  });

  it('writes texts that survive the quality filter: distinct, not templated', () => {
    const normalised = data.texts.map((t) => t.text.replace(/@\w+/g, ' ').toLowerCase().replace(/\s+/g, ' ').trim());
    expect(new Set(normalised).size / data.texts.length).toBeGreaterThanOrEqual(0.99);
    const authorsByMask = groupBy(data.texts, (t) => normalised[data.texts.indexOf(t)]!.replace(/\d+/g, '0'));
    for (const [mask, texts] of authorsByMask) expect(new Set(texts.map((t) => t.customerId)).size, mask).toBeLessThan(5);

    const { report } = filterTexts(data.texts.map((t) => ({ id: t.textId, authorId: t.customerId, text: t.text, isCustomer: true })));
    expect(report.rowsOut / report.rowsIn).toBeGreaterThanOrEqual(0.98);
  });

  it('reads like customer messages: commas, some quotes, line breaks and invented contact details', () => {
    const texts = data.texts.map((t) => t.text);
    expect(share(texts, (t) => t.includes(','))).toBeGreaterThan(0.5);
    expect(texts.some((t) => t.includes('"'))).toBe(true);
    expect(texts.some((t) => t.includes('\n'))).toBe(true);
    const emails = texts.flatMap((t) => t.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []);
    expect(emails.length).toBeGreaterThan(5);
    for (const e of emails) expect(e).toMatch(/@example\.com$/);
    const phones = texts.flatMap((t) => t.match(/\b\d{3}-\d{4}\b/g) ?? []);
    expect(phones.length).toBeGreaterThan(5);
    for (const p of phones) expect(p).toMatch(/^555-01\d\d$/);
    expect(texts.some((t) => /(^|\s)@\w+_\w+/.test(t))).toBe(true);
  });

  it('mixes in a little off-topic noise', () => {
    // Trust vocabulary outside trust skeptics comes only from noise: present, but rare.
    const others = data.texts.filter((t) => segmentOf.get(t.customerId) !== trust);
    expect(others.some((t) => trustWords.test(t.text))).toBe(true);
  });

  it('honours its options and rejects bad ones', () => {
    const small = generateSample({ customers: 60, seed: 3, start: '2023-07-01', months: 6 });
    expect(small.customers).toHaveLength(60);
    expect(small.segments.every((s) => s.customers >= 8)).toBe(true);
    for (const t of small.transactions) expect(t.orderDate >= '2023-07-01' && t.orderDate < '2024-01-01').toBe(true);
    for (const bad of [{ customers: 0 }, { customers: 2.5 }, { months: 0 }, { start: '2024-02-30' }, { start: 'soon' }, { seed: Number.NaN }]) {
      expect(() => generateSample(bad), JSON.stringify(bad)).toThrow(PersonaError);
    }
  });
});
