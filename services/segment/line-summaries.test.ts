/**
 * A segmentation that leaves the lines in the database sees the same data as one that loads them, on
 * every driver (PGlite always, PostgreSQL when PERSONA_TEST_DATABASE_URL is set): the same customers
 * kept and excluded by every kind of subset filter, and the same activity counts per customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTransactionDatasets, type TransactionLine } from '../../test/transaction-datasets.ts';
import type { DbHandle } from '../../db/client.ts';
import { customerActivityCounts } from '../../db/queries/customer-activity.ts';
import { customerOrderStats } from '../../db/queries/subset-facts.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';
import { testDrivers } from '../../db/test-databases.ts';
import { createRng } from '../../lib/rng.ts';
import { activityFromCounts, activityProfile, activityWidth, countActivity } from '../../pipeline/describe/activity.ts';
import type { TransactionInput } from '../../pipeline/features/inputs.ts';
import type { SubsetFilter } from '../../pipeline/segment/options.ts';
import { orderStats } from '../../pipeline/segment/subset.ts';
import { loadInputs } from './load-inputs.ts';

const day = 86_400_000;
const hour = 3_600_000;
const base = Date.UTC(2021, 3, 12);

type Line = TransactionLine;

/** Seeded lines of a tea shop: prefectures in mixed case, numeric store ids, midnight-only dates, returns. */
function teaShop(seed: number, customers: number): Line[] {
  const rng = createRng(seed);
  const prefectures = ['Shizuoka', 'shizuoka', 'Kyoto', 'NARA', 'Kagoshima'];
  const out: Line[] = [];
  for (let c = 0; c < customers; c++) {
    const id = `chaya-${String(c).padStart(3, '0')}`;
    const dateOnly = c % 7 === 0;
    const home = prefectures[rng.int(prefectures.length)] as string;
    for (let o = 0, orders = 1 + rng.int(5); o < orders; o++) {
      const at = base + rng.int(200) * day + (dateOnly ? 0 : rng.int(24) * hour + rng.int(3_600_000));
      for (let l = 0, lines = 1 + rng.int(3); l < lines; l++) {
        const attributes: Record<string, string | number | boolean> = { prefecture: rng.next() < 0.9 ? home : (prefectures[rng.int(prefectures.length)] as string) };
        if (rng.next() < 0.5) attributes.store = 100 + rng.int(4);
        if (rng.next() < 0.2) attributes.gift = rng.next() < 0.5;
        out.push({
          customerExternalId: id,
          orderId: rng.next() < 0.1 ? null : rng.next() < 0.05 ? '' : `chumon-${c}-${o}`,
          at: rng.next() < 0.04 ? null : new Date(at),
          quantity: rng.next() < 0.05 ? -1 : 1 + rng.int(3),
          price: rng.next() < 0.03 ? null : Math.round(rng.next() * 3000) / 100,
          amount: rng.next() < 0.2 ? Math.round(rng.next() * 5000) / 100 - 5 : null,
          isCancellation: rng.next() < 0.05,
          attributes,
        });
      }
    }
  }
  return out;
}

const subsets: SubsetFilter[] = [
  { minOrders: 3 },
  { maxOrders: 2 },
  { minSpend: 80 },
  { maxSpend: 40.5 },
  { minOrders: 2, maxSpend: 150 },
  { attributes: { prefecture: ['shizuoka'] } },
  { attributes: { store: ['101', '103'] } },
  { attributes: { gift: ['TRUE'] } },
  { activeFrom: '2021-06-01T00:00:00Z' },
  { activeFrom: '2021-05-01', activeTo: '2021-07-15T12:00:00Z' },
  { activeTo: 'not a date' },
  { minOrders: 2, attributes: { prefecture: ['kyoto', 'nara'] }, activeFrom: '2021-05-01' },
];

const drivers = testDrivers();
if (drivers.length === 1) console.warn('line-summaries: PERSONA_TEST_DATABASE_URL is not set, so only PGlite is checked here (CI checks PostgreSQL too)');

describe.each(drivers)('line summaries on $name', (driver) => {
  let handle: DbHandle;
  let datasetIds: number[];
  let loaded: TransactionInput[];

  beforeAll(async () => {
    handle = await driver.open();
    ({ datasetIds, loaded } = await storeTransactionDatasets(handle.db, [['honten.csv', teaShop(3, 90)], ['tsuhan.csv', teaShop(4, 120)]]));
  }, 60_000);
  afterAll(async () => handle?.close());

  it('count activity per customer as the loaded times do', async () => {
    const fromSql = await customerActivityCounts(handle.db, datasetIds);
    const times = new Map<string, number[]>();
    for (const t of loaded) if (t.at !== null) times.set(t.customerId, [...(times.get(t.customerId) ?? []), t.at]);
    expect(fromSql.map((r) => r.customerId)).toEqual([...times.keys()].sort());
    for (const r of fromSql) expect(r.counts, r.customerId).toEqual([...countActivity(times.get(r.customerId) ?? [])]);
    // Date-only customers stay date-only: no hour of day is claimed for them.
    const midnight = fromSql.find((r) => r.customerId === 'chaya-007');
    expect(activityFromCounts(midnight!.counts)).toEqual(activityProfile(times.get('chaya-007')!));
    expect(activityFromCounts(midnight!.counts).dateOnly).toBe(true);
    expect(midnight!.counts.length).toBe(activityWidth);
  });

  it('count orders and spend per customer as memory does', async () => {
    const want = orderStats(loaded);
    const got = await customerOrderStats(handle.db, datasetIds);
    expect(got.map((r) => r.customerId)).toEqual([...want.keys()].sort());
    for (const r of got) expect({ orders: r.orders, spend: r.spend }, r.customerId).toStrictEqual(want.get(r.customerId));
  });

  it('keep and exclude the same customers for every subset filter, with the same activity', async () => {
    const datasets = await datasetsByIds(handle.db, datasetIds);
    for (const subset of [undefined, ...subsets]) {
      const plain = await loadInputs(handle.db, datasets, subset);
      const pushed = await loadInputs(handle.db, datasets, subset, { purchaseAggregates: true });
      const what = JSON.stringify(subset);
      expect(pushed.customerIds, what).toEqual(plain.customerIds);
      expect(pushed.excluded, what).toEqual(plain.excluded);
      expect(pushed.transactions, what).toBeUndefined();
      // The activity of the kept customers, and nobody else's.
      const activity = pushed.transactionActivity!;
      const keptWithTimes = [...new Set(plain.transactions?.filter((t) => t.at !== null).map((t) => t.customerId))].sort();
      expect(activity.customerIds, what).toEqual(keptWithTimes);
      const sum = new Uint32Array(activityWidth);
      for (let i = 0; i < activity.customerIds.length; i++) for (let j = 0; j < activityWidth; j++) sum[j]! += activity.counts[i * activityWidth + j]!;
      expect(activityFromCounts(sum), what).toEqual(activityProfile((plain.transactions ?? []).flatMap((t) => (t.at === null ? [] : [t.at]))));
    }
    // The filters did filter: each subset above keeps some customers and drops others.
    for (const subset of subsets.filter((s) => s.activeTo !== 'not a date')) {
      const kept = (await loadInputs(handle.db, datasets, subset, { purchaseAggregates: true })).customerIds.length;
      expect(kept > 0 && kept < 210, JSON.stringify(subset)).toBe(true);
    }
  }, 120_000);
});
