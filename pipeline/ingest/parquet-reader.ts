/**
 * Parquet through hyparquet, read column by column in row windows over a file handle, so neither the
 * file nor all of its rows are held at once. Values are rendered as the strings a CSV export would
 * hold: integral floats without ".0", timestamps as ISO 8601, empty strings as absent.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  parquetMetadataAsync,
  parquetScan,
  parquetSchema,
  type AsyncBuffer,
  type Compressors,
  type FileMetaData,
  type SchemaElement,
} from 'hyparquet';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';

export const parquetDefaults = {
  /**
   * Uncompressed bytes decoded per window. Pages are decoded whole, and writers often put a small row
   * group in a single page per column, so windows follow row groups and split only large ones.
   */
  windowBytes: 64 * 1_048_576,
} as const;

/** hyparquet decodes Snappy itself; gzip and Brotli come from node:zlib. ZSTD and LZ4 are not available. */
const compressors: Compressors = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};
const readableCodecs = new Set(['UNCOMPRESSED', 'SNAPPY', ...Object.keys(compressors)]);

export interface OpenedParquet {
  readonly columns: readonly string[];
  readonly rows: number;
  batches(): AsyncGenerator<RawRecord[]>;
}

/** Reads the footer only; each batches() call opens the file again. */
export async function openParquet(file: string, batchSize: number): Promise<OpenedParquet> {
  const { handle, metadata } = await load(file);
  await handle.close();
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const rows = Number(metadata.num_rows);
  if (rows === 0) throw new PersonaError('header_only', `has ${columns.length} columns but no rows`, { file, row: 1 });
  const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')));
  const unreadable = [...codecs].filter((c) => !readableCodecs.has(c));
  if (unreadable.length) {
    throw new PersonaError(
      'unsupported_format',
      `compressed with ${unreadable.join(', ')}, which cannot be read here; write it with Snappy or gzip compression (e.g. compression="snappy")`,
      { file },
    );
  }
  return { columns, rows, batches: () => readParquetBatches(file, batchSize) };
}

async function* readParquetBatches(file: string, batchSize: number): AsyncGenerator<RawRecord[]> {
  const { handle, buffer, metadata } = await load(file);
  try {
    const children = parquetSchema(metadata).children;
    const names = children.map((c) => c.element.name);
    const render = children.map((c) => renderer(c.element));
    const scan = await parquetScan({ file: buffer, metadata, compressors });
    let batch: RawRecord[] = [];
    for (const window of windows(metadata, batchSize)) {
      // Damaged page data surfaces here (the footer already read): name the column and the rows it holds.
      const data = await Promise.all(
        names.map((column) =>
          (scan.readColumn({ column, ...window }) as Promise<ArrayLike<unknown>>).catch((err: unknown) => {
            throw new PersonaError('bad_value', `cannot decode rows ${window.rowStart + 1}-${window.rowEnd}: the page data is damaged (${(err as Error).message})`, { file, row: window.rowStart + 1, column });
          }),
        ),
      );
      for (let i = 0; i < window.rowEnd - window.rowStart; i++) {
        // Parquet has no header line: the first data row is row 1.
        batch.push({ row: window.rowStart + i + 1, values: data.map((col, c) => (render[c] as Render)(col[i])) });
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
  } finally {
    await handle.close();
  }
}

/** Row windows inside row groups, each decoding about windowBytes (never fewer rows than a batch). */
function windows(metadata: FileMetaData, batchSize: number): { rowStart: number; rowEnd: number }[] {
  const out: { rowStart: number; rowEnd: number }[] = [];
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    const bytes = Math.max(1, Number(group.total_byte_size));
    const step = Math.max(batchSize, Math.floor((rows * parquetDefaults.windowBytes) / bytes));
    for (let s = 0; s < rows; s += step) out.push({ rowStart: groupStart + s, rowEnd: groupStart + Math.min(rows, s + step) });
    groupStart += rows;
  }
  return out;
}

type Render = (v: unknown) => string | null;

/** A value renderer for one column: dates by their logical type, the rest by the JS value. */
function renderer(element: SchemaElement): Render {
  const lt = element.logical_type;
  if (element.converted_type === 'DATE' || lt?.type === 'DATE') {
    return (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : renderValue(v));
  }
  // A timestamp not adjusted to UTC is a wall-clock time: no zone suffix.
  const naive = lt?.type === 'TIMESTAMP' && !lt.isAdjustedToUTC;
  return (v) => (v instanceof Date && naive && !Number.isNaN(v.getTime()) ? isoTime(v).slice(0, -1) : renderValue(v));
}

export function renderValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  // String() already writes 17850.0 as "17850"; NaN is how pandas writes a missing float.
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoTime(v);
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
}

/** ISO 8601 in UTC, without milliseconds when they are zero. */
function isoTime(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

async function load(file: string): Promise<{ handle: FileHandle; buffer: AsyncBuffer; metadata: FileMetaData }> {
  const handle = await open(file, 'r');
  try {
    const buffer = await fileBuffer(handle);
    const metadata = await parquetMetadataAsync(buffer);
    return { handle, buffer, metadata };
  } catch (err) {
    await handle.close();
    throw new PersonaError('unsupported_format', `not a readable Parquet file (${(err as Error).message})`, { file });
  }
}

/** hyparquet's random-access view of the file, reading only the byte ranges it asks for. */
async function fileBuffer(handle: FileHandle): Promise<AsyncBuffer> {
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const length = Math.max(0, Math.min(end, size) - start);
      const out = new Uint8Array(length);
      for (let done = 0; done < length; ) {
        const { bytesRead } = await handle.read(out, done, length - done, start + done);
        if (bytesRead === 0) throw new Error(`file ended at byte ${start + done} of ${size}`);
        done += bytesRead;
      }
      return out.buffer;
    },
  };
}
