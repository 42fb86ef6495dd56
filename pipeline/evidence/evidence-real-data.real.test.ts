/**
 * The evidence stage on real customer-support tweets (../shared/data/twcs_sample): read with the
 * project's own reader, features built and customers clustered as a run would, then evidence chosen.
 * Every quote must be the masked version of a real inbound tweet of a customer of that segment, with
 * no email, phone or card number left in it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRng } from '../../lib/rng.ts';
import { fitKMeans } from '../cluster/kmeans.ts';
import { buildFeatures } from '../features/build-features.ts';
import { parseDate } from '../ingest/dates.ts';
import { openSource } from '../ingest/source.ts';
import { concatRaw } from '../segment/describe-stage.ts';
import type { SegmentEvidence, StageReport } from '../types.ts';
import { evidenceStage } from './evidence-stage.ts';
import { maskPii } from './pii.ts';
import { pseudonymise } from './pseudonym.ts';

const file = resolve(import.meta.dirname, '../../../shared/data/twcs_sample/twcs_sample.csv');
const present = existsSync(file);
if (!present) console.warn(`skipping evidence tests on real tweets: ${file} is absent`);

interface Tweet {
  readonly textId: string;
  readonly customerId: string;
  readonly body: string;
  readonly at: number | null;
}

describe.skipIf(!present)('evidence on real customer-support tweets', () => {
  let tweets: Tweet[] = [];
  let companies: string[] = [];
  let customerIds: string[] = [];
  let labels: Int32Array = new Int32Array(0);
  let segments: SegmentEvidence[][] = [];
  let report: StageReport;
  const salt = 'run-42-1';

  beforeAll(async () => {
    const source = await openSource(file);
    const col = (name: string) => source.header.indexOf(name);
    const [id, author, inbound, created, body] = [col('tweet_id'), col('author_id'), col('inbound'), col('created_at'), col('text')];
    const companySet = new Set<string>();
    for await (const batch of source.batches()) {
      for (const r of batch) {
        const v = r.values;
        if (v[inbound] === 'True') tweets.push({ textId: v[id] as string, customerId: v[author] as string, body: v[body] ?? '', at: parseDate(v[created] ?? '', 'twitter') });
        else companySet.add(v[author] as string);
      }
    }
    companies = [...companySet].sort();
    customerIds = [...new Set(tweets.map((t) => t.customerId))].sort();
    const features = buildFeatures({ customerIds, texts: tweets.map((t) => ({ customerId: t.customerId, at: t.at, body: t.body, replyToId: null })) });
    const behaviour = features.blocks.find((b) => b.name === 'behavioural')!;
    const clustering = fitKMeans(behaviour.scaled, createRng(42), { k: 6, restarts: 2 });
    labels = clustering.labels;
    const { raw, columns } = concatRaw(features.blocks, customerIds.length);
    ({ segments, report } = evidenceStage({
      space: behaviour.scaled,
      labels,
      clusterCount: clustering.clusterCount,
      customerIds,
      texts: tweets,
      salt,
      keepHandles: companies,
      columns,
      raw,
      keyFeatures: [],
    }));
  });

  it('reads the 2,778 inbound tweets of 1,443 customers', () => {
    expect(tweets).toHaveLength(2778);
    expect(customerIds).toHaveLength(1443);
    expect(companies).toContain('AmazonHelp');
  });

  it('quotes at least three real tweets per segment, each the masked tweet of one of its customers', () => {
    const byId = new Map(tweets.map((t) => [t.textId, t]));
    const rowOf = new Map(customerIds.map((c, i) => [pseudonymise(c, salt), i]));
    segments.forEach((items, s) => {
      const quotes = items.filter((e) => e.kind === 'text');
      expect(quotes.length).toBeGreaterThanOrEqual(3);
      for (const q of quotes) {
        const source = byId.get(q.textId)!;
        expect(q.text).toBe(maskPii(source.body.trim(), { keepHandles: companies }).text);
        expect(pseudonymise(source.customerId, salt)).toBe(q.customerId);
        expect(labels[rowOf.get(q.customerId)!]).toBe(s);
        expect(q.text.length).toBeGreaterThanOrEqual(20);
        expect(q.text.length).toBeLessThanOrEqual(400);
      }
    });
  });

  it('leaves no email, phone, card number or private handle in any quote', () => {
    const keep = new Set(companies.map((c) => c.toLowerCase()));
    for (const item of segments.flat()) {
      if (item.kind !== 'text') continue;
      expect(item.text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      expect(item.text).not.toMatch(/\+?\(?\d[\d\s().-]{8,}\d/);
      expect(item.text).not.toMatch(/\d{9,}/);
      for (const handle of item.text.match(/@\w+/g) ?? []) expect(handle === '@user' || keep.has(handle.slice(1).toLowerCase()), `${handle} in ${item.text}`).toBe(true);
    }
    // Inbound tweets mention private accounts all the time: masking did happen.
    expect(report.counts!.masked_handle).toBeGreaterThan(0);
  });

  it('masks every risky tweet of the file', () => {
    const risky = tweets.filter((t) => /__email__|__credit_card__|\+\d{2}[\d\s-]{8,}|\(\d{3}\)\s?\d{3}-\d{4}|\b\d{10,}\b/.test(t.body));
    expect(risky.length).toBeGreaterThanOrEqual(10);
    for (const t of risky) {
      const masked = maskPii(t.body, { keepHandles: companies }).text;
      expect(masked).not.toMatch(/__email__|__credit_card__|\+\d{2}[\d\s-]{8,}|\(\d{3}\)\s?\d{3}-\d{4}|\b\d{10,}\b/);
    }
  });
});
