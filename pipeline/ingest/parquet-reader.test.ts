import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';
import { renderValue } from './parquet-reader.ts';
import { openSource, type OpenedSource } from './source.ts';

// ---------------------------------------------------------------------------------------------
// A minimal Parquet writer for fixtures: optional columns, PLAIN encoding, no compression or gzip
// (codec 2), one page per column chunk, Thrift compact protocol for the metadata.

type Thrift =
  | { i32: number }
  | { i64: number | bigint }
  | { bin: string | Uint8Array }
  | { bool: boolean }
  | { struct: [number, Thrift][] }
  | { list: 'i32' | 'bin' | 'struct'; items: Thrift[] };

const typeId = (v: Thrift): number =>
  'i32' in v ? 5 : 'i64' in v ? 6 : 'bin' in v ? 8 : 'bool' in v ? (v.bool ? 1 : 2) : 'struct' in v ? 12 : 9;
const listTypeId = { i32: 5, bin: 8, struct: 12 } as const;

function thrift(fields: [number, Thrift][]): number[] {
  const out: number[] = [];
  const varint = (n: bigint) => {
    for (; n >= 0x80n; n >>= 7n) out.push(Number(n & 0x7fn) | 0x80);
    out.push(Number(n));
  };
  const zigzag = (n: number | bigint) => (BigInt(n) << 1n) ^ (BigInt(n) >> 63n);
  const bytes = (b: string | Uint8Array) => {
    const data = typeof b === 'string' ? Buffer.from(b) : b;
    varint(BigInt(data.length));
    out.push(...data);
  };
  const value = (v: Thrift): void => {
    if ('i32' in v) varint(zigzag(v.i32));
    else if ('i64' in v) varint(zigzag(v.i64));
    else if ('bin' in v) bytes(v.bin);
    else if ('struct' in v) struct(v.struct);
    else if ('list' in v) {
      out.push((v.items.length << 4) | listTypeId[v.list]);
      v.items.forEach(value);
    }
  };
  const struct = (fs: [number, Thrift][]): void => {
    let last = 0;
    for (const [id, v] of fs) {
      out.push(((id - last) << 4) | typeId(v));
      last = id;
      value(v);
    }
    out.push(0);
  };
  struct(fields);
  return out;
}

interface FixtureColumn {
  readonly name: string;
  readonly type: 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
  readonly values: readonly (number | bigint | string | null)[];
  readonly converted?: number;
  readonly logical?: [number, Thrift][];
}

const physical = { INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;

function plain(type: FixtureColumn['type'], v: number | bigint | string): Buffer {
  const b = Buffer.alloc(type === 'INT32' ? 4 : 8);
  if (type === 'INT32') b.writeInt32LE(Number(v));
  else if (type === 'INT64') b.writeBigInt64LE(BigInt(v));
  else if (type === 'DOUBLE') b.writeDoubleLE(Number(v));
  else {
    const s = Buffer.from(String(v));
    const len = Buffer.alloc(4);
    len.writeInt32LE(s.length);
    return Buffer.concat([len, s]);
  }
  return b;
}

function parquetFile(columns: readonly FixtureColumn[], groupRows: number, codec = 0): Buffer {
  const rows = columns[0]?.values.length ?? 0;
  const parts: Buffer[] = [Buffer.from('PAR1')];
  let offset = 4;
  const groups: Thrift[] = [];
  for (let start = 0; start < rows; start += groupRows) {
    const chunks: Thrift[] = [];
    let groupBytes = 0;
    for (const col of columns) {
      const values = col.values.slice(start, start + groupRows);
      // Definition levels: one RLE run per value (bit width 1), behind a 4-byte length.
      const levels = Buffer.from(values.flatMap((v) => [2, v === null ? 0 : 1]));
      const levelLength = Buffer.alloc(4);
      levelLength.writeInt32LE(levels.length);
      const raw = Buffer.concat([levelLength, levels, ...values.filter((v) => v !== null).map((v) => plain(col.type, v))]);
      const data = codec === 2 ? gzipSync(raw) : raw;
      const header = Buffer.from(thrift([
        [1, { i32: 0 }], [2, { i32: raw.length }], [3, { i32: data.length }],
        [5, { struct: [[1, { i32: values.length }], [2, { i32: 0 }], [3, { i32: 3 }], [4, { i32: 3 }]] }],
      ]));
      const size = header.length + data.length;
      chunks.push({ struct: [[2, { i64: offset }], [3, { struct: [
        [1, { i32: physical[col.type] }], [2, { list: 'i32', items: [{ i32: 0 }, { i32: 3 }] }],
        [3, { list: 'bin', items: [{ bin: col.name }] }], [4, { i32: codec }], [5, { i64: values.length }],
        [6, { i64: size }], [7, { i64: size }], [9, { i64: offset }],
      ] }]] });
      parts.push(header, data);
      offset += size;
      groupBytes += size;
    }
    groups.push({ struct: [[1, { list: 'struct', items: chunks }], [2, { i64: groupBytes }], [3, { i64: Math.min(groupRows, rows - start) }]] });
  }
  const schema: Thrift[] = [{ struct: [[4, { bin: 'schema' }], [5, { i32: columns.length }]] }];
  for (const col of columns) {
    const element: [number, Thrift][] = [[1, { i32: physical[col.type] }], [3, { i32: 1 }], [4, { bin: col.name }]];
    if (col.converted !== undefined) element.push([6, { i32: col.converted }]);
    if (col.logical) element.push([10, { struct: col.logical }]);
    schema.push({ struct: element });
  }
  const footer = Buffer.from(thrift([[1, { i32: 1 }], [2, { list: 'struct', items: schema }], [3, { i64: rows }], [4, { list: 'struct', items: groups }]]));
  const length = Buffer.alloc(4);
  length.writeInt32LE(footer.length);
  return Buffer.concat([...parts, footer, length, Buffer.from('PAR1')]);
}

// ---------------------------------------------------------------------------------------------

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-parquet-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(source: OpenedSource): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const batch of source.batches()) out.push(...batch);
  return out;
}

const DAY = 86_400_000;
const fixture: FixtureColumn[] = [
  { name: 'InvoiceNo', type: 'BYTE_ARRAY', converted: 0, values: ['536365', 'C536379', '', null, '536370'] },
  { name: 'Quantity', type: 'INT64', values: [6n, -1n, 12n, 3n, null] },
  { name: 'UnitPrice', type: 'DOUBLE', values: [2.55, 0.001, 1e21, Number.NaN, 3] },
  { name: 'CustomerID', type: 'DOUBLE', values: [17850, null, 12583.0, 13047, null] },
  // Wall-clock timestamp (not adjusted to UTC), milliseconds.
  { name: 'InvoiceDate', type: 'INT64', converted: 9, logical: [[8, { struct: [[1, { bool: false }], [2, { struct: [[1, { struct: [] }]] }]] }]], values: [Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2011, 0, 2, 9, 0, 0, 250), null, 0, 1] },
  { name: 'Day', type: 'INT32', converted: 6, values: [0, 14_975, null, Date.UTC(2011, 11, 9) / DAY, 1] },
];

describe('Parquet', () => {
  it('reads the header and renders values as CSV text', async () => {
    const path = join(dir, 'small.parquet');
    writeFileSync(path, parquetFile(fixture, 5));
    const s = await openSource(path);
    expect(s).toMatchObject({ format: 'parquet', compressed: false, delimiter: null, repairs: {} });
    expect(s.header).toEqual(['InvoiceNo', 'Quantity', 'UnitPrice', 'CustomerID', 'InvoiceDate', 'Day']);
    expect(await readAll(s)).toEqual([
      { row: 1, values: ['536365', '6', '2.55', '17850', '2010-12-01T08:26:00', '1970-01-01'] },
      { row: 2, values: ['C536379', '-1', '0.001', null, '2011-01-02T09:00:00.250', '2011-01-01'] },
      { row: 3, values: [null, '12', '1e+21', '12583', null, null] },
      { row: 4, values: [null, '3', null, '13047', '1970-01-01T00:00:00', '2011-12-09'] },
      { row: 5, values: ['536370', null, '3', null, '1970-01-01T00:00:00.001', '1970-01-02'] },
    ]);
  });

  it('streams several row groups in full batches, numbering rows from 1', async () => {
    const n = 23;
    const path = join(dir, 'groups.parquet');
    writeFileSync(path, parquetFile([{ name: 'id', type: 'INT32', values: Array.from({ length: n }, (_, i) => i * 10) }], 5));
    const s = await openSource(path, { batchSize: 4 });
    const sizes: number[] = [];
    const records: RawRecord[] = [];
    for await (const batch of s.batches()) {
      sizes.push(batch.length);
      records.push(...batch);
    }
    expect(sizes).toEqual([4, 4, 4, 4, 4, 3]);
    expect(records.map((r) => r.row)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(records.map((r) => r.values[0])).toEqual(Array.from({ length: n }, (_, i) => String(i * 10)));
    expect(await readAll(s)).toEqual(records); // a second pass reads the file again
  });

  it('reads gzip-compressed pages and rejects codecs it cannot decode', async () => {
    const column: FixtureColumn = { name: 'id', type: 'INT32', values: [1, null, 3] };
    const gz = join(dir, 'gzip.parquet');
    writeFileSync(gz, parquetFile([column], 2, 2));
    expect((await readAll(await openSource(gz))).map((r) => r.values[0])).toEqual(['1', null, '3']);
    const zstd = join(dir, 'zstd.parquet');
    writeFileSync(zstd, parquetFile([column], 2, 6));
    const err = await openSource(zstd).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unsupported_format', location: { file: zstd } });
    expect((err as Error).message).toContain('ZSTD');
  });

  it('header_only for a file with columns but no rows', async () => {
    const path = join(dir, 'empty.parquet');
    writeFileSync(path, parquetFile([{ name: 'id', type: 'INT32', values: [] }], 5));
    const err = await openSource(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PersonaError);
    expect(err).toMatchObject({ code: 'header_only', location: { file: path, row: 1 } });
  });

  it('unsupported_format for a file that is not Parquet', async () => {
    const path = join(dir, 'fake.parquet');
    writeFileSync(path, 'id,name\n1,a\n');
    const err = await openSource(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PersonaError);
    expect((err as PersonaError).code).toBe('unsupported_format');
    expect((err as PersonaError).message).toContain(path);
  });

  it('renderValue covers the remaining JS types', () => {
    expect(renderValue(10n ** 20n)).toBe('100000000000000000000');
    expect(renderValue(true)).toBe('true');
    expect(renderValue(new Date(Date.UTC(2011, 0, 1)))).toBe('2011-01-01T00:00:00Z');
    expect(renderValue(new Uint8Array([0xca, 0xfe]))).toBe('cafe');
    expect(renderValue({ a: 1n, b: [null] })).toBe('{"a":"1","b":[null]}');
    expect(renderValue(undefined)).toBeNull();
  });
});
