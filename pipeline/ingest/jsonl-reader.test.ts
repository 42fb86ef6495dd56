import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';
import { cell } from './jsonl-reader.ts';
import { openSource, type OpenedSource, type SourceOptions } from './source.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-jsonl-'));
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

async function failure(path: string, options?: SourceOptions): Promise<PersonaError> {
  try {
    await readAll(await openSource(path, options));
  } catch (err) {
    if (err instanceof PersonaError) return err;
    throw err;
  }
  throw new Error(`expected ${path} to fail`);
}

function expectError(err: PersonaError, path: string, code: string, row: number, column?: string): void {
  expect(err.code).toBe(code);
  expect(err.location).toMatchObject({ file: path, row, ...(column ? { column } : {}) });
  expect(err.message).toContain(path);
  expect(err.message).toContain(`row ${row}`);
  if (column) expect(err.message).toContain(`"${column}"`);
}

const lines = (...objects: unknown[]) => `${objects.map((o) => JSON.stringify(o)).join('\n')}\n`;

describe('JSON Lines', () => {
  it('builds the header from keys in first-seen order and converts values', async () => {
    const path = file('a.jsonl', lines({ id: 1, text: 'hi' }, { id: 2, tags: ['x', 'y'], ok: true }, { id: 3, text: '', meta: { a: 1 }, ok: null }));
    const s = await openSource(path);
    expect(s).toMatchObject({ format: 'jsonl', delimiter: null, compressed: false, header: ['id', 'text', 'tags', 'ok', 'meta'] });
    expect(await readAll(s)).toEqual([
      { row: 1, values: ['1', 'hi', null, null, null] },
      { row: 2, values: ['2', null, '["x","y"]', 'true', null] },
      { row: 3, values: ['3', null, null, null, '{"a":1}'] },
    ]);
  });

  it('numbers rows by line, counting skipped blank lines; CRLF and a BOM are fine', async () => {
    const s = await openSource(file('b.ndjson', '\uFEFF{"a": 1}\r\n\r\n  \r\n{"a": 2.5}\r\n'));
    expect(await readAll(s)).toEqual([
      { row: 1, values: ['1'] },
      { row: 4, values: ['2.5'] },
    ]);
  });

  it('keeps every digit of integers too long for a double', async () => {
    const text = '{"id": 1180000000000000001, "n": -12345678901234567890, "x": 1.5e300, "t": "call 12345678901234567890 \\" 98765432109876543210"}\n';
    const s = await openSource(file('big.jsonl', text));
    expect((await readAll(s))[0]?.values).toEqual(['1180000000000000001', '-12345678901234567890', '1.5e+300', 'call 12345678901234567890 " 98765432109876543210']);
  });

  it('reads gzip and files named only by content', async () => {
    const gz = await openSource(file('c.json.gz', gzipSync(lines({ a: 'x' }, { a: 'y' }))));
    expect(gz.compressed).toBe(true);
    expect((await readAll(gz)).map((r) => r.values[0])).toEqual(['x', 'y']);
    expect((await openSource(file('noext', lines({ a: 1 })))).format).toBe('jsonl');
  });

  it('keeps keys that first appear within the first 1,000 lines, in batches', async () => {
    const objects: object[] = Array.from({ length: 999 }, (_, i) => ({ id: i }));
    objects.push({ id: 999, late: 'yes' }, { id: 1000 });
    const s = await openSource(file('d.jsonl', lines(...objects)), { batchSize: 400 });
    expect(s.header).toEqual(['id', 'late']);
    const sizes: number[] = [];
    for await (const b of s.batches()) sizes.push(b.length);
    expect(sizes).toEqual([400, 400, 201]);
    expect((await readAll(s))[999]).toEqual({ row: 1000, values: ['999', 'yes'] });
  });

  it('ragged_row for a key first seen after the header lines', async () => {
    const objects: object[] = Array.from({ length: 1200 }, (_, i) => ({ id: i }));
    objects.push({ id: 1200, surprise: 1 });
    const path = file('e.jsonl', lines(...objects));
    expectError(await failure(path), path, 'ragged_row', 1201, 'surprise');
  });

  it('bad_value for invalid JSON or a line that is not an object', async () => {
    const broken = file('f.jsonl', '{"a": 1}\n{"a": 2}\n{"a": \n');
    expectError(await failure(broken), broken, 'bad_value', 3);
    const array = file('g.jsonl', '{"a": 1}\n\n[1, 2]\n');
    expectError(await failure(array), array, 'bad_value', 3);
    const late = file('h.jsonl', `${lines(...Array.from({ length: 1500 }, (_, i) => ({ a: i })))}42\n`);
    expectError(await failure(late), late, 'bad_value', 1501);
  });

  it('bad_encoding names the line', async () => {
    const path = file('i.jsonl', Buffer.concat([Buffer.from('{"a": "ok"}\n{"a": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    expectError(await failure(path), path, 'bad_encoding', 2);
  });

  it('field_too_large names line and column', async () => {
    const path = file('j.jsonl', lines({ id: 1, note: 'short' }, { id: 2, note: 'x'.repeat(500) }));
    expectError(await failure(path, { maxFieldBytes: 100 }), path, 'field_too_large', 2, 'note');
  });

  it('a file of empty objects has no columns', async () => {
    const path = file('k.jsonl', '{}\n{}\n');
    expect((await failure(path)).code).toBe('empty_file');
  });
});

describe('cell', () => {
  it('renders JSON values as raw strings', () => {
    expect([cell('a'), cell(''), cell(0), cell(-1.5), cell(false), cell(null), cell(undefined), cell([1]), cell({ b: null })]).toEqual([
      'a', null, '0', '-1.5', 'false', null, null, '[1]', '{"b":null}',
    ]);
  });
});
