/**
 * The database's per-customer purchase histories (the value stage's input) equal the in-memory ones on
 * every driver (PGlite always, PostgreSQL when PERSONA_TEST_DATABASE_URL is set, as in CI): the same
 * numbers bit for bit, so BG/NBD + Gamma-Gamma fitted on either give the same value per segment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTransactionDatasets, transactionLine, type TransactionLine } from '../../test/transaction-datasets.ts';
import type { DbHandle } from '../../db/client.ts';
import { customerPurchaseHistories } from '../../db/queries/purchase-histories.ts';
import { datasetsByIds, transactionsOf } from '../../db/queries/customer-data.ts';
import { testDrivers } from '../../db/test-databases.ts';
import { createRng } from '../../lib/rng.ts';
import type { TransactionInput } from '../../pipeline/features/inputs.ts';
import { purchaseHistories, summaryFromHistories } from '../../pipeline/value/purchase-history.ts';
import { rfmSummary } from '../../pipeline/value/rfm-summary.ts';
import { segmentValues } from '../../pipeline/value/segment-value.ts';
import { computeSegmentation } from '../../pipeline/segment/compute.ts';
import { resolveSegmentOptions } from '../../pipeline/segment/options.ts';
import { loadInputs, toTransactionInput } from './load-inputs.ts';

const day = 86_400_000;
const hour = 3_600_000;
const base = Date.UTC(2022, 8, 5, 6, 40);

type Line = TransactionLine;
const line = transactionLine;

/** Hand-written edge cases, in the vocabulary of a Finnish bakery. */
function edgeCases(): Line[] {
  return [
    // one purchase over two lines, then a repeat: frequency 1, monetary = the repeat
    line('leipomo-01', 'K1', base, 2, 3.4),
    line('leipomo-01', 'K1', base + hour, 1, 0.1),
    line('leipomo-01', 'K2', base + 9 * day, null, null, { amount: 12.3 }),
    // lines without an order id group by UTC day; an empty order id is none
    line('leipomo-02', null, base + 2 * day, 1, 5),
    line('leipomo-02', '', base + 2 * day + 5 * hour, 1, 7),
    line('leipomo-02', null, base + 3 * day, 1, 1.05),
    // cancellations, returns, free gifts and fees are not purchases; an undated line adds spend only
    line('leipomo-03', 'K3', base + day, 1, 9.99, { isCancellation: true }),
    line('leipomo-03', 'K4', base + 4 * day, -1, 9.99),
    line('leipomo-03', 'K5', base + 5 * day, 1, 0),
    line('leipomo-03', 'K5', base + 5 * day, 1, -2),
    line('leipomo-03', 'K6', null, 3, 2.5),
    line('leipomo-03', 'K7', base + 6 * day, 1, 4.2, { amount: -4.2 }),
    // two purchases at the same moment: the first is the cheaper one, whatever the line order
    line('leipomo-04', 'K8', base + 7 * day, 1, 8.8),
    line('leipomo-04', 'K9', base + 7 * day, 1, 2.2),
    line('leipomo-04', 'K10', base + 8 * day, 1, 4.4),
    // an order spread over days: its time is its earliest line
    line('leipomo-05', 'K11', base + 20 * day, 1, 1.5),
    line('leipomo-05', 'K11', base + 18 * day, 1, 2.5),
    line('leipomo-05', 'K12', base + 30 * day, 1, 3.5),
    // only undated lines
    line('leipomo-06', 'K13', null, 1, 6),
    // a line without a customer is left out
    line(null, 'K14', base + 40 * day, 1, 99),
  ];
}

/** Seeded customers with repeat purchases, fractional money, returns and undated lines. */
function generated(seed: number, customers: number): Line[] {
  const rng = createRng(seed);
  const out: Line[] = [];
  for (let c = 0; c < customers; c++) {
    const id = `asiakas-${String(c).padStart(4, '0')}`;
    const heavy = c % 3 === 0;
    const orders = 1 + rng.int(heavy ? 12 : 4);
    for (let o = 0; o < orders; o++) {
      const at = base + rng.int(300) * day + rng.int(24) * hour + rng.int(60_000);
      for (let l = 0, lines = 1 + rng.int(3); l < lines; l++) {
        out.push(
          line(id, rng.next() < 0.15 ? null : `tilaus-${c}-${o}`, rng.next() < 0.03 ? null : at, rng.next() < 0.05 ? -1 : 1 + rng.int(3), Math.round(rng.next() * (heavy ? 4000 : 1500)) / 100, {
            isCancellation: rng.next() < 0.04,
            ...(rng.next() < 0.25 ? { amount: Math.round(rng.next() * 6000) / 100 } : {}),
          }),
        );
      }
    }
  }
  return out;
}

function bytes(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

const drivers = testDrivers();
if (drivers.length === 1) console.warn('purchase-histories: PERSONA_TEST_DATABASE_URL is not set, so only PGlite is checked here (CI checks PostgreSQL too)');

describe.each(drivers)('customer purchase histories on $name', (driver) => {
  let handle: DbHandle;
  let datasetIds: number[];
  let loaded: TransactionInput[];

  beforeAll(async () => {
    handle = await driver.open();
    ({ datasetIds, loaded } = await storeTransactionDatasets(handle.db, [['kassa.csv', edgeCases()], ['verkkokauppa.csv', generated(11, 240)]]));
  }, 60_000);
  afterAll(async () => handle?.close());

  it('match the in-memory histories on hand-written edge cases, worked out by hand', async () => {
    const edge = datasetIds[0] as number;
    const fromSql = await customerPurchaseHistories(handle.db, [edge]);
    expect(fromSql).toStrictEqual(purchaseHistories((await transactionsOf(handle.db, edge)).map(toTransactionInput)).histories);
    const byId = new Map(fromSql.map((h) => [h.customerId, h]));
    expect(byId.get('leipomo-01')).toMatchObject({ lines: 3, purchases: 2, firstPurchaseAt: base, lastPurchaseAt: base + 9 * day });
    expect(byId.get('leipomo-01')?.firstPurchaseValue).toBeCloseTo(6.9, 12);
    expect(byId.get('leipomo-02')).toMatchObject({ purchases: 2, firstPurchaseValue: 12, lastPurchaseAt: base + 3 * day });
    expect(byId.get('leipomo-03')).toMatchObject({ lines: 6, datedLines: 5, purchases: 0, lineSpend: 7.5, latestLineAt: base + 6 * day, firstPurchaseAt: null });
    expect(byId.get('leipomo-04')).toMatchObject({ purchases: 3, firstPurchaseValue: 2.2 });
    expect(byId.get('leipomo-05')).toMatchObject({ purchases: 2, firstPurchaseAt: base + 18 * day });
    expect(byId.get('leipomo-06')).toMatchObject({ datedLines: 0, purchases: 0, lineSpend: 6, latestLineAt: null });
    expect(fromSql).toHaveLength(6);
  });

  it('match on generated data over two datasets, and give the same BG/NBD input bit for bit', async () => {
    const fromSql = await customerPurchaseHistories(handle.db, datasetIds);
    expect(fromSql).toStrictEqual(purchaseHistories(loaded).histories);
    const want = rfmSummary(loaded);
    const got = summaryFromHistories(fromSql);
    expect(got.customerIds).toEqual(want.customerIds);
    expect(got.end).toBe(want.end);
    for (const key of ['frequency', 'recency', 'T', 'monetary', 'totalSpend', 'firstPurchase'] as const) expect(bytes(got[key]), key).toBe(bytes(want[key]));
  });

  it('give the same fitted value per segment as the lines, on a run subset', async () => {
    const datasets = await datasetsByIds(handle.db, datasetIds);
    const subset = { minOrders: 2 };
    const plain = await loadInputs(handle.db, datasets, subset);
    const pushed = await loadInputs(handle.db, datasets, subset, { purchaseAggregates: true });
    expect(pushed.purchaseHistories?.map((h) => h.customerId)).toEqual(pushed.customerIds.filter((id) => plain.transactions?.some((t) => t.customerId === id)));
    const customerIds = plain.customerIds;
    const labels = Int32Array.from(customerIds, (id) => Number(id.slice(-1)) % 3);
    const fromLines = segmentValues({ customerIds, labels, clusterCount: 3, transactions: plain.transactions ?? [] });
    const fromHistories = segmentValues({ customerIds, labels, clusterCount: 3, histories: pushed.purchaseHistories ?? [] });
    expect(fromLines.report.params.method).toBe('bgnbd-gamma-gamma');
    expect(fromHistories.segments).toStrictEqual(fromLines.segments);
    expect({ ...fromHistories.report, ms: 0 }).toStrictEqual({ ...fromLines.report, ms: 0 });
    expect(bytes(fromHistories.customers!.clv)).toBe(bytes(fromLines.customers!.clv));
  });

  it('give a whole segmentation the same values, activity and segments as the loaded lines', async () => {
    const datasets = await datasetsByIds(handle.db, datasetIds);
    const plain = await loadInputs(handle.db, datasets, undefined);
    const pushed = await loadInputs(handle.db, datasets, undefined, { purchaseAggregates: true });
    const options = resolveSegmentOptions({ seed: 5, algorithm: 'kmeans', k: 3, reducer: 'pca', stabilityResamples: 2 });
    const fromLines = await computeSegmentation({ options, features: { customerIds: plain.customerIds, transactions: plain.transactions ?? [] } });
    const fromDatabase = await computeSegmentation({
      options,
      features: { customerIds: pushed.customerIds, purchaseAggregates: pushed.purchaseAggregates ?? [] },
      purchaseHistories: pushed.purchaseHistories ?? [],
      transactionActivity: pushed.transactionActivity!,
    });
    expect([...fromDatabase.labels]).toEqual([...fromLines.labels]);
    expect(fromDatabase.values).toStrictEqual(fromLines.values);
    expect(fromDatabase.values[0]?.method).toBe('bgnbd-gamma-gamma');
    expect(fromDatabase.intelligence).toStrictEqual(fromLines.intelligence);
    expect(fromDatabase.intelligence[0]?.description.activity.events).toBeGreaterThan(0);
    expect(fromDatabase.personas).toStrictEqual(fromLines.personas);
  }, 120_000);

  it('return nothing for no datasets', async () => {
    expect(await customerPurchaseHistories(handle.db, [])).toEqual([]);
  });
});
