/**
 * A corpus of hostile and careless data files, generated (never read from real data): each with what
 * an import must say about it. Files that must be refused carry the error code and the words the
 * message must contain; files that import with a warning carry the warning's code.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SourceKind } from '../../pipeline/types.ts';
import { damagedParquet } from './damaged-parquet.ts';

export interface BadInput {
  readonly name: string;
  readonly file: string;
  readonly kind?: SourceKind;
  /** Refused: the error code and a pattern the message must match. */
  readonly refuse?: { readonly code: string; readonly message: RegExp; readonly row?: boolean; readonly column?: boolean };
  /** Imported with a warning in the report. */
  readonly warn?: { readonly code: string; readonly invalid?: number };
}

/** Deterministic bytes (a tiny LCG) so the corpus is the same on every run. */
function noise(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

export function writeBadInputs(dir: string): BadInput[] {
  mkdirSync(dir, { recursive: true });
  const list: BadInput[] = [];
  const add = (name: string, content: string | Buffer | null, spec: Omit<BadInput, 'name' | 'file'>, file = name): void => {
    const path = join(dir, file);
    if (content !== null) writeFileSync(path, content);
    list.push({ name, file: path, ...spec });
  };
  const people = rows(12, (i) => `c${i},${20 + i},${i % 2 ? 'red' : 'blue'}`);

  // Binary and damaged files
  add('random-bytes.csv', noise(4096, 1), { refuse: { code: 'not_text', message: /binary|not UTF-8|not text/i } });
  add('random-bytes-noext', noise(4096, 2), { refuse: { code: 'not_text', message: /binary|not UTF-8|not text/i } });
  add('high-bytes.csv', Buffer.concat([Buffer.from('id,name\n'), noise(2000, 3).map((b) => b | 0x80)]), { refuse: { code: 'bad_encoding', message: /UTF-8/, row: true } });
  add('png-image.csv', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(500, 4)]), { refuse: { code: 'unsupported_format', message: /PNG image/ } });
  add('jpeg-noext', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise(500, 10)]), { refuse: { code: 'unsupported_format', message: /JPEG image/ } });
  add('control-chars.csv', Buffer.from(Array.from({ length: 3000 }, (_, i) => 1 + (i % 8))), { refuse: { code: 'not_text', message: /looks binary: \d+% .*control characters/ } });
  add('sqlite.db', Buffer.concat([Buffer.from('SQLite format 3\u0000'), noise(200, 11)]), { refuse: { code: 'unsupported_format', message: /SQLite/ } });
  add('zip-noext', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(300, 5)]), { refuse: { code: 'unsupported_format', message: /ZIP/ } });
  add('report.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), { refuse: { code: 'unsupported_format', message: /PDF/ } });
  add('sheet.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { refuse: { code: 'unsupported_format', message: /Excel/ } });
  add('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,age\nA,3\n', 'utf16le')]), { refuse: { code: 'not_text', message: /UTF-16/ } });
  add('nul-in-middle.csv', Buffer.from(`id,age\n${rows(5, (i) => `x${i},${i}`)}\nx9,1\u00002\n`), { refuse: { code: 'not_text', message: /NUL|binary/, row: true } });
  add('latin1.csv', Buffer.concat([Buffer.from('id,city\na,'), Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]), Buffer.from('\nb,Rome\n')]), { refuse: { code: 'bad_encoding', message: /UTF-8/, row: true, column: true } });
  add('truncated.csv.gz', gzipSync(Buffer.from(`id,age\n${rows(2000, (i) => `k${i},${i}`)}\n`)).subarray(0, 600), { refuse: { code: 'bad_encoding', message: /gzip/ } });
  add('gzip-of-binary.csv.gz', gzipSync(noise(3000, 6)), { refuse: { code: 'not_text', message: /binary|not UTF-8|not text/i } });

  // Corrupt Parquet
  add('garbage.parquet', Buffer.concat([Buffer.from('PAR1'), noise(2000, 7), Buffer.from('PAR1')]), { refuse: { code: 'unsupported_format', message: /not a readable Parquet file/ } });
  const hugeFooter = Buffer.alloc(4);
  hugeFooter.writeUInt32LE(1_000_000);
  add('footer-too-long.parquet', Buffer.concat([Buffer.from('PAR1'), noise(100, 8), hugeFooter, Buffer.from('PAR1')]), { refuse: { code: 'unsupported_format', message: /not a readable Parquet file/ } });
  add('magic-only.parquet', Buffer.from('PAR1PAR1'), { refuse: { code: 'unsupported_format', message: /not a readable Parquet file/ } });
  add('text-named.parquet', Buffer.from('id,age\na,1\n'), { refuse: { code: 'unsupported_format', message: /not a readable Parquet file/ } });
  const smallFooter = Buffer.alloc(4);
  smallFooter.writeUInt32LE(40);
  add('bad-thrift.parquet', Buffer.concat([Buffer.from('PAR1'), noise(200, 9), smallFooter, Buffer.from('PAR1')]), { refuse: { code: 'unsupported_format', message: /not a readable Parquet file/ } });

  // Valid magic and footer, damaged pages: found only when the last row group is decoded.
  const damaged = { message: /page data is damaged/, row: true, column: true } as const;
  add('damaged-gzip-pages.parquet', damagedParquet({ rows: 40, rowsPerGroup: 15, codec: 2, damage: (n) => noise(n, 12) }), { refuse: { code: 'bad_value', ...damaged } });
  add('damaged-plain-pages.parquet', damagedParquet({ rows: 40, rowsPerGroup: 15, codec: 0, damage: (n) => Buffer.alloc(n, 0xff) }), { refuse: { code: 'bad_value', ...damaged } });

  // Special files
  const fifo = join(dir, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  list.push({ name: 'fifo', file: fifo, refuse: { code: 'unsupported_format', message: /FIFO|pipe/i } });
  symlinkSync(join(dir, 'loop-b.csv'), join(dir, 'loop-a.csv'));
  symlinkSync(join(dir, 'loop-a.csv'), join(dir, 'loop-b.csv'));
  list.push({ name: 'symlink-loop', file: join(dir, 'loop-a.csv'), refuse: { code: 'file_not_found', message: /symbolic link|symlink/i } });
  symlinkSync(join(dir, 'nowhere.csv'), join(dir, 'dangling.csv'));
  list.push({ name: 'dangling-symlink', file: join(dir, 'dangling.csv'), refuse: { code: 'file_not_found', message: /symbolic link|symlink/i } });
  mkdirSync(join(dir, 'a-folder.csv'));
  list.push({ name: 'folder', file: join(dir, 'a-folder.csv'), refuse: { code: 'unsupported_format', message: /folder/ } });
  list.push({ name: 'missing', file: join(dir, 'missing.csv'), refuse: { code: 'file_not_found', message: /not found/ } });

  // Empty and shapeless
  add('empty.csv', '', { refuse: { code: 'empty_file', message: /empty/ } });
  add('whitespace.csv', ' \n\n \t\n', { refuse: { code: 'empty_file', message: /no content/ } });
  add('header-only.csv', 'id,age,colour\n', { refuse: { code: 'header_only', message: /no data rows/, row: true } });
  add('bom-header-only.csv', '\ufeffid,age\r\n', { refuse: { code: 'header_only', message: /no data rows/, row: true } });
  add('only-delimiters.csv', ',,,\n,,,\n,,,\n', { refuse: { code: 'no_id_column', message: /id column/ } });
  add('ragged.csv', `id,age,colour\n${people}\nc99,40\n`, { refuse: { code: 'ragged_row', message: /expected 3 fields/, row: true, column: true } });
  add('unclosed-quote.csv', `id,note\na,"starts here\n${'x'.repeat(1_100_000)}\n`, { refuse: { code: 'field_too_large', message: /never closed/, row: true, column: true } });
  add('duplicate-ids.csv', `id,age\n${rows(5, (i) => `d${i},${i}`)}\nd2,9\n`, { refuse: { code: 'duplicate_id', message: /duplicate id "d2"/, row: true, column: true } });
  add('blank-ids.csv', `customer_id,age\n${rows(5, (i) => `u${i},${i}`)}\n,7\n`, { refuse: { code: 'bad_value', message: /id is empty/, row: true, column: true } });

  // JSON
  add('array.json', '[{"id":1},{"id":2}]', { refuse: { code: 'unsupported_format', message: /JSON array/ } });
  add('bad-line.jsonl', '{"id":"a","n":1}\n{"id":"b","n":2\n', { refuse: { code: 'bad_value', message: /invalid JSON/, row: true } });
  add('scalar-line.jsonl', '{"id":"a","n":1}\n42\n', { refuse: { code: 'bad_value', message: /JSON object/, row: true } });
  add('array-line.jsonl', '{"id":"a","n":1}\n[1,2]\n', { refuse: { code: 'bad_value', message: /JSON object/, row: true } });
  add('deep-nesting.jsonl', `{"id":"a","n":1}\n{"id":"b","n":${'['.repeat(200_000)}${']'.repeat(200_000)}}\n`, { refuse: { code: 'bad_value', message: /nested/, row: true } });
  add('deep-objects.jsonl', `{"id":"a","n":1}\n{"id":"b","n":${'{"k":'.repeat(20_000)}1${'}'.repeat(20_000)}}\n`, { refuse: { code: 'bad_value', message: /nested/, row: true } });

  // Values
  add('huge-id.csv', `id,age\n${rows(3, (i) => `h${i},${i}`)}\n${'Z'.repeat(500_000)},4\n`, { refuse: { code: 'bad_value', message: /id is \d[\d,]* characters; the longest allowed is/, row: true, column: true } });
  add('huge-id.jsonl', `${rows(3, (i) => `{"id":"j${i}","age":${i}}`)}\n{"id":"${'Q'.repeat(500_000)}","age":1}\n`, { refuse: { code: 'bad_value', message: /longest allowed/, row: true, column: true } });
  add('huge-customer-ref.csv', `order_id,customer_id,at,amount\n${rows(3, (i) => `o${i},c${i},2025-01-0${i + 1},${i + 1}`)}\no9,${'R'.repeat(300_000)},2025-01-05,3\n`, { kind: 'transactions', refuse: { code: 'bad_value', message: /longest allowed/, row: true, column: true } });
  add('colon-delimited.csv', `id:age:colour\n${rows(12, (i) => `c${i}:${20 + i}:${i % 2 ? 'red' : 'blue'}`)}\n`, { refuse: { code: 'wrong_delimiter', message: /colon/, row: true } });
  add('colon-delimited.txt', `customer:score\n${rows(20, (i) => `p${i}:${i * 3}`)}\n`, { refuse: { code: 'wrong_delimiter', message: /colon/, row: true } });
  add('transactions-no-customer.csv', `order_ref,at,amount\n${rows(6, (i) => `o${i},2025-02-0${i + 1},${i + 2}`)}\n`, { kind: 'transactions', refuse: { code: 'no_id_column', message: /customer id column/ } });
  add('texts-no-text.csv', `id,customer_id,score\n${rows(6, (i) => `t${i},c${i},${i}`)}\n`, { kind: 'texts', refuse: { code: 'no_id_column', message: /free-text column/ } });

  // Imported, but the report must warn
  add('no-id-column.csv', `foo,income,colour\n${rows(12, (i) => `f${i},${1000 + i * 17},${i % 2 ? 'red' : 'blue'}`)}\n`, { warn: { code: 'suspicious_id' } });
  add('income-as-id.csv', `income,age\n${rows(12, (i) => `${30000 + i * 1250},${20 + i}`)}\n`, { warn: { code: 'suspicious_id' } });
  add('long-number.csv', `id,score\n${rows(5, (i) => `n${i},${i}`)}\nn9,${'7'.repeat(400)}\n`, { warn: { code: 'invalid_values', invalid: 1 } });
  add('far-future.csv', `order_id,customer_id,ordered_at,amount\n${rows(8, (i) => `o${i},c${i % 3},2025-03-0${i + 1},${i + 1}`)}\no9,c1,2999-01-01,4\n`, { kind: 'transactions', warn: { code: 'future_dates' } });
  return list;
}
