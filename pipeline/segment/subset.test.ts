import { describe, expect, it } from 'vitest';
import type { TransactionInput } from '../features/inputs.ts';
import { applySubset, orderStats } from './subset.ts';

const tx = (customerId: string, orderId: string, amount: number, extra: Partial<TransactionInput> = {}): TransactionInput => ({
  customerId,
  orderId,
  at: Date.parse('2024-01-10'),
  quantity: 1,
  price: amount,
  amount,
  isCancellation: false,
  attributes: { Country: customerId === 'a' ? 'United Kingdom' : 'France' },
  ...extra,
});

const transactions = [
  tx('a', 'o1', 10), tx('a', 'o1', 5), tx('a', 'o2', 20), tx('a', 'o3', 1),
  tx('b', 'o4', 100), tx('b', 'C5', -100, { isCancellation: true }),
];

describe('subset filter', () => {
  it('counts distinct non-cancelled orders and positive spend', () => {
    expect(orderStats(transactions).get('a')).toEqual({ orders: 3, spend: 36 });
    expect(orderStats(transactions).get('b')).toEqual({ orders: 1, spend: 100 });
  });

  it('keeps customers with at least 3 orders and counts the rest', () => {
    const r = applySubset(['a', 'b', 'c'], { customers: [], transactions, texts: [] }, { minOrders: 3 }, null);
    expect(r.kept).toEqual(['a']);
    expect(r.excluded).toEqual({ fewer_orders: 2 });
  });

  it('filters by transaction attribute, keyword and id list', () => {
    const texts = [{ customerId: 'b', at: null, body: 'Is this a SCAM?', replyToId: null }];
    const data = { customers: [], transactions, texts };
    expect(applySubset(['a', 'b'], data, { attributes: { Country: ['united kingdom'] } }, null).kept).toEqual(['a']);
    expect(applySubset(['a', 'b'], data, { textContains: 'scam' }, null).kept).toEqual(['b']);
    expect(applySubset(['a', 'b'], data, { customerIds: ['b'] }, null).kept).toEqual(['b']);
  });

  it('uses a customer table purchase columns when there are no transactions', () => {
    const customers = [
      { id: 'x', attributes: { compras_web: 2, compras_tienda: 2, gasto_vino: 50, hijos: 4 } },
      { id: 'y', attributes: { compras_web: 1, compras_tienda: 0, gasto_vino: 500, hijos: 0 } },
    ];
    const data = { customers, transactions: [], texts: [] };
    expect(applySubset(['x', 'y'], data, { minOrders: 3 }, null).kept).toEqual(['x']);
    expect(applySubset(['x', 'y'], data, { minSpend: 100 }, null).kept).toEqual(['y']);
    const noSpend = { ...data, customers: customers.map((c) => ({ id: c.id, attributes: { hijos: c.attributes.hijos } })) };
    expect(() => applySubset(['x', 'y'], noSpend, { minSpend: 100 }, null)).toThrow(/spend filters need/);
  });
});
