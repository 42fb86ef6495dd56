/**
 * Opens a data file: detects gzip (by its bytes), the format, binary content, the delimiter and the
 * header from the first 64 KiB, and streams records in batches on demand. Each call to batches()
 * re-reads the file, so an import can make two passes in bounded memory.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord, SourceFormat } from '../types.ts';
import { readCsvBatches } from './csv-stream.ts';
import { jsonlHeader, readJsonlBatches } from './jsonl-reader.ts';
import { parquetHeader, readParquetBatches } from './parquet-reader.ts';
import { sampleRecords, scoreDelimiter, sniffDelimiter } from './sniff.ts';

export interface SourceOptions {
  readonly delimiter?: string;
  readonly format?: SourceFormat;
  readonly maxFieldBytes?: number;
  readonly batchSize?: number;
}

export const sourceDefaults = { maxFieldBytes: 1_048_576, batchSize: 2000, sampleBytes: 65_536 } as const;

export interface OpenedSource {
  readonly file: string;
  readonly format: SourceFormat;
  readonly compressed: boolean;
  readonly delimiter: string | null;
  readonly header: readonly string[];
  readonly repairs: Readonly<Record<string, number>>;
  batches(): AsyncIterable<RawRecord[]>;
}

export async function openSource(path: string, options: SourceOptions = {}): Promise<OpenedSource> {
  if (!existsSync(path)) throw new PersonaError('file_not_found', 'file not found', { file: path });
  const stat = statSync(path);
  if (stat.isDirectory()) throw new PersonaError('unsupported_format', 'is a folder, not a data file', { file: path });
  if (stat.size === 0) throw new PersonaError('empty_file', 'the file is empty', { file: path });
  const head = await readHead(path, 4);
  const compressed = head[0] === 0x1f && head[1] === 0x8b;
  const format = options.format ?? detectFormat(path, head);
  const maxFieldBytes = options.maxFieldBytes ?? sourceDefaults.maxFieldBytes;
  const batchSize = options.batchSize ?? sourceDefaults.batchSize;

  if (format === 'parquet') {
    const header = await parquetHeader(path);
    return {
      file: path,
      format,
      compressed: false,
      delimiter: null,
      header: normaliseHeader(header),
      repairs: {},
      batches: () => readParquetBatches(path, batchSize),
    };
  }

  const { text: sample, complete } = await readSample(path, compressed, sourceDefaults.sampleBytes);
  if (sample.includes('\u0000')) {
    throw new PersonaError('not_text', 'contains binary bytes (NUL); expected a text file such as CSV, TSV or JSONL', { file: path, row: 1 });
  }
  const body = sample.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new PersonaError('empty_file', 'the file has no content (only whitespace)', { file: path });
  const open = () => openStream(path, compressed);

  if (format === 'jsonl') {
    const header = jsonlHeader(path, body);
    const repairs: Record<string, number> = {};
    return {
      file: path,
      format,
      compressed,
      delimiter: null,
      header,
      repairs,
      batches: () => readJsonlBatches(path, open, header, batchSize),
    };
  }

  const crIsTerminator = body.includes('\r') && !body.includes('\n');
  const delimiter = chooseDelimiter(path, body, crIsTerminator, options.delimiter);
  const records = sampleRecords(body, delimiter, crIsTerminator, 3);
  const header = normaliseHeader(records[0]?.fields ?? []);
  const dataInSample = sampleRecords(complete ? `${body}\n` : body, delimiter, crIsTerminator, 2).length > 1;
  if (complete && !dataInSample) {
    throw new PersonaError('header_only', 'has a header but no data rows', { file: path, row: 1 });
  }
  const repairs: Record<string, number> = {};
  return {
    file: path,
    format,
    compressed,
    delimiter,
    header,
    repairs,
    batches: () => readCsvBatches({ file: path, open, delimiter, crIsTerminator, header, maxFieldBytes, batchSize, repairs }),
  };
}

function detectFormat(path: string, head: Uint8Array): SourceFormat {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.parquet') || (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31)) return 'parquet';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json')) return 'jsonl';
  return 'csv';
}

function chooseDelimiter(path: string, sample: string, crIsTerminator: boolean, forced: string | undefined): string {
  const hint = /\.tsv(\.gz)?$/i.test(path) ? '\t' : undefined;
  if (!forced) return sniffDelimiter(sample, crIsTerminator, hint).delimiter;
  const given = scoreDelimiter(sample, forced, crIsTerminator);
  if (given.columns <= 1) {
    const better = sniffDelimiter(sample, crIsTerminator, hint);
    if (better.columns > 1 && better.delimiter !== forced) {
      throw new PersonaError(
        'wrong_delimiter',
        `with delimiter ${JSON.stringify(forced)} the header is a single column, but the file looks ${JSON.stringify(better.delimiter)}-separated (${better.columns} columns); fix --delimiter or the config`,
        { file: path, row: 1 },
      );
    }
  }
  return forced;
}

/** Trimmed names; empty ones become unnamed_<index>, repeats get _2, _3… */
export function normaliseHeader(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const base = raw.replace(/^\uFEFF/, '').trim() || `unnamed_${i}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function openStream(path: string, compressed: boolean): NodeJS.ReadableStream {
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  return compressed ? raw.pipe(createGunzip()) : raw;
}

/** The first bytes of the (decompressed) file as text, and whether that was the whole file. */
async function readSample(path: string, compressed: boolean, limit: number): Promise<{ text: string; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = true;
  const stream = openStream(path, compressed);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        complete = false;
        break;
      }
    }
  } catch (err) {
    throw new PersonaError('bad_encoding', `cannot decompress (${(err as Error).message})`, { file: path });
  } finally {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
  let bytes = Buffer.concat(chunks);
  if (!complete) bytes = bytes.subarray(0, limit);
  // Non-fatal here: encoding errors are reported with their row by the streaming pass.
  return { text: new TextDecoder('utf-8').decode(bytes), complete };
}
