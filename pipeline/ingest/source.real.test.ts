/** Reading the shared real files (skipped when ../shared/data is absent). */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RawRecord } from '../types.ts';
import { openSource, type OpenedSource } from './source.ts';

async function readAll(source: OpenedSource): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const batch of source.batches()) out.push(...batch);
  return out;
}

const dataDir = join(import.meta.dirname, '../../../shared/data');
if (!existsSync(dataDir)) console.warn(`skipping real-data reader tests: ${dataDir} is absent`);

describe.skipIf(!existsSync(dataDir))('real data (../shared/data)', () => {
  it('twcs_sample.csv: 5,000 records of 8 fields, one with bare CRs kept', async () => {
    const s = await openSource(join(dataDir, 'twcs_sample/twcs_sample.csv'));
    expect(s.header).toEqual(['unnamed_0', 'tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id']);
    const records = await readAll(s);
    expect(records).toHaveLength(5000);
    expect(records.every((r) => r.values.length === 8)).toBe(true);
    expect(s.repairs.bare_cr_in_field).toBe(1);
    const tweet = records.find((r) => r.values[1] === '3399');
    expect(tweet?.values[5]).toContain('\r');
    expect(tweet?.values[5]).toContain('I just love');
  });

  it('Mall_Customers.csv (CRLF): 200 records', async () => {
    const s = await openSource(join(dataDir, 'mall_customers/Mall_Customers.csv'));
    expect(s.header.join(',')).toBe('CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)');
    const records = await readAll(s);
    expect(records).toHaveLength(200);
    expect(records[0]?.values[0]).toBe('0001');
  });

  it('marketing_campaign.csv: sniffed as tab, 2,240 records', async () => {
    const s = await openSource(join(dataDir, 'customer_personality/marketing_campaign.csv'));
    expect(s.delimiter).toBe('\t');
    expect(s.header).toHaveLength(29);
    const records = await readAll(s);
    expect(records).toHaveLength(2240);
    expect(records.filter((r) => r.values[s.header.indexOf('Income')] === null)).toHaveLength(24);
  });

  it('online_retail.csv.gz: 541,909 records', async () => {
    const s = await openSource(join(dataDir, 'online_retail/online_retail.csv.gz'));
    expect(s.compressed).toBe(true);
    let count = 0;
    let noCustomer = 0;
    const customer = s.header.indexOf('CustomerID');
    for await (const batch of s.batches()) {
      count += batch.length;
      for (const r of batch) if (r.values[customer] === null) noCustomer++;
    }
    expect(count).toBe(541_909);
    expect(noCustomer).toBe(135_080);
  });
});
