import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';
import { normaliseHeader, openSource, type OpenedSource, type SourceOptions } from './source.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-source-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function readAll(source: OpenedSource): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const batch of source.batches()) out.push(...batch);
  return out;
}

/** Opens and reads the whole file, returning the PersonaError it fails with. */
async function failure(path: string, options?: SourceOptions): Promise<PersonaError> {
  try {
    await readAll(await openSource(path, options));
  } catch (err) {
    if (err instanceof PersonaError) return err;
    throw err;
  }
  throw new Error(`expected ${path} to fail`);
}

/** The error has the code, and its message names the file and (where given) the row and column. */
function expectError(err: PersonaError, path: string, code: string, row?: number, column?: string): void {
  expect(err.code).toBe(code);
  expect(err.location.file).toBe(path);
  expect(err.message).toContain(path);
  if (row !== undefined) {
    expect(err.location.row).toBe(row);
    expect(err.message).toContain(`row ${row}`);
  }
  if (column !== undefined) {
    expect(err.location.column).toBe(column);
    expect(err.message).toContain(`"${column}"`);
  }
}

describe('openSource: delimited text', () => {
  it('reads header and records; empty fields, quoted or not, are null', async () => {
    const s = await openSource(file('basic.csv', 'id,name,city\n1,Ann,\n2,"",York\n3,"Smith, J","a\nb"\n'));
    expect(s).toMatchObject({ format: 'csv', compressed: false, delimiter: ',', header: ['id', 'name', 'city'] });
    expect(await readAll(s)).toEqual([
      { row: 2, values: ['1', 'Ann', null] },
      { row: 3, values: ['2', null, 'York'] },
      { row: 4, values: ['3', 'Smith, J', 'a\nb'] },
    ]);
  });

  it('handles CRLF, a BOM and a missing final line break', async () => {
    const s = await openSource(file('crlf.csv', '\uFEFFCustomerID,Genre\r\n0001,Male\r\n0002,Female'));
    expect(s.header).toEqual(['CustomerID', 'Genre']);
    expect((await readAll(s)).map((r) => r.values)).toEqual([['0001', 'Male'], ['0002', 'Female']]);
  });

  it('reads old Mac files that end lines with a bare CR', async () => {
    const s = await openSource(file('mac.csv', 'a,b\r1,2\r3,"x\ry"\r'));
    expect((await readAll(s)).map((r) => [r.row, ...r.values])).toEqual([[2, '1', '2'], [3, '3', 'x\ry']]);
  });

  it('keeps a bare CR in an unquoted field and counts the repair, once per pass', async () => {
    const s = await openSource(file('cr.csv', 'id,text\n1,@AskPayPal \r\rI just love it\n2,ok\n'));
    expect(s.repairs).toEqual({});
    const records = await readAll(s);
    expect(records).toHaveLength(2);
    expect(records[0]?.values[1]).toBe('@AskPayPal \r\rI just love it');
    expect(s.repairs).toEqual({ bare_cr_in_field: 1 });
    await readAll(s);
    expect(s.repairs).toEqual({ bare_cr_in_field: 1 });
  });

  it('skips and counts blank lines in the data but not at the end', async () => {
    const s = await openSource(file('blank.csv', 'a,b\n1,2\n\n3,4\n\n\n'));
    expect((await readAll(s)).map((r) => r.row)).toEqual([2, 4]);
    expect(s.repairs).toEqual({ blank_lines: 1 });
  });

  it('normalises header names', async () => {
    const s = await openSource(file('header.csv', ',tweet_id, name ,name,name,\n0,1,a,b,c,d\n'));
    expect(s.header).toEqual(['unnamed_0', 'tweet_id', 'name', 'name_2', 'name_3', 'unnamed_5']);
    expect(normaliseHeader(['a', 'a', 'a_2'])).toEqual(['a', 'a_3', 'a_2']);
  });

  it('sniffs tab and semicolon delimiters; .tsv is only a hint', async () => {
    expect((await openSource(file('t.txt', 'a\tb\tc\n1\t2,5\t3\n'))).delimiter).toBe('\t');
    expect((await openSource(file('s.csv', 'a;b;c\n1;2,5;3\n'))).delimiter).toBe(';');
    expect((await openSource(file('comma.tsv', 'a,b,c\n1,2,3\n'))).delimiter).toBe(',');
  });

  it('reads a one-column file', async () => {
    const s = await openSource(file('texts.csv', 'review\nGreat, really great\nBad; very\n'));
    expect(s.header).toEqual(['review']);
    expect((await readAll(s)).map((r) => r.values[0])).toEqual(['Great, really great', 'Bad; very']);
  });

  it('uses a forced delimiter, spelled as in a config', async () => {
    const s = await openSource(file('forced.txt', 'a\tb\n1\t2\n'), { delimiter: '\\t' });
    expect(s.delimiter).toBe('\t');
  });

  it('detects gzip by its bytes, with or without .gz in the name', async () => {
    const text = 'id,v\n1,a\n2,b\n';
    for (const name of ['z.csv.gz', 'z-no-ext.csv']) {
      const s = await openSource(file(name, gzipSync(text)));
      expect(s.compressed).toBe(true);
      expect((await readAll(s)).map((r) => r.values)).toEqual([['1', 'a'], ['2', 'b']]);
    }
  });

  it('streams in batches and can be read again', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `${i},x${i}`);
    const s = await openSource(file('batches.csv', `id,v\n${lines.join('\n')}\n`), { batchSize: 10 });
    const sizes: number[] = [];
    for await (const batch of s.batches()) sizes.push(batch.length);
    expect(sizes).toEqual([10, 10, 5]);
    expect((await readAll(s)).at(-1)).toEqual({ row: 26, values: ['24', 'x24'] });
  });

  it('decodes characters and quoted fields that straddle read chunks', async () => {
    // Rows of 3-byte characters put a character across every 64 KiB chunk boundary sooner or later.
    const lines = Array.from({ length: 8000 }, (_, i) => `${i},"€${'é'.repeat(i % 7)}\n€",ok`);
    const s = await openSource(file('wide.csv', `id,text,flag\n${lines.join('\n')}\n`));
    const records = await readAll(s);
    expect(records).toHaveLength(8000);
    expect(records.every((r, i) => r.values[1] === `€${'é'.repeat(i % 7)}\n€` && r.values[2] === 'ok')).toBe(true);
  });
});

describe('openSource: errors name file, row and column', () => {
  it('file_not_found', async () => {
    const path = join(dir, 'missing.csv');
    expectError(await failure(path), path, 'file_not_found');
  });

  it('empty_file: 0 bytes, or only whitespace and a BOM', async () => {
    for (const [name, content] of [['empty.csv', ''], ['ws.csv', '\uFEFF \n\r\n\t\n'], ['empty.csv.gz', gzipSync('')]] as const) {
      const path = file(name, content);
      expectError(await failure(path), path, 'empty_file');
    }
  });

  it('header_only', async () => {
    for (const [name, content] of [['h1.csv', 'customer_id,age\n'], ['h2.csv', 'customer_id,age'], ['h3.csv', 'a,b\r\n\r\n\r\n']] as const) {
      const path = file(name, content);
      expectError(await failure(path), path, 'header_only', 1);
    }
  });

  it('not_text: NUL bytes or UTF-16', async () => {
    const binary = file('binary.csv', new Uint8Array([0x41, 0x42, 0x2c, 0x43, 0, 0, 0, 1, 2, 3, 0, 0]));
    expectError(await failure(binary), binary, 'not_text');
    // A recognisable container is named even when the extension claims text.
    const zip = file('zipped.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3, 0, 0]));
    expectError(await failure(zip), zip, 'unsupported_format');
    const utf16 = file('utf16.csv', Buffer.from('\uFEFFa,b\n1,2\n', 'utf16le'));
    const err = await failure(utf16);
    expectError(err, utf16, 'not_text');
    expect(err.message).toContain('UTF-16');
  });

  it('unsupported_format: spreadsheets, archives, JSON arrays, gzipped Parquet', async () => {
    const cases: [string, string | Uint8Array][] = [
      ['book.xlsx', 'whatever'],
      ['noext', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
      ['array.json', '[{"a": 1}, {"a": 2}]'],
      ['data.parquet.gz', gzipSync('PAR1')],
    ];
    for (const [name, content] of cases) {
      const path = file(name, content);
      expectError(await failure(path), path, 'unsupported_format');
    }
  });

  it('wrong_delimiter says which delimiter the file seems to use', async () => {
    const path = file('comma.csv', 'id,name,age\n1,Ann,30\n2,Bob,41\n');
    const err = await failure(path, { delimiter: ';' });
    expectError(err, path, 'wrong_delimiter', 1);
    expect(err.message).toContain('comma');
    expect(err.message).toContain('3 columns');
  });

  it('bad_encoding names the row and column of the first bad byte', async () => {
    const latin1 = Buffer.concat([Buffer.from('customer_id,city\nA1,Leeds\nA2,'), Buffer.from([0xe9, 0x74, 0xe9]), Buffer.from('\n')]);
    const path = file('latin1.csv', latin1);
    const err = await failure(path);
    expectError(err, path, 'bad_encoding', 3, 'city');
    expect(err.message).toContain('0xe9');
    // Far into the file, after several read chunks.
    const rows = Array.from({ length: 6000 }, (_, i) => `${i},plain text ${i}`).join('\n');
    const late = file('late.csv', Buffer.concat([Buffer.from(`id,text\n${rows}\n6000,caf`), Buffer.from([0xe9]), Buffer.from('\n')]));
    expectError(await failure(late), late, 'bad_encoding', 6002, 'text');
    const cut = file('cut.csv', Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xe2, 0x82])]));
    expectError(await failure(cut), cut, 'bad_encoding', 2, 'b');
  });

  it('bad_encoding for damaged gzip data', async () => {
    const whole = gzipSync(`id,v\n${Array.from({ length: 20000 }, (_, i) => `${i},${i * 7}`).join('\n')}\n`);
    const path = file('cut.csv.gz', whole.subarray(0, Math.floor(whole.length * 0.8)));
    expectError(await failure(path), path, 'bad_encoding');
  });

  it('ragged_row names the first missing or extra column', async () => {
    const short = file('ragged.csv', 'customer_id,age,city\nA1,34,Leeds\nA2,51\n');
    const err = await failure(short);
    expectError(err, short, 'ragged_row', 3, 'city');
    expect(err.message).toContain('expected 3 fields, found 2');
    const long = file('long.csv', 'a,b\n1,2\n"x\ny",2\n3,4,5,6\n');
    const err2 = await failure(long);
    expectError(err2, long, 'ragged_row', 4, '(extra field 3)');
    expect(err2.message).toContain('expected 2 fields, found 4');
    expect(err2.message).toContain('"b"');
  });

  it('field_too_large stops a 10 MB field at the limit', async () => {
    const path = file('huge.csv', `customer_id,note\nA1,short\nA2,${'x'.repeat(10 * 1024 * 1024)}\n`);
    const err = await failure(path);
    expectError(err, path, 'field_too_large', 3, 'note');
    expect(err.message).toContain('1,048,576 bytes');
    const open = file('unclosed.csv', `id,text\n1,"never closed ${'y'.repeat(300)}\n2,b\n`);
    expectError(await failure(open, { maxFieldBytes: 100 }), open, 'field_too_large', 2, 'text');
  });
});
