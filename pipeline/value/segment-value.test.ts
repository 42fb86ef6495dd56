import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import type { TransactionInput } from '../features/inputs.ts';
import { dayMs } from './rfm-summary.ts';
import { noDatesNote, segmentValues, snapshotNote } from './segment-value.ts';
import { simulateCustomers } from './simulate.ts';

function population(): { ids: string[]; labels: Int32Array; transactions: TransactionInput[] } {
  const rename = (prefix: string) => (t: TransactionInput): TransactionInput => ({ ...t, customerId: `${prefix}${t.customerId}` });
  // Segment 0 buys often and spends more; segment 1 rarely and less.
  const heavy = simulateCustomers({ r: 2, alpha: 4, a: 0.5, b: 4 }, { p: 6, q: 4, v: 8 }, createRng(1), { customers: 300 });
  const light = simulateCustomers({ r: 0.5, alpha: 6, a: 0.8, b: 2 }, { p: 6, q: 4, v: 20 }, createRng(2), { customers: 300 });
  const transactions = [...heavy.transactions.map(rename('H')), ...light.transactions.map(rename('L'))];
  const ids = [...new Set(transactions.map((t) => t.customerId)), 'Z-no-history'];
  const labels = Int32Array.from(ids, (id) => (id.startsWith('H') ? 0 : 1));
  return { ids, labels, transactions };
}

describe('segmentValues with transactions', () => {
  const { ids, labels, transactions } = population();
  const result = segmentValues({ customerIds: ids, labels, clusterCount: 3, transactions, currency: 'EUR' });

  it('fits BG/NBD + Gamma-Gamma once and summarises CLV per segment', () => {
    expect(result.report.params.method).toBe('bgnbd-gamma-gamma');
    const [heavy, light, empty] = result.segments;
    expect(heavy!.method).toBe('bgnbd-gamma-gamma');
    expect(heavy!.note).toMatch(/next 12 months, discounted at 1% a month/);
    expect([heavy!.customers, light!.customers]).toEqual([300, 301]);
    expect(heavy!.meanClv).toBeGreaterThan(2 * light!.meanClv);
    expect(heavy!.expectedPurchases!).toBeGreaterThan(light!.expectedPurchases!);
    expect(heavy!.currency).toBe('EUR');
    expect(heavy!.horizonMonths).toBe(12);
    // Empty segment: zeros, no P(alive).
    expect(empty).toMatchObject({ customers: 0, meanClv: 0, totalClv: 0, expectedPurchases: 0, probabilityAlive: null, churnRisk: null });
  });

  it('segment numbers are the sums and means of the per-customer values', () => {
    const c = result.customers!;
    for (const s of [0, 1]) {
      const members = [...labels.keys()].filter((i) => labels[i] === s);
      const total = members.reduce((acc, i) => acc + (c.clv[i] as number), 0);
      const seg = result.segments[s]!;
      expect(seg.totalClv).toBeCloseTo(total, 6);
      expect(seg.meanClv).toBeCloseTo(total / members.length, 8);
      const withHistory = members.filter((i) => !Number.isNaN(c.probabilityAlive[i] as number));
      const alive = withHistory.reduce((acc, i) => acc + (c.probabilityAlive[i] as number), 0) / withHistory.length;
      expect(seg.probabilityAlive).toBeCloseTo(alive, 12);
      expect(seg.churnRisk).toBe(alive < 0.5 ? 'high' : alive < 0.8 ? 'medium' : 'low');
    }
    // The customer without any purchase gets no value and an unknown P(alive).
    const z = ids.indexOf('Z-no-history');
    expect(c.clv[z]).toBe(0);
    expect(c.probabilityAlive[z]).toBeNaN();
    expect(result.report.counts).toMatchObject({ runCustomersWithoutPurchases: 1, customersWithPurchases: 600 });
  });

  it('is deterministic and follows the horizon and discount options', () => {
    const again = segmentValues({ customerIds: ids, labels, clusterCount: 3, transactions, currency: 'EUR' });
    expect(again.segments).toEqual(result.segments);
    expect(Array.from(again.customers!.clv)).toEqual(Array.from(result.customers!.clv));
    const short = segmentValues({ customerIds: ids, labels, clusterCount: 3, transactions, options: { horizonMonths: 3, monthlyDiscount: 0 } });
    expect(short.segments[0]!.meanClv).toBeLessThan(result.segments[0]!.meanClv);
    expect(short.segments[0]!.note).toMatch(/next 3 months, discounted at 0% a month/);
  });

  it('leaves customers with labels outside 0..k−1 out of every segment', () => {
    const noisy = Int32Array.from(labels, (l, i) => (i % 10 === 0 ? -1 : l));
    const r = segmentValues({ customerIds: ids, labels: noisy, clusterCount: 2, transactions });
    expect(r.segments.reduce((acc, s) => acc + s.customers, 0)).toBe(ids.length - r.report.counts!.unassigned!);
    expect(r.report.counts!.unassigned).toBe(Math.ceil(ids.length / 10));
  });
});

describe('segmentValues without a fit', () => {
  it('uses the snapshot spend as a labelled proxy', () => {
    const r = segmentValues({
      customerIds: ['a', 'b', 'c', 'd', 'e'],
      labels: Int32Array.from([0, 0, 1, 1, 1]),
      clusterCount: 2,
      snapshotMonetary: Float64Array.from([10, 20, Number.NaN, 30, 60]),
      currency: null,
    });
    expect(r.customers).toBeNull();
    expect(r.segments[0]).toEqual({
      method: 'snapshot-proxy',
      note: snapshotNote,
      horizonMonths: 0,
      customers: 2,
      meanClv: 15,
      totalClv: 30,
      expectedPurchases: null,
      probabilityAlive: null,
      churnRisk: null,
      currency: null,
    });
    expect(r.segments[1]).toMatchObject({ customers: 3, meanClv: 45, totalClv: 90 }); // the unknown spend is left out
    expect(snapshotNote).toBe('No transaction history: current total spend is used as a proxy for value; no lifetime prediction was made.');
    expect(r.report.counts).toMatchObject({ missingSnapshot: 1 });
  });

  it('falls back to total historical spend when too few customers bought twice', () => {
    const t0 = Date.UTC(2024, 0, 1);
    const line = (customerId: string, day: number, amount: number): TransactionInput => ({
      customerId, orderId: `${customerId}${day}`, at: t0 + day * dayMs, quantity: 1, price: amount, amount, isCancellation: false, attributes: {},
    });
    const transactions = [line('a', 0, 10), line('a', 9, 30), line('b', 1, 5), line('c', 2, 7), line('c', 5, 1), line('d', 3, 100)];
    const r = segmentValues({ customerIds: ['a', 'b', 'c', 'd'], labels: Int32Array.from([0, 0, 1, 1]), clusterCount: 2, transactions });
    expect(r.customers).toBeNull();
    expect(r.segments.map((s) => s.method)).toEqual(['snapshot-proxy', 'snapshot-proxy']);
    expect(r.segments[0]!.note).toBe(
      'Too few repeat customers to fit BG/NBD + Gamma-Gamma (2 with a repeat purchase, 20 needed): total historical spend is used as a proxy for value; no lifetime prediction was made.',
    );
    expect(r.segments.map((s) => s.meanClv)).toEqual([(40 + 5) / 2, (8 + 100) / 2]);
    expect(r.segments.map((s) => s.totalClv)).toEqual([45, 108]);
  });

  it('says the transactions have no dates, and uses their spend as the proxy', () => {
    const line = (customerId: string, amount: number, quantity = 1): TransactionInput => ({
      customerId, orderId: null, at: null, quantity, price: null, amount, isCancellation: false, attributes: {},
    });
    const transactions = [line('p', 12), line('p', 8), line('q', 50), line('q', 30, -1), line('r', 4)];
    const r = segmentValues({
      customerIds: ['p', 'q', 'r', 's'],
      labels: Int32Array.from([0, 1, 1, 1]),
      clusterCount: 2,
      transactions,
      snapshotMonetary: Float64Array.from([1, 1, 1, 1]),
    });
    expect(r.customers).toBeNull();
    expect(r.report.notes![0]).toContain('no dates, so value uses the spend proxy');
    expect(r.report.params).toMatchObject({ method: 'snapshot-proxy', source: 'undated-transactions' });
    expect(r.segments.map((s) => [s.method, s.note])).toEqual([['snapshot-proxy', noDatesNote], ['snapshot-proxy', noDatesNote]]);
    // The return (negative quantity) is not spend; s bought nothing.
    expect(r.segments.map((s) => s.totalClv)).toEqual([20, 54]);
    expect(r.segments[1]!.meanClv).toBeCloseTo(18, 12);
  });

  it('returns no segments when there is neither history nor spend, and checks shapes', () => {
    const r = segmentValues({ customerIds: ['a'], labels: Int32Array.from([0]), clusterCount: 1 });
    expect(r.segments).toEqual([]);
    expect(r.report.notes![0]).toMatch(/no value was estimated/);
    expect(() => segmentValues({ customerIds: ['a', 'b'], labels: Int32Array.from([0]), clusterCount: 1 })).toThrow(/1 labels for 2 customers/);
    expect(() => segmentValues({ customerIds: ['a'], labels: Int32Array.from([0]), clusterCount: 1, snapshotMonetary: new Float64Array(3) })).toThrow(/3 snapshot values for 1 customers/);
  });
});
