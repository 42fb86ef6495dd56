/** The text filter on the first 5,000 rows of the customer-support tweets (skipped without ../shared/data). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { QualityText } from '../types.ts';
import { filterTexts } from './filter-texts.ts';

const dataDir = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const file = `${dataDir}/twcs_sample/twcs_sample.csv`;
const present = existsSync(dataDir);
if (!present) console.warn(`skipping the real-data quality test: ${dataDir} is absent`);

/**
 * Quote-aware CSV: only "\n" (with an optional "\r" before it) ends a record outside quotes, so the bare
 * carriage returns inside one unquoted field stay in that field; quoted fields may hold newlines and "".
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) records.push([...record, field]);
  return records;
}

describe.skipIf(!present)('filterTexts on twcs_sample.csv', () => {
  it('drops company replies and reports every step', () => {
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    expect(header).toEqual(['', 'tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id']);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    const texts: QualityText[] = rows.map((r) => ({ id: r[1] as string, authorId: r[2] as string, text: r[5] as string, isCustomer: r[3] === 'True' }));
    expect(texts.find((x) => x.id === '3399')?.text).toContain('\r');

    const { verdicts, report } = filterTexts(texts);
    expect(texts).toHaveLength(5000);
    expect(report.counts?.non_customer).toBe(2222);
    const inbound = texts.filter((x) => x.isCustomer);
    expect(report.table[1]).toMatchObject({ step: 'non_customer', before: 5000, dropped: 2222, after: 2778 });
    expect(inbound).toHaveLength(2778);
    expect(new Set(inbound.map((x) => x.authorId)).size).toBe(1443);
    expect(verdicts).toHaveLength(5000);
    expect(verdicts.filter((v) => v.kept).length).toBe(report.table.at(-1)?.after);
    expect(JSON.stringify(filterTexts(texts).verdicts)).toBe(JSON.stringify(verdicts));
  });
});
