/**
 * The database's per-customer aggregates equal the in-memory ones on every driver (PGlite always,
 * PostgreSQL when PERSONA_TEST_DATABASE_URL is set, as in CI), and so do the RFM features built on them.
 * Everything must match exactly, sums of money and items included: the database adds a customer's
 * lines in line order, as memory does, so the floating-point results are the same bits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTransactionDatasets, transactionLine, type TransactionLine } from '../../test/transaction-datasets.ts';
import type { DbHandle } from '../../db/client.ts';
import { testDrivers } from '../../db/test-databases.ts';
import { createRng } from '../../lib/rng.ts';
import type { TransactionInput } from '../../pipeline/features/inputs.ts';
import { extractRfm, extractRfmFromAggregates } from '../../pipeline/features/rfm.ts';
import { aggregateTransactions, type CustomerPurchaseAggregate } from '../../pipeline/features/transaction-aggregates.ts';
import { transactionsOf } from '../../db/queries/customer-data.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';
import { buildFeatures } from '../../pipeline/features/build-features.ts';
import type { FeatureSet } from '../../pipeline/features/types.ts';
import { loadInputs, toTransactionInput as toInput } from './load-inputs.ts';
import { loadPurchaseAggregates } from './purchase-aggregates.ts';

const day = 86_400_000;
const base = Date.UTC(2023, 2, 1, 8, 15);

type Line = TransactionLine;
const line = transactionLine;

/** Hand-written edge cases, in a vocabulary of a Portuguese bookshop. */
function edgeCases(): Line[] {
  return [
    // one purchase only
    line('livro-001', 'P1', base, 1, 39.9, { attributes: { 'Sales Channel': 'Loja Física', channel: 'loja', ISBN: '978-1' } }),
    // returns: a flagged cancellation and a negative quantity without a flag
    line('livro-002', 'P2', base + day, 2, 12.5, { attributes: { sku: 'A-1', sales_channel: 'Site' } }),
    line('livro-002', 'D2', base + 2 * day, -1, 12.5, { isCancellation: true, attributes: { sku: 'A-1' } }),
    line('livro-002', 'P3', base + 3 * day, -2, 8, { attributes: { sku: 'B-7' } }),
    // same day: two orders an hour apart, and two lines without an order id sharing a timestamp
    line('livro-003', 'P4', base + 10 * day, 1, 5, { amount: 6.1, attributes: { sku: 'C-1', sales_channel: 'app ' } }),
    line('livro-003', 'P5', base + 10 * day + 3_600_000, 3, 2.2, { attributes: { sku: 'C-2', sales_channel: 'APP' } }),
    line('livro-003', null, base + 11 * day + 10 * 3_600_000, 1, 4, { attributes: { sku: 'C-1' } }),
    line('livro-003', '', base + 11 * day + 10 * 3_600_000, 2, 4, { attributes: { sku: 'C-3', sales_channel: 'app' } }),
    // missing dates: an order without any time, and undated lines without an order id (each its own order)
    line('livro-004', 'P6', null, 1, 15, { attributes: { product_id: 'X' } }),
    line('livro-004', null, null, 2, 15, { attributes: { product_id: 'Y', sku: 'X' } }),
    line('livro-004', null, null, null, 15),
    line('livro-004', 'P7', base + 40 * day, 1, 15),
    // only cancellations
    line('livro-005', 'D8', base + 5 * day, 1, 20, { isCancellation: true }),
    // free gift (price 0), a fee (negative price), amount given without price, nothing to price
    line('livro-006', 'P9', base + 6 * day, 1, 0, { attributes: { 'Sales Channel': '—' } }),
    line('livro-006', 'P9', base + 6 * day, 1, -3),
    line('livro-006', 'P10', base + 9 * day, null, null, { amount: 17.35 }),
    line('livro-006', 'P11', base + 12 * day, 2.5, null),
    // an order spread over lines with different times: its time is the earliest
    line('livro-007', 'P12', base + 20 * day + 7_200_000, 1, 1.1, { attributes: { Channel: 42 } }),
    line('livro-007', 'P12', base + 20 * day, 1, 2.2, { attributes: { Channel: null } }),
    // the same order id as another customer's: orders are per customer
    line('livro-008', 'P1', base + 2 * day, 1, 3),
    // a line without a customer is left out
    line(null, 'P13', base, 1, 99),
  ];
}

/** Many customers of a seeded shape: weekends, evenings, several channels and fractional quantities. */
function generated(seed: number, customers: number): Line[] {
  const rng = createRng(seed);
  const channels = ['Balcão', 'telefone', 'Site', 'site', 'feira-do-livro', 'correio'];
  const out: Line[] = [];
  for (let c = 0; c < customers; c++) {
    const id = `cliente-${String(c).padStart(4, '0')}`;
    const orders = 1 + rng.int(6);
    for (let o = 0; o < orders; o++) {
      const at = base + rng.int(200) * day + rng.int(24) * 3_600_000 + rng.int(60_000);
      const lines = 1 + rng.int(3);
      for (let l = 0; l < lines; l++) {
        const quantity = rng.next() < 0.1 ? -1 : rng.next() < 0.2 ? Math.round(rng.next() * 300) / 100 : 1 + rng.int(4);
        out.push(
          line(id, rng.next() < 0.1 ? null : `pedido-${c}-${o}`, rng.next() < 0.05 ? null : at, quantity, Math.round(rng.next() * 5000) / 100, {
            isCancellation: rng.next() < 0.05,
            ...(rng.next() < 0.3 ? { amount: Math.round(rng.next() * 9000) / 100 } : {}),
            attributes: { sku: `L${rng.int(40)}`, ...(rng.next() < 0.8 ? { sales_channel: channels[rng.int(channels.length)] as string } : {}) },
          }),
        );
      }
    }
  }
  return out;
}

function expectSameAggregates(fromSql: readonly CustomerPurchaseAggregate[], inMemory: readonly CustomerPurchaseAggregate[]): void {
  expect(fromSql.map((a) => a.customerId)).toEqual(inMemory.map((a) => a.customerId));
  inMemory.forEach((want, i) => expect(fromSql[i], want.customerId).toStrictEqual(want));
}

/** Every number of a feature set as bytes, with its column names. */
function fingerprint(f: FeatureSet): string[] {
  return f.blocks.flatMap((b) => [b.name, ...b.columns.map((c) => c.name), ...[b.raw, b.scaled, b.uncapped].map((m) => (m ? Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).toString('base64') : '-'))]);
}

const drivers = testDrivers();
if (drivers.length === 1) {
  console.warn('purchase-aggregates: PERSONA_TEST_DATABASE_URL is not set, so only PGlite is checked here (CI checks PostgreSQL too)');
}

describe.each(drivers)('customer purchase aggregates on $name', (driver) => {
  let handle: DbHandle;
  let datasetIds: number[];
  let loaded: TransactionInput[];

  beforeAll(async () => {
    handle = await driver.open();
    ({ datasetIds, loaded } = await storeTransactionDatasets(handle.db, [['vendas-loja.csv', edgeCases()], ['vendas-site.csv', generated(7, 300)]]));
  }, 60_000);
  afterAll(async () => handle?.close());

  it('match the in-memory aggregates on hand-written edge cases', async () => {
    const edge = datasetIds[0] as number;
    const inMemory = aggregateTransactions((await transactionsOf(handle.db, edge)).map(toInput));
    const fromSql = await loadPurchaseAggregates(handle.db, [edge]);
    expectSameAggregates(fromSql, inMemory);
    const byId = new Map(fromSql.map((a) => [a.customerId, a]));
    // Spot checks worked out by hand, so the two sides cannot agree on a shared mistake.
    expect(byId.get('livro-002')).toMatchObject({ lines: 3, cancelledLines: 2, orders: 1, monetary: 25, items: 2 });
    expect(byId.get('livro-003')).toMatchObject({ orders: 3, timedOrders: 3, eveningOrders: 1, distinctProducts: 3, channelOrders: { 'app ': 1, APP: 1, app: 1 } });
    expect(byId.get('livro-004')).toMatchObject({ orders: 4, timedOrders: 1, items: 5, distinctProducts: 2 });
    expect(byId.get('livro-005')).toMatchObject({ lines: 1, cancelledLines: 1, orders: 0, monetary: 0, firstOrderAt: null });
    expect(byId.get('livro-006')?.monetary).toBeCloseTo(17.35, 12);
    expect(byId.get('livro-007')).toMatchObject({ orders: 1, firstOrderAt: base + 20 * day, channelOrders: { '42': 1 } });
    expect(byId.get('livro-001')?.channelOrders).toEqual({ loja: 1 });
    expect(byId.has('livro-008') && !fromSql.some((a) => a.customerId === '')).toBe(true);
  });

  it('match on generated data over two datasets, and give the same RFM features', async () => {
    const inMemory = aggregateTransactions(loaded);
    const fromSql = await loadPurchaseAggregates(handle.db, datasetIds);
    expect(fromSql.length).toBe(308);
    expectSameAggregates(fromSql, inMemory);

    // Known customers plus one without lines; one customer's lines are left out as unknown.
    const ids = [...fromSql.map((a) => a.customerId).filter((id) => id !== 'cliente-0001'), 'sem-compras'].sort();
    const index = new Map(ids.map((id, i) => [id, i]));
    const reference = base + 400 * day;
    const want = extractRfm(loaded, index, reference);
    const got = extractRfmFromAggregates(fromSql, index, reference);
    expect(got.features.map((f) => f.column)).toEqual(want.features.map((f) => f.column));
    expect(got.counts).toEqual(want.counts);
    // Byte for byte, so a segmentation on the database's aggregates gives the same segments.
    want.features.forEach((f, j) => expect(Buffer.from(got.features[j]!.values.buffer).equals(Buffer.from(f.values.buffer)), f.column.name).toBe(true));
    expect(got.features.some((f) => f.column.name.startsWith('share_'))).toBe(true);
  });

  it('give a segmentation the same features, bit for bit, without loading a line', async () => {
    const datasets = await datasetsByIds(handle.db, datasetIds);
    for (const subset of [undefined, { minOrders: 2 }, { attributes: { sales_channel: ['site'] } }]) {
      const plain = await loadInputs(handle.db, datasets, subset);
      const pushed = await loadInputs(handle.db, datasets, subset, { purchaseAggregates: true });
      expect(pushed.customerIds).toEqual(plain.customerIds);
      expect(pushed.excluded).toEqual(plain.excluded);
      expect(pushed.purchaseAggregates?.map((a) => a.customerId)).toEqual([...new Set(plain.transactions?.map((t) => t.customerId))].sort());
      // The lines stay in the database: what the stages read comes per customer.
      expect(pushed.transactions).toBeUndefined();
      const a = buildFeatures({ customerIds: plain.customerIds, transactions: plain.transactions ?? [] });
      const b = buildFeatures({ customerIds: pushed.customerIds, purchaseAggregates: pushed.purchaseAggregates ?? [] });
      expect(fingerprint(b)).toEqual(fingerprint(a));
      expect({ ...b.report, ms: 0 }).toEqual({ ...a.report, ms: 0 });
    }
  });

  it('return nothing for no datasets', async () => {
    expect(await loadPurchaseAggregates(handle.db, [])).toEqual([]);
  });
});
