import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import type { ColumnRole, SourceKind } from '../types.ts';
import { ColumnStats } from './column-stats.ts';
import { inferColumns, toColumnProfile, type ColumnPlan, type RoleOverrides } from './roles.ts';

/** Column-wise test tables: { name: values }. */
function stats(columns: Record<string, readonly (string | null)[]>): ColumnStats[] {
  return Object.entries(columns).map(([name, values]) => {
    const s = new ColumnStats(name);
    for (const v of values) s.observe(v);
    return s;
  });
}

function plansOf(kind: SourceKind, columns: Record<string, readonly (string | null)[]>, overrides?: RoleOverrides): Record<string, ColumnPlan> {
  return Object.fromEntries(inferColumns(kind, stats(columns), overrides).map((p) => [p.name, p]));
}

const seq = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(i + from));
const words = ['the', 'parcel', 'never', 'arrived', 'and', 'nobody', 'answers', 'my', 'emails', 'today'];
const sentence = (i: number) => `${words.slice(i % 4).join(' ')} (${i})`;

describe('inferColumns: index', () => {
  it('takes a leading unnamed or index column counting 0.. or 1.. in order', () => {
    expect(plansOf('customers', { unnamed_0: seq(5), id: ['a', 'b', 'c', 'd', 'e'] }).unnamed_0?.role).toBe('index');
    expect(plansOf('customers', { index: seq(5, 1), id: ['a', 'b', 'c', 'd', 'e'] }).index?.role).toBe('index');
    expect(plansOf('customers', { '': seq(3), id: ['a', 'b', 'c'] })['']?.role).toBe('index');
  });

  it('does not take a counter with another name, in another place, or out of order', () => {
    expect(plansOf('customers', { visits: seq(5), id: ['a', 'b', 'c', 'd', 'e'] }).visits?.role).not.toBe('index');
    expect(plansOf('customers', { id: ['a', 'b', 'c'], unnamed_1: seq(3) }).unnamed_1?.role).toBe('numeric');
    expect(plansOf('customers', { unnamed_0: ['0', '2', '1'], id: ['a', 'b', 'c'] }).unnamed_0?.role).not.toBe('index');
  });
});

describe('inferColumns: ids by kind', () => {
  it('customers: a unique column named like an id, else a unique integer or code column up front', () => {
    const byName = plansOf('customers', { age: ['30', '41', '30'], customer_id: ['A1', 'A2', 'A3'], CustomerNo: ['1', '2', '3'] });
    expect(byName.customer_id).toMatchObject({ role: 'id', reason: 'name matches customer id, unique' });
    expect(byName.CustomerNo?.role).toBe('numeric');
    expect(plansOf('customers', { cust_id: ['A1', 'A1', 'A3'], age: ['1', '2', '3'] }).cust_id?.role).toBe('categorical');
    expect(plansOf('customers', { code: ['X1', 'X2', 'X3'], age: ['30', '41', '30'] }).code).toMatchObject({ role: 'id', reason: 'unique codes, first column' });
    expect(plansOf('customers', { city: ['Leeds', 'York', 'Hull'], n: ['7', '8', '9'] }).n).toMatchObject({ role: 'id', reason: 'unique integers, second column' });
    const none = plansOf('customers', { age: ['34', '51', '34'], city: ['Leeds', 'York', 'Leeds'] });
    expect(Object.values(none).some((p) => p.role === 'id')).toBe(false);
  });

  it('transactions: customer and order ids by name, line ids only when unique', () => {
    const p = plansOf('transactions', {
      id: ['1', '2', '3'],
      order_number: ['o1', 'o1', 'o2'],
      client_id: ['c1', 'c1', 'c2'],
      basket_id: ['b1', 'b2', 'b3'],
    });
    expect(p.id?.role).toBe('id');
    expect(p.order_number).toMatchObject({ role: 'order_id', reason: 'name matches order id' });
    expect(p.client_id).toMatchObject({ role: 'customer_id', reason: 'name matches customer id' });
    expect(p.basket_id?.role).toBe('categorical'); // only one order id
    expect(plansOf('transactions', { id: ['1', '1'], CustomerID: ['1', '2'] }).id?.role).toBe('numeric');
  });

  it('texts: text id, author, order id, reply links and thread', () => {
    const p = plansOf('texts', {
      review_id: ['r1', 'r2', 'r3'],
      sender: ['ann', 'bob', 'ann'],
      order_id: ['o1', 'o2', 'o3'],
      body: [sentence(1), sentence(2), sentence(3)],
      parent_id: ['', 'r1', 'r2'],
      reply_ids: ['r2', 'r3', ''],
      conversation_id: ['t1', 't1', 't1'],
    });
    expect(Object.fromEntries(Object.values(p).map((x) => [x.name, x.role]))).toEqual({
      review_id: 'id', sender: 'customer_id', order_id: 'order_id', body: 'text', parent_id: 'reply_to', reply_ids: 'replies', conversation_id: 'thread_id',
    });
  });
});

describe('inferColumns: roles from values', () => {
  it('author_type records which side true means', () => {
    expect(plansOf('texts', { inbound: ['True', 'False'] }).inbound).toMatchObject({ role: 'author_type', parser: 'boolean', reason: 'inbound: true = customer' });
    expect(plansOf('texts', { is_agent: ['1', '0'] }).is_agent).toMatchObject({ role: 'author_type', parser: 'boolean01', reason: 'is_agent: true = company' });
    expect(plansOf('texts', { sender_type: ['customer', 'agent'] }).sender_type).toMatchObject({ role: 'author_type', parser: 'string' });
  });

  it('dates, with epochs only when the name means time', () => {
    expect(plansOf('customers', { signup: ['2012-01-03', '2013-02-04'] }).signup).toMatchObject({
      role: 'datetime', parser: 'date:iso', reason: 'values are dates (yyyy-mm-dd), 2/2',
    });
    expect(plansOf('customers', { joined: ['01-02-2012', '03-04-2012'] }).joined?.reason).toContain('assumed day-first');
    expect(plansOf('customers', { mixed: ['13-01-2012', '01-13-2012'] }).mixed?.role).toBe('categorical');
    const epochs = ['1509487847', '1509487900'];
    expect(plansOf('texts', { created_ts: epochs }).created_ts).toMatchObject({ role: 'datetime', parser: 'date:epoch_s' });
    expect(plansOf('texts', { score: epochs }).score?.role).toBe('numeric');
  });

  it('price, amount and quantity by name in transactions, numeric columns only', () => {
    const p = plansOf('transactions', {
      payment_sequential: ['1', '2'], unit_price: ['2.55', '$3'], line_total: ['1,200.50', '3'], qty: ['1', '-2'], value: ['n/a', 'high'],
    });
    expect(p.unit_price).toMatchObject({ role: 'price', parser: 'number' });
    expect(p.line_total).toMatchObject({ role: 'amount', parser: 'number' });
    expect(p.qty).toMatchObject({ role: 'quantity', parser: 'integer' });
    expect(p.payment_sequential?.role).toBe('numeric');
    expect(p.value?.role).toBe('categorical');
    expect(plansOf('customers', { id: ['a', 'b'], total_spend: ['10', '20'] }).total_spend?.role).toBe('numeric');
  });

  it('labels, booleans, numbers and categoricals', () => {
    const p = plansOf('customers', {
      segment: ['0', '1', '0'], churned: ['yes', 'no', 'no'], promo: ['0', '1', '1'], kids: ['0', '1', '2'],
      fee: ['3', '3', '3'], score: ['1.5', '2', 'oops'], zip: ['02134', '10001', '02139'], plan: ['gold', 'basic', 'gold'],
    });
    expect(p.segment).toMatchObject({ role: 'label', reason: 'name matches label' });
    expect(p.churned).toMatchObject({ role: 'boolean', parser: 'boolean' });
    expect(p.promo).toMatchObject({ role: 'boolean', parser: 'boolean01', reason: '0/1 only' });
    expect(p.kids).toMatchObject({ role: 'numeric', parser: 'integer' });
    expect(p.fee).toMatchObject({ role: 'numeric', reason: 'whole numbers, constant' });
    expect(p.score?.role).toBe('categorical'); // one value in three is not a number
    expect(p.zip).toMatchObject({ role: 'categorical', reason: 'zero-padded codes' });
    expect(p.plan).toMatchObject({ role: 'categorical', reason: '2 distinct values' });
  });

  it('free text, except product descriptions in transactions', () => {
    const texts = Array.from({ length: 20 }, (_, i) => sentence(i));
    expect(plansOf('customers', { note: texts }).note?.role).toBe('text');
    expect(plansOf('transactions', { note: texts }).note?.role).toBe('categorical');
    // Long repeated names are a catalogue, not customer text.
    const products = Array.from({ length: 40 }, (_, i) => ['WHITE HANGING HEART T-LIGHT HOLDER', 'CREAM CUPID HEARTS COAT HANGER'][i % 2] as string);
    expect(plansOf('texts', { product: products }).product?.role).toBe('categorical');
  });

  it('never ignores a column, even an empty one', () => {
    expect(plansOf('customers', { id: ['1', '2'], empty: ['', 'NA'] }).empty).toMatchObject({ role: 'categorical', reason: 'all values missing' });
  });
});

describe('inferColumns: overrides', () => {
  const columns = { customer_id: ['A1', 'A2'], age: ['30', '41'], when: ['04-09-2012', '21-08-2013'], flag: ['0', '1'] };

  it('always win, with reason "config" and a parser that fits the role', () => {
    const overrides: Record<string, ColumnRole> = { customer_id: 'categorical', age: 'id', when: 'datetime', flag: 'numeric' };
    const p = plansOf('customers', columns, overrides);
    expect(p.customer_id).toMatchObject({ role: 'categorical', reason: 'config', parser: 'string' });
    expect(p.age).toMatchObject({ role: 'id', reason: 'config' });
    expect(p.when).toMatchObject({ role: 'datetime', parser: 'date:dmy', reason: 'config' });
    expect(p.flag).toMatchObject({ role: 'numeric', parser: 'integer' });
    expect(plansOf('customers', columns, { flag: 'ignore' }).flag?.role).toBe('ignore');
  });

  it('fail with bad_config naming the real columns when a column does not exist', () => {
    const call = () => inferColumns('customers', stats(columns), { Age: 'numeric' });
    expect(call).toThrow(PersonaError);
    expect(call).toThrow(/column "Age".*customer_id, age, when, flag/);
    try {
      call();
    } catch (err) {
      expect((err as PersonaError).code).toBe('bad_config');
    }
  });
});

describe('toColumnProfile', () => {
  it('summarises a column and notes thousands separators', () => {
    const [s] = stats({ amount: ['1,200', '5', '', '7'] }) as [ColumnStats];
    const plan: ColumnPlan = { name: 'amount', role: 'amount', parser: 'integer', reason: 'name matches amount' };
    expect(toColumnProfile(s, plan, 1)).toEqual({
      name: 'amount', role: 'amount', reason: 'name matches amount', present: 3, missing: 1, invalid: 1, distinct: 3,
      parser: 'integer:thousands', examples: ['1,200', '5', '7'],
    });
  });
});
