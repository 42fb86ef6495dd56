import { describe, expect, it } from 'vitest';
import type { TransactionInput } from '../features/inputs.ts';
import { dayMs, lineValue, rfmSummary, weekMs } from './rfm-summary.ts';

const t0 = Date.UTC(2024, 0, 1);
const at = (day: number, hour = 10) => t0 + day * dayMs + hour * 3_600_000;
function line(customerId: string, orderId: string | null, time: number | null, money: Partial<Pick<TransactionInput, 'amount' | 'quantity' | 'price' | 'isCancellation'>>): TransactionInput {
  return { customerId, orderId, at: time, quantity: null, price: null, amount: null, isCancellation: false, attributes: {}, ...money };
}

const log: TransactionInput[] = [
  line('A', 'o1', at(0), { amount: 10 }),
  line('A', 'o1', at(0), { quantity: 2, price: 5 }), // amount absent: 2 × 5
  line('A', 'o2', at(7), { amount: 30 }),
  line('A', 'C1', at(8), { amount: -30, isCancellation: true }),
  line('A', 'o3', at(21), { quantity: 1, price: 0, amount: 0 }), // free gift: not a purchase
  line('A', 'o3', at(21), { quantity: -1, price: 4 }), // a return
  line('A', 'o4', at(14), { amount: 50 }),
  line('A', 'o5', at(14, 18), { amount: 10 }), // second order the same day
  line('B', null, at(3, 9), { amount: 5 }),
  line('B', null, at(3, 15), { amount: 7 }), // same UTC day: same purchase
  line('B', null, at(10, 0), { amount: 12 }),
  line('C', 'x1', at(5), { amount: 40, isCancellation: true }),
  line('D', 'd1', null, { amount: 99 }),
  line('D', 'd2', at(28), { amount: 8 }),
];

describe('lineValue', () => {
  it('uses amount, else quantity × price, and drops cancellations, returns and non-positive money', () => {
    expect(lineValue(line('A', null, 0, { amount: 3 }))).toBe(3);
    expect(lineValue(line('A', null, 0, { quantity: 3, price: 2 }))).toBe(6);
    expect(lineValue(line('A', null, 0, { amount: 3, isCancellation: true }))).toBeNull();
    expect(lineValue(line('A', null, 0, { quantity: -3, price: 2 }))).toBeNull();
    expect(lineValue(line('A', null, 0, { quantity: 3, price: 0 }))).toBeNull();
    expect(lineValue(line('A', null, 0, { amount: -1 }))).toBeNull();
    expect(lineValue(line('A', null, 0, {}))).toBeNull();
  });
});

describe('rfmSummary', () => {
  it('builds frequency, recency, T and monetary in weeks, grouping lines by order', () => {
    const s = rfmSummary(log);
    expect(s.customerIds).toEqual(['A', 'B', 'D']); // C only cancelled
    expect(s.end).toBe(at(28));
    // A: purchases 20 (day 0), 30 (day 7), 50 and 10 (day 14) → 3 repeats worth 90
    expect(s.frequency[0]).toBe(3);
    expect(s.recency[0]).toBeCloseTo((at(14, 18) - at(0)) / weekMs, 12); // the last order, at 18:00
    expect(s.T[0]).toBeCloseTo(4, 12);
    expect(s.monetary[0]).toBeCloseTo(30, 12);
    expect(s.totalSpend[0]).toBeCloseTo(110, 12);
    // B: lines without an order id group by day → 12 on day 3, 12 on day 10
    expect(s.frequency[1]).toBe(1);
    expect(s.recency[1]).toBeCloseTo((at(10, 0) - at(3, 9)) / weekMs, 12);
    expect(s.T[1]).toBeCloseTo((at(28) - at(3, 9)) / weekMs, 12);
    expect(s.monetary[1]).toBeCloseTo(12, 12);
    expect(s.totalSpend[1]).toBeCloseTo(24, 12);
    // D: one timed purchase on the last day
    expect([s.frequency[2], s.recency[2], s.T[2], s.monetary[2], s.totalSpend[2]]).toEqual([0, 0, 0, 0, 8]);
    expect(s.counts).toMatchObject({ lines: 14, notPurchase: 4, noTime: 1, customers: 3 });
  });

  it('ends observation at the latest line of any kind, a late cancellation included', () => {
    const s = rfmSummary([...log, line('B', 'C9', at(35), { amount: -12, isCancellation: true })]);
    expect(s.end).toBe(at(35));
    expect(s.T[0]).toBeCloseTo(5, 12);
  });

  it("groupBy 'day' merges orders placed on the same day", () => {
    const s = rfmSummary(log, { groupBy: 'day' });
    expect(s.frequency[0]).toBe(2);
    expect(s.monetary[0]).toBeCloseTo(45, 12); // (30 + 60) / 2
  });

  it('ignores lines after the observation end and measures T to it', () => {
    const s = rfmSummary(log, { end: at(8) });
    expect(s.customerIds).toEqual(['A', 'B']);
    expect(s.frequency[0]).toBe(1);
    expect(s.T[0]).toBeCloseTo(8 / 7, 12);
    expect(s.frequency[1]).toBe(0);
    expect(s.monetary[1]).toBe(0);
    expect(s.counts.outsideWindow).toBe(4); // o4, o5, B's day 10, D's day 28
  });

  it('is empty for a log without purchases and rejects bad options', () => {
    const s = rfmSummary([line('C', 'x', at(1), { amount: 5, isCancellation: true })]);
    expect(s.customerIds).toEqual([]);
    expect(s.end).toBe(at(1));
    expect(rfmSummary([]).end).toBeNaN();
    expect(() => rfmSummary(log, { end: Number.NaN })).toThrow(/end/);
    expect(() => rfmSummary(log, { groupBy: 'week' as 'day' })).toThrow(/groupBy/);
  });
});
