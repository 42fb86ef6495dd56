/** Column roles inferred on the shared real files (skipped when ../shared/data is absent). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SourceKind } from '../types.ts';
import { ColumnStats } from './column-stats.ts';
import { createParser, inferColumns } from './roles.ts';

// ---------------------------------------------------------------------------------------------
// The real files (skipped when ../shared/data is absent)

const dataDir = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const present = existsSync(dataDir);
if (!present) console.warn(`skipping the real-data role tests: ${dataDir} is absent`);

/** Quote-aware split of one record; "" is an escaped quote. */
function splitQuoted(line: string, delim: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (line[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delim) out.push(field), (field = '');
    else field += c;
  }
  out.push(field);
  return out;
}

/**
 * Just enough CSV for these files: records end at LF (CRLF trimmed); a record with an odd number of
 * quotes continues on the next line; a bare CR inside an unquoted field (twcs tweet 3399) stays in it.
 */
function readTable(file: string, delim: string): { header: string[]; rows: string[][] } {
  const buf = readFileSync(`${dataDir}/${file}`);
  const lines = (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records: string[][] = [];
  let pending: string | null = null;
  for (const line of lines) {
    const text: string = pending === null ? line : `${pending}\n${line}`;
    if (!text.includes('"')) {
      records.push(text.replace(/\r$/, '').split(delim));
      pending = null;
    } else if ((text.split('"').length - 1) % 2 === 1) {
      pending = text;
    } else {
      records.push(splitQuoted(text.replace(/\r$/, ''), delim));
      pending = null;
    }
  }
  const header = (records.shift() as string[]).map((h, i) => (h === '' ? `unnamed_${i}` : h));
  return { header, rows: records };
}

function inferFile(file: string, delim: string, kind: SourceKind) {
  const { header, rows } = readTable(file, delim);
  const columns = header.map((h) => new ColumnStats(h));
  for (const row of rows) for (let i = 0; i < columns.length; i++) (columns[i] as ColumnStats).observe(row[i] ?? null);
  const plans = inferColumns(kind, columns);
  // Pass 2: every cell through its column's parser; no cell of these files should fail.
  const invalid: Record<string, number> = {};
  const parsers = plans.map((p) => createParser(p.parser));
  for (const row of rows) {
    parsers.forEach((parse, i) => {
      const r = parse(row[i] ?? null);
      if (r && !r.ok) invalid[header[i] as string] = (invalid[header[i] as string] ?? 0) + 1;
    });
  }
  const role = Object.fromEntries(plans.map((p) => [p.name, p.role]));
  const parser = Object.fromEntries(plans.map((p) => [p.name, p.parser]));
  return { rows: rows.length, plans, role, parser, invalid };
}

describe.skipIf(!present)('inferColumns on the real datasets', () => {
  it('marketing_campaign.csv (customers, TAB)', () => {
    const r = inferFile('customer_personality/marketing_campaign.csv', '\t', 'customers');
    expect(r.rows).toBe(2240);
    expect(r.role).toMatchObject({
      ID: 'id', Year_Birth: 'numeric', Education: 'categorical', Marital_Status: 'categorical', Income: 'numeric',
      Dt_Customer: 'datetime', AcceptedCmp1: 'boolean', Complain: 'boolean', Response: 'boolean', Kidhome: 'numeric',
      Z_CostContact: 'numeric', Z_Revenue: 'numeric', MntWines: 'numeric',
    });
    expect(r.parser).toMatchObject({ Year_Birth: 'integer', Dt_Customer: 'date:dmy', AcceptedCmp1: 'boolean01', Complain: 'boolean01', Response: 'boolean01' });
    expect(r.plans.find((p) => p.name === 'Dt_Customer')?.reason).toBe('values are dates (dd-mm-yyyy), 2,240/2,240');
    expect(r.plans.every((p) => p.role !== 'ignore')).toBe(true);
    expect(r.invalid).toEqual({});
  });

  it('online_retail.csv.gz (transactions)', () => {
    const r = inferFile('online_retail/online_retail.csv.gz', ',', 'transactions');
    expect(r.rows).toBe(541_909);
    expect(r.role).toEqual({
      InvoiceNo: 'order_id', StockCode: 'categorical', Description: 'categorical', Quantity: 'quantity',
      InvoiceDate: 'datetime', UnitPrice: 'price', CustomerID: 'customer_id', Country: 'categorical',
    });
    expect(r.parser).toMatchObject({ InvoiceDate: 'date:iso', Quantity: 'integer', UnitPrice: 'number' });
    expect(r.invalid).toEqual({});
  });

  it('twcs_sample.csv (texts)', () => {
    const r = inferFile('twcs_sample/twcs_sample.csv', ',', 'texts');
    expect(r.rows).toBe(5000);
    expect(r.role).toEqual({
      unnamed_0: 'index', tweet_id: 'id', author_id: 'customer_id', inbound: 'author_type', created_at: 'datetime',
      text: 'text', response_tweet_id: 'replies', in_response_to_tweet_id: 'reply_to',
    });
    expect(r.parser).toMatchObject({ created_at: 'date:twitter', inbound: 'boolean' });
    expect(r.plans.find((p) => p.name === 'inbound')?.reason).toBe('inbound: true = customer');
    expect(r.invalid).toEqual({});
  });

  it('Mall_Customers.csv (customers, CRLF)', () => {
    const r = inferFile('mall_customers/Mall_Customers.csv', ',', 'customers');
    expect(r.rows).toBe(200);
    expect(r.role).toEqual({
      CustomerID: 'id', Genre: 'categorical', Age: 'numeric', 'Annual Income (k$)': 'numeric', 'Spending Score (1-100)': 'numeric',
    });
    expect(r.invalid).toEqual({});
  });
});
