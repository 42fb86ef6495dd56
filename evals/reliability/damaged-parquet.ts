/**
 * Parquet files whose magic bytes and footer are valid but whose page data is damaged, as a disk error
 * or a truncated copy leaves them: the metadata reads, so the damage shows only when a page is decoded.
 * A tiny writer (Thrift compact protocol, one page per column chunk, PLAIN encoding, required columns)
 * builds a good file first; the damage is then written over the page bytes of the last row group only,
 * so an importer that stored rows batch by batch would have stored the earlier groups.
 */
import { gzipSync } from 'node:zlib';

type Thrift = { i32: number } | { i64: number } | { bin: string } | { struct: [number, Thrift][] } | { list: 'i32' | 'bin' | 'struct'; items: Thrift[] };

const typeId = (v: Thrift): number => ('i32' in v ? 5 : 'i64' in v ? 6 : 'bin' in v ? 8 : 'struct' in v ? 12 : 9);
const listTypeId = { i32: 5, bin: 8, struct: 12 } as const;

function thrift(fields: [number, Thrift][]): Buffer {
  const out: number[] = [];
  const varint = (n: number) => {
    for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
    out.push(n);
  };
  const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
  const value = (v: Thrift): void => {
    if ('i32' in v) varint(zigzag(v.i32));
    else if ('i64' in v) varint(zigzag(v.i64));
    else if ('bin' in v) {
      const data = Buffer.from(v.bin);
      varint(data.length);
      out.push(...data);
    } else if ('struct' in v) struct(v.struct);
    else {
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
  return Buffer.from(out);
}

/** PLAIN values of one column: strings as length-prefixed bytes, numbers as INT32. */
function plain(values: readonly (string | number)[]): Buffer {
  return Buffer.concat(
    values.map((v) => {
      if (typeof v === 'number') {
        const b = Buffer.alloc(4);
        b.writeInt32LE(v);
        return b;
      }
      const s = Buffer.from(v);
      const len = Buffer.alloc(4);
      len.writeInt32LE(s.length);
      return Buffer.concat([len, s]);
    }),
  );
}

export interface DamagedParquetOptions {
  readonly rows: number;
  readonly rowsPerGroup: number;
  /** Page compression: 0 none, 2 gzip. */
  readonly codec: 0 | 2;
  /** Bytes written over each damaged page's data (repeated), seeded so the file is the same every time. */
  readonly damage: (length: number) => Buffer;
}

/** A customers file (customer_id, visits) whose last row group's pages are overwritten with `damage`. */
export function damagedParquet(options: DamagedParquetOptions): Buffer {
  const columns = [
    { name: 'customer_id', physical: 6, value: (i: number): string | number => `pq${i}` },
    { name: 'visits', physical: 1, value: (i: number): string | number => (i * 7) % 23 },
  ];
  const parts: Buffer[] = [Buffer.from('PAR1')];
  let offset = 4;
  const groups: Thrift[] = [];
  const lastGroupStart = Math.floor((options.rows - 1) / options.rowsPerGroup) * options.rowsPerGroup;
  for (let start = 0; start < options.rows; start += options.rowsPerGroup) {
    const count = Math.min(options.rowsPerGroup, options.rows - start);
    const chunks: Thrift[] = [];
    let groupBytes = 0;
    for (const col of columns) {
      const raw = plain(Array.from({ length: count }, (_, i) => col.value(start + i)));
      let data = options.codec === 2 ? gzipSync(raw) : raw;
      // Keep gzip's 10-byte header, so the damage is found while inflating, not as an unknown format.
      if (start === lastGroupStart) data = Buffer.concat([data.subarray(0, options.codec === 2 ? 10 : 0), options.damage(data.length)]).subarray(0, data.length);
      const header = thrift([[1, { i32: 0 }], [2, { i32: raw.length }], [3, { i32: data.length }], [5, { struct: [[1, { i32: count }], [2, { i32: 0 }], [3, { i32: 3 }], [4, { i32: 3 }]] }]]);
      const size = header.length + data.length;
      chunks.push({
        struct: [[2, { i64: offset }], [3, { struct: [[1, { i32: col.physical }], [2, { list: 'i32', items: [{ i32: 0 }] }], [3, { list: 'bin', items: [{ bin: col.name }] }], [4, { i32: options.codec }], [5, { i64: count }], [6, { i64: size }], [7, { i64: size }], [9, { i64: offset }]] }]],
      });
      parts.push(header, data);
      offset += size;
      groupBytes += size;
    }
    groups.push({ struct: [[1, { list: 'struct', items: chunks }], [2, { i64: groupBytes }], [3, { i64: count }]] });
  }
  const schema: Thrift[] = [
    { struct: [[4, { bin: 'schema' }], [5, { i32: columns.length }]] },
    ...columns.map((c): Thrift => ({ struct: [[1, { i32: c.physical }], [3, { i32: 0 }], [4, { bin: c.name }], ...(c.physical === 6 ? ([[6, { i32: 0 }]] as [number, Thrift][]) : [])] })),
  ];
  const footer = thrift([[1, { i32: 1 }], [2, { list: 'struct', items: schema }], [3, { i64: options.rows }], [4, { list: 'struct', items: groups }]]);
  const length = Buffer.alloc(4);
  length.writeInt32LE(footer.length);
  return Buffer.concat([...parts, footer, length, Buffer.from('PAR1')]);
}
