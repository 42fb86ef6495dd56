import { describe, expect, it } from 'vitest';
import type { TransactionInput } from './inputs.ts';
import { extractRfm } from './rfm.ts';
import type { Extraction } from './types.ts';

const at = (iso: string) => Date.parse(iso);
const line = (customerId: string, orderId: string | null, when: string | null, quantity: number, price: number, extra: Partial<TransactionInput> = {}): TransactionInput => ({
  customerId,
  orderId,
  at: when === null ? null : at(when),
  quantity,
  price,
  amount: quantity * price,
  isCancellation: false,
  attributes: {},
  ...extra,
});

/** Column values by name, NaN kept as NaN. */
function columns(e: Extraction): Record<string, number[]> {
  return Object.fromEntries(e.features.map((f) => [f.column.name, Array.from(f.values)]));
}

describe('extractRfm', () => {
  // A: two orders (one of two lines) and a cancellation; B: one free-gift order; C: nothing.
  const transactions: TransactionInput[] = [
    line('A', 'O1', '2024-01-01T10:00:00Z', 2, 5, { attributes: { StockCode: 'P1', Channel: 'Web' } }), // Monday morning
    line('A', 'O1', '2024-01-01T10:00:00Z', 1, 20, { attributes: { StockCode: 'P2', Channel: 'Web' } }),
    line('A', 'O2', '2024-01-11T19:00:00Z', 3, 10, { attributes: { StockCode: 'P1', Channel: 'app' } }), // Thursday evening
    line('A', 'C3', '2024-01-12T09:00:00Z', -1, 10, { isCancellation: true, attributes: { StockCode: 'P1' } }),
    line('B', 'O4', '2024-01-06T20:00:00Z', 1, 0, { attributes: { StockCode: 'P3', Channel: 'WEB' } }), // Saturday evening, price 0
    line('Z', 'O5', '2024-01-20T00:00:00Z', 1, 100),
  ];
  const index = new Map([['A', 0], ['B', 1], ['C', 2]]);
  const reference = at('2024-01-21T00:00:00Z');
  const e = extractRfm(transactions, index, reference);
  const c = columns(e);

  it('computes recency, frequency, monetary and cadence exactly', () => {
    expect(c.frequency_orders).toEqual([2, 1, Number.NaN]);
    expect(c.monetary_total).toEqual([60, 0, Number.NaN]);
    expect(c.avg_order_value?.slice(0, 2)).toEqual([30, 0]);
    expect(c.avg_basket_items?.slice(0, 2)).toEqual([3, 1]);
    expect(c.recency_days?.[0]).toBeCloseTo(9 + 5 / 24, 12);
    expect(c.recency_days?.[1]).toBeCloseTo(14 + 4 / 24, 12);
    expect(c.tenure_days?.[0]).toBeCloseTo(19 + 14 / 24, 12);
    expect(c.purchase_cadence_days?.[0]).toBeCloseTo(10 + 9 / 24, 12);
    // One order: cadence falls back to tenure.
    expect(c.purchase_cadence_days?.[1]).toBeCloseTo(14 + 4 / 24, 12);
  });

  it('computes cancellations, products, channels and time-of-week shares', () => {
    expect(c.cancellation_rate?.slice(0, 2)).toEqual([0.25, 0]);
    expect(c.distinct_products?.slice(0, 2)).toEqual([2, 1]);
    expect(c.share_web?.slice(0, 2)).toEqual([0.5, 1]);
    expect(c.share_app?.slice(0, 2)).toEqual([0.5, 0]);
    expect(c.weekend_order_share?.slice(0, 2)).toEqual([0, 1]);
    expect(c.evening_order_share?.slice(0, 2)).toEqual([0.5, 1]);
  });

  it('leaves customers without transactions missing and counts them and unknown customers', () => {
    for (const values of Object.values(c)) expect(values[2]).toBeNaN();
    expect(e.counts).toEqual({ transactions_unknown_customer: 1, customers_without_transactions: 1 });
    const absent = Object.fromEntries(e.features.map((f) => [f.column.name, f.absent]));
    expect(absent.frequency_orders).toBe('zero');
    expect(absent.recency_days).toBe('median');
  });

  it('puts money in the value block and habits in the behavioural block', () => {
    const block = Object.fromEntries(e.features.map((f) => [f.column.name, f.block]));
    expect(block.monetary_total).toBe('value');
    expect(block.recency_days).toBe('behavioural');
    expect(block.share_web).toBe('behavioural');
    for (const f of e.features) {
      expect(f.column.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(f.column.description.length).toBeGreaterThan(5);
    }
  });

  it('skips time-relative features without a reference time, and groups lines without an order id by time', () => {
    const loose = [line('A', null, '2024-01-01T10:00:00Z', 1, 5), line('A', null, '2024-01-01T10:00:00Z', 1, 5), line('A', null, null, 1, 5)];
    const r = columns(extractRfm(loose, new Map([['A', 0]]), null));
    expect(r.recency_days).toBeUndefined();
    expect(r.tenure_days).toBeUndefined();
    expect(r.frequency_orders).toEqual([2]);
    expect(r.distinct_products).toBeUndefined();
    expect(r.share_web).toBeUndefined();
  });
});
