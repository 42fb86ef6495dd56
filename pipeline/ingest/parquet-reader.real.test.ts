/** The Parquet reader on the shared real data (skipped when ../shared/data is absent). */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RawRecord } from '../types.ts';
import { openSource } from './source.ts';

const dataDir = join(import.meta.dirname, '../../../shared/data');
if (!existsSync(dataDir)) console.warn(`skipping real-data reader tests: ${dataDir} is absent`);

describe.skipIf(!existsSync(dataDir))('real data (../shared/data)', () => {
  it('online_retail.parquet: 541,909 rows, integral CustomerID without ".0"', async () => {
    const s = await openSource(join(dataDir, 'online_retail/online_retail.parquet'));
    expect(s.header).toEqual(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    let count = 0;
    let noCustomer = 0;
    let first: RawRecord | undefined;
    for await (const batch of s.batches()) {
      first ??= batch[0];
      count += batch.length;
      for (const r of batch) if (r.values[6] === null) noCustomer++;
    }
    expect(count).toBe(541_909);
    expect(noCustomer).toBe(135_080);
    expect(first).toEqual({ row: 1, values: ['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '6', '2010-12-01T08:26:00', '2.55', '17850', 'United Kingdom'] });
  });

  it('gives the same values as its CSV conversion, row for row', async () => {
    const parquet = await openSource(join(dataDir, 'online_retail/online_retail.parquet'));
    const csv = await openSource(join(dataDir, 'online_retail/online_retail.csv.gz'));
    const other = csv.batches()[Symbol.asyncIterator]();
    let queue: RawRecord[] = [];
    let next = 0;
    let compared = 0;
    for await (const batch of parquet.batches()) {
      for (const p of batch) {
        if (next >= queue.length) {
          const step = await other.next();
          queue = step.done ? [] : step.value;
          next = 0;
        }
        const c = queue[next++];
        // The CSV writes dates with a space instead of "T".
        const values = p.values.map((v, i) => (i === 4 && v ? v.replace('T', ' ') : v));
        if (JSON.stringify(values) !== JSON.stringify(c?.values)) expect({ row: p.row, values }).toEqual({ row: p.row, values: c?.values });
        compared++;
      }
    }
    expect(compared).toBe(541_909);
    expect(next).toBe(queue.length);
    expect((await other.next()).done).toBe(true);
  });
});
