import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv-write.ts';
import { generateSample } from './generate.ts';
import { writeSampleFiles } from './write-files.ts';

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('csv-write', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(19.99)).toBe('19.99');
    expect(csvField(0.1 + 0.2)).toBe('0.3');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
  });

  it('round-trips through a quote-aware parser', () => {
    const rows = [['1', 'Hi, "you"\nthere'], ['2', '']];
    expect(parseCsv(toCsv(['id', 'text'], rows))).toEqual([['id', 'text'], ...rows]);
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow(RangeError);
  });
});

describe('writeSampleFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'persona-sample-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const data = generateSample({ customers: 120, seed: 11 });
  const paths = writeSampleFiles(join(dir, 'nested'), data);
  const read = (p: string) => parseCsv(readFileSync(p, 'utf8'));

  it('writes the three files with the exact headers', () => {
    expect(paths.customers.endsWith('customers.csv')).toBe(true);
    expect(paths.transactions.endsWith('transactions.csv')).toBe(true);
    expect(paths.texts.endsWith('texts.csv')).toBe(true);
    expect(read(paths.customers)[0]).toEqual([
      'customer_id', 'signup_date', 'age', 'gender', 'income', 'country', 'city_size', 'household_size', 'preferred_device',
      'newsletter_opt_in', 'planted_segment',
    ]);
    expect(read(paths.transactions)[0]).toEqual(['order_id', 'customer_id', 'order_date', 'product', 'category', 'quantity', 'unit_price', 'channel']);
    expect(read(paths.texts)[0]).toEqual(['text_id', 'customer_id', 'created_at', 'channel', 'text']);
  });

  it('parses back to the generated values, one record per row', () => {
    const customers = read(paths.customers).slice(1);
    expect(customers).toHaveLength(data.customers.length);
    expect(customers[0]).toEqual([
      data.customers[0]?.customerId, data.customers[0]?.signupDate, String(data.customers[0]?.age), data.customers[0]?.gender,
      String(data.customers[0]?.income), data.customers[0]?.country, data.customers[0]?.citySize, String(data.customers[0]?.householdSize),
      data.customers[0]?.preferredDevice, String(data.customers[0]?.newsletterOptIn), data.customers[0]?.plantedSegment,
    ]);

    const transactions = read(paths.transactions).slice(1);
    expect(transactions).toHaveLength(data.transactions.length);
    transactions.forEach((r, i) => {
      const t = data.transactions[i];
      expect(r).toEqual([t?.orderId, t?.customerId, t?.orderDate, t?.product, t?.category, String(t?.quantity), String(t?.unitPrice), t?.channel]);
    });

    const texts = read(paths.texts).slice(1);
    expect(texts).toHaveLength(data.texts.length);
    texts.forEach((r, i) => expect(r).toEqual([data.texts[i]?.textId, data.texts[i]?.customerId, data.texts[i]?.createdAt, data.texts[i]?.channel, data.texts[i]?.text]));
    // The interesting cases really occur: commas, quotes and line breaks inside text fields.
    expect(texts.some((r) => r[4]?.includes('"'))).toBe(true);
    expect(texts.some((r) => r[4]?.includes('\n'))).toBe(true);
  });

  it('writes the same bytes for the same data', () => {
    const again = writeSampleFiles(join(dir, 'again'), generateSample({ customers: 120, seed: 11 }));
    for (const k of ['customers', 'transactions', 'texts'] as const) {
      expect(readFileSync(again[k], 'utf8')).toBe(readFileSync(paths[k], 'utf8'));
    }
  });
});
