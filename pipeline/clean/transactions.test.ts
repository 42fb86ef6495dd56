import { describe, expect, it } from 'vitest';
import { checkTransaction, TransactionCleanCounter } from './transactions.ts';

const line = { orderId: '536365', quantity: 6, price: 2.55, customerId: '17850' };

describe('checkTransaction', () => {
  it('passes an ordinary line', () => {
    expect(checkTransaction(line)).toEqual([]);
  });

  it('flags cancellations by invoice prefix or negative quantity', () => {
    expect(checkTransaction({ ...line, orderId: 'C536379', quantity: -1 })).toEqual(['cancellation']);
    expect(checkTransaction({ ...line, orderId: 'c536379' })).toEqual(['cancellation']);
    expect(checkTransaction({ ...line, quantity: -3 })).toEqual(['cancellation']);
    expect(checkTransaction({ ...line, orderId: 'CA-2017-152156' })).toEqual([]);
  });

  it('flags non-positive prices and missing customers', () => {
    expect(checkTransaction({ ...line, price: 0 })).toEqual(['non_positive_price']);
    expect(checkTransaction({ ...line, price: -11062.06, customerId: null })).toEqual(['non_positive_price', 'missing_customer']);
    expect(checkTransaction({ ...line, customerId: '  ' })).toEqual(['missing_customer']);
    expect(checkTransaction({ orderId: null, quantity: null, price: null, customerId: 'x' })).toEqual([]);
  });
});

describe('TransactionCleanCounter', () => {
  it('totals flags in a fixed order and lists only flags seen', () => {
    const counter = new TransactionCleanCounter();
    counter.add(['missing_customer']);
    counter.add([]);
    counter.add(['cancellation', 'missing_customer']);
    expect(counter.counts).toEqual({ cancellation: 1, missing_customer: 2 });
    expect(Object.keys(counter.counts)).toEqual(['cancellation', 'missing_customer']);
    expect(counter.lines).toBe(3);
    expect(counter.flaggedLines).toBe(2);
  });
});
