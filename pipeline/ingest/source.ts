/**
 * Opens a data file: detects gzip (by its bytes), the format, binary content, the delimiter and the
 * header from the beginning of the file, and streams records in batches on demand. Each call to
 * batches() re-reads the file, so an import can make two passes in bounded memory.
 */
import { createReadStream } from 'node:fs';
import { lstat, open, readlink, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord, SourceFormat } from '../types.ts';
import { CsvFieldTooLarge, CsvParser, parseCsv, type CsvRecord } from './csv-parser.ts';
import { readJsonlBatches, readJsonlHeader } from './jsonl-reader.ts';
import { generatedColumnName, looksHeaderless, looksWhitespaceSeparated, whitespaceDelimiter, WhitespaceToTabs, whitespaceToTabs } from './layout.ts';
import { openParquet } from './parquet-reader.ts';
import * as sniff from './sniff.ts';

export interface SourceOptions {
  /** Forced delimiter (config); otherwise sniffed. "\\t" and "tab" mean a tab, "whitespace" runs of spaces. */
  readonly delimiter?: string;
  /** Whether the first line of a delimited file is a header; detected when omitted. */
  readonly header?: boolean;
  /** Column names for a delimited file, in order: replace the header, or name a headerless file's columns. */
  readonly columnNames?: readonly string[];
  /** Forced format; otherwise by extension, then content. */
  readonly format?: SourceFormat;
  readonly maxFieldBytes?: number;
  /** Records per batch. */
  readonly batchSize?: number;
}

export const sourceDefaults = {
  maxFieldBytes: 1_048_576,
  batchSize: 2000,
  /** Decoded bytes read up front for detection; grown (up to maxSampleBytes) only for huge headers. */
  sampleBytes: 65_536,
  maxSampleBytes: 16 * 1_048_576,
  readChunkBytes: 65_536,
  /** Above this share of control characters in the first bytes, a file is binary, not text. */
  maxControlShare: 0.05,
} as const;

export interface OpenedSource {
  /** The path as the user gave it (used in every message). */
  readonly file: string;
  readonly format: SourceFormat;
  /** gzip, detected by its magic bytes. */
  readonly compressed: boolean;
  /** null for jsonl and parquet; ',' for a one-column file, whose lines are then read whole; "whitespace" for runs of spaces. */
  readonly delimiter: string | null;
  /** false when the first line of a delimited file is data (the columns are then named column_1, … or as given). */
  readonly hasHeader: boolean;
  /** Trimmed, BOM removed, empty names -> unnamed_<index>, repeats -> name_2, name_3. */
  readonly header: readonly string[];
  /** Filled as batches are read (each pass starts again from zero), e.g. { bare_cr_in_field: 1 }. */
  readonly repairs: Readonly<Record<string, number>>;
  /** Streams the file from disk again on each call. */
  batches(): AsyncIterable<RawRecord[]>;
}

export type ByteSource = () => AsyncIterable<Uint8Array>;

export async function openSource(path: string, options: SourceOptions = {}): Promise<OpenedSource> {
  const file = path;
  const settings = {
    maxFieldBytes: options.maxFieldBytes ?? sourceDefaults.maxFieldBytes,
    batchSize: Math.max(1, options.batchSize ?? sourceDefaults.batchSize),
  };
  const info = await statFile(file);
  if (info.isDirectory()) throw new PersonaError('unsupported_format', 'this is a folder, not a data file', { file });
  if (!info.isFile()) throw new PersonaError('unsupported_format', `this is ${specialFileKind(info)}, not a regular file; save the data to a file first`, { file });
  if (info.size === 0) throw new PersonaError('empty_file', 'the file is empty (0 bytes)', { file });

  const head = await readHead(path, 8);
  const compressed = head[0] === 0x1f && head[1] === 0x8b;
  let format: SourceFormat | null = options.format ?? sniff.formatFromName(path);
  if (!format && !compressed && sniff.hasParquetMagic(head)) format = 'parquet';
  if (format === 'parquet') {
    if (compressed) throw new PersonaError('unsupported_format', 'a gzip-compressed Parquet file; decompress it first (Parquet compresses internally)', { file });
    const parquet = await openParquet(file, settings.batchSize);
    return { file, format, compressed, delimiter: null, hasHeader: true, header: normaliseHeader(parquet.columns), repairs: {}, batches: parquet.batches };
  }
  const kind = !compressed ? sniff.binaryKind(head) : null;
  if (kind) throw new PersonaError('unsupported_format', `unsupported format: this is ${kind}`, { file });

  const bytes: ByteSource = () => readBytes(file, compressed);
  let sample = await readSample(file, bytes, sourceDefaults.sampleBytes);
  checkText(file, sample.bytes);
  let body = stripBom(new TextDecoder('utf-8').decode(sample.bytes));
  if (!body.trim()) throw new PersonaError('empty_file', 'the file has no content (only whitespace)', { file });
  format ??= sniff.formatFromText(body);

  if (format === 'jsonl') {
    if (/^\s*\[/.test(body)) {
      throw new PersonaError('unsupported_format', 'this is a JSON array; convert it to JSON Lines (one object per line)', { file, row: 1 });
    }
    const keys = await readJsonlHeader(file, bytes, settings.maxFieldBytes);
    const header = normaliseHeader(keys);
    return { file, format, compressed, delimiter: null, hasHeader: true, header, repairs: {}, batches: () => readJsonlBatches({ file, bytes, keys, header, ...settings }) };
  }

  // A header longer than the sample (very wide tables): read more until it and one record fit.
  for (let limit = sourceDefaults.sampleBytes * 4; !sample.complete && limit <= sourceDefaults.maxSampleBytes; limit *= 4) {
    if (parseCsv(body, { delimiter: ',', crIsTerminator: false }, false).records.length >= 2) break;
    sample = await readSample(file, bytes, limit);
    body = stripBom(new TextDecoder('utf-8').decode(sample.bytes));
  }
  const crIsTerminator = sniff.usesCrLineEnds(body);
  const delimiter = chooseDelimiter(file, body, crIsTerminator, sample.complete, options.delimiter);
  const whitespace = delimiter === whitespaceDelimiter;
  const splitOn = whitespace ? '\t' : delimiter;
  const { records } = parseCsv(whitespace ? whitespaceToTabs(body) : body, { delimiter: splitOn, crIsTerminator }, sample.complete);
  const first = records[0];
  if (!first) throw new PersonaError('empty_file', 'no header row found in the first bytes of the file', { file, row: 1 });
  const hasHeader = options.header ?? !looksHeaderless(records.map((r) => r.fields));
  if (hasHeader && sample.complete && records.length < 2) throw new PersonaError('header_only', 'has a header but no data rows', { file, row: first.row });
  const header = columnNames(file, first.fields, hasHeader, options.columnNames);
  const repairs: Record<string, number> = {};
  // One column (a list of texts): a comma in a line is content, whether or not the writer quoted it.
  const split = header.length > 1 ? splitOn : '';
  const csv: CsvStreamOptions = { file, bytes, delimiter: split, whitespace, hasHeader, crIsTerminator, header, repairs, ...settings };
  return { file, format, compressed, delimiter, hasHeader, header, repairs, batches: () => readCsvBatches(csv) };
}

/** The header's names, the names the user gave, or column_1, column_2, … for a headerless file. */
function columnNames(file: string, firstFields: readonly string[], hasHeader: boolean, given: readonly string[] | undefined): string[] {
  if (given?.length) {
    if (given.length !== firstFields.length) {
      throw new PersonaError(
        'bad_option',
        `${given.length} column names were given (${given.join(', ')}) but row 1 has ${firstFields.length} fields; give one name per column`,
        { file, row: 1 },
      );
    }
    return normaliseHeader(given);
  }
  return hasHeader ? normaliseHeader(firstFields) : firstFields.map((_, i) => generatedColumnName(i));
}

/** stat() with the reason a path cannot be read spelled out: a symlink loop or a dangling link is not "not found". */
async function statFile(file: string): Promise<Stats> {
  try {
    return await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new PersonaError('file_not_found', 'a symbolic link loop: the link points back to itself through other links', { file });
    if (code === 'EACCES') throw new PersonaError('file_not_found', 'permission denied: this user cannot read the file', { file });
    const link = await lstat(file).catch(() => null);
    if (link?.isSymbolicLink()) {
      const target = await readlink(file).catch(() => '?');
      throw new PersonaError('file_not_found', `a symbolic link to a missing file (${target})`, { file });
    }
    throw new PersonaError('file_not_found', 'file not found', { file });
  }
}

function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}

/** Trimmed names; empty ones become unnamed_<index>, repeats get _2, _3 (never clashing with a real name). */
export function normaliseHeader(names: readonly string[]): string[] {
  const taken = new Set(names.map((n) => stripBom(n).trim()));
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base = stripBom(raw).trim() || `unnamed_${i}`;
    let name = base;
    for (let k = 2; used.has(name) || (name !== base && taken.has(name)); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  });
}

function chooseDelimiter(file: string, body: string, crIsTerminator: boolean, complete: boolean, forced: string | undefined): string {
  const hint = /\.tsv(\.gz)?$/i.test(file) ? '\t' : undefined;
  if (forced !== undefined && /^(whitespace|spaces?)$/i.test(forced)) return whitespaceDelimiter;
  if (forced === undefined) {
    const sniffed = sniff.sniffDelimiter(body, crIsTerminator, hint, complete);
    // Columns aligned with runs of spaces (no comma, tab, semicolon or pipe anywhere).
    if (sniffed.columns === 1 && looksWhitespaceSeparated(body, complete)) return whitespaceDelimiter;
    const other = sniffed.columns === 1 ? sniff.unusualDelimiter(body, crIsTerminator, complete) : null;
    if (other) {
      throw new PersonaError(
        'wrong_delimiter',
        `the header is a single column, but every row splits into ${other.columns} fields on ${delimiterName(other.delimiter)}; ` +
          `if that is the delimiter, pass --delimiter '${other.delimiter}' (or "delimiter" in persona.config.json)`,
        { file, row: 1 },
      );
    }
    return sniffed.delimiter;
  }
  const given = sniff.normaliseDelimiter(file, forced);
  if (sniff.scoreDelimiter(body, given, crIsTerminator, complete).columns > 1) return given;
  const seen = sniff.sniffDelimiter(body, crIsTerminator, hint, complete);
  if (seen.columns > 1 && seen.delimiter !== given && seen.consistency >= sniff.sniffDefaults.consistentShare) {
    throw new PersonaError(
      'wrong_delimiter',
      `with the delimiter ${delimiterName(given)} the header is a single column, but the file seems to use ${delimiterName(seen.delimiter)} ` +
        `(${seen.columns} columns in the first rows); change the delimiter setting or remove it to detect it`,
      { file, row: 1 },
    );
  }
  return given;
}

const delimiterName = (d: string): string =>
  ({ '\t': 'tab ("\\t")', ',': 'comma (",")', ';': 'semicolon (";")', '|': 'pipe ("|")', ':': 'colon (":")', '^': 'caret ("^")', '~': 'tilde ("~")', '#': 'hash ("#")', '/': 'slash ("/")' })[d] ??
  JSON.stringify(d);

const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

function checkText(file: string, bytes: Uint8Array): void {
  if (sniff.utf16Bom(bytes)) throw new PersonaError('not_text', 'this is UTF-16 text; re-save it as UTF-8', { file });
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const row = nul > 0 ? countLines(bytes.subarray(0, nul)) + 1 : 1;
    throw new PersonaError('not_text', 'contains binary bytes (NUL); expected a text file such as CSV, TSV or JSON Lines', { file, ...(row > 1 ? { row } : {}) });
  }
  // Text has few control characters besides tab, CR, LF and form feed; binary data is full of them.
  let controls = 0;
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  if (bytes.length >= 16 && controls / bytes.length > sourceDefaults.maxControlShare) {
    throw new PersonaError(
      'not_text',
      `looks binary: ${Math.round((controls / bytes.length) * 100)}% of the first ${bytes.length.toLocaleString('en-US')} bytes are control characters; expected a text file such as CSV, TSV or JSON Lines`,
      { file },
    );
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0x0a) n++;
  return n;
}

async function readHead(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's bytes, gunzipped when compressed; stopping early closes the file. */
export async function* readBytes(file: string, compressed: boolean): AsyncGenerator<Uint8Array> {
  const raw = createReadStream(file, { highWaterMark: sourceDefaults.readChunkBytes });
  // pipeline (not pipe) so that destroying the gunzip end also closes the file.
  const stream = compressed ? pipeline(raw, createGunzip(), () => undefined) : raw;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    if (compressed && (err as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new PersonaError('bad_encoding', `the gzip data is damaged or cut short (${(err as Error).message})`, { file });
    }
    throw err;
  } finally {
    stream.destroy();
    raw.destroy();
  }
}

/** The first `limit` (decompressed) bytes, and whether that was the whole file. */
async function readSample(file: string, bytes: ByteSource, limit: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bytes()) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) return { bytes: Buffer.concat(chunks).subarray(0, limit), complete: false };
  }
  if (!size) throw new PersonaError('empty_file', 'the file is empty (0 bytes after decompressing)', { file });
  return { bytes: Buffer.concat(chunks), complete: true };
}

// ---------------------------------------------------------------------------------------------
// Delimited files

interface CsvStreamOptions {
  readonly file: string;
  readonly bytes: ByteSource;
  readonly delimiter: string;
  /** Runs of spaces or tabs separate the fields: they are turned into single tabs before parsing. */
  readonly whitespace: boolean;
  /** false: the first record is data. */
  readonly hasHeader: boolean;
  readonly crIsTerminator: boolean;
  readonly header: readonly string[];
  readonly maxFieldBytes: number;
  readonly batchSize: number;
  readonly repairs: Record<string, number>;
}

async function* readCsvBatches(o: CsvStreamOptions): AsyncGenerator<RawRecord[]> {
  const parser = new CsvParser(o);
  const utf8 = new Utf8Stream();
  const columnAt = (i: number) => o.header[i] ?? `(extra field ${i + 1})`;
  const records: CsvRecord[] = [];
  let batch: RawRecord[] = [];
  let headerSeen = !o.hasHeader;
  const spaces = o.whitespace ? new WhitespaceToTabs() : null;
  for (const key of Object.keys(o.repairs)) delete o.repairs[key];

  const feed = (text: string): void => {
    try {
      parser.push(text, records);
    } catch (err) {
      if (!(err instanceof CsvFieldTooLarge)) throw err;
      const limit = `${err.limit.toLocaleString('en-US')} bytes`;
      throw new PersonaError('field_too_large', `a field is larger than ${limit} (often a quote that is never closed)`, { file: o.file, row: err.row, column: columnAt(err.columnIndex) });
    }
    take();
  };
  const take = (): void => {
    for (const r of records) {
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      if (r.fields.length !== o.header.length) throw raggedRow(o.file, o.header, r);
      // Empty fields, quoted ("") or not, are absent values: CSV cannot tell "empty" from "missing".
      batch.push({ row: r.row, values: r.fields.map((f) => (f === '' ? null : f)) });
    }
    records.length = 0;
    for (const [key, n] of Object.entries(parser.repairs)) if (n > 0) o.repairs[key] = n;
  };
  const badBytes = (at: number | null): PersonaError =>
    new PersonaError(
      'bad_encoding',
      at === null ? 'the file ends in the middle of a UTF-8 character' : `not UTF-8 text (byte 0x${at.toString(16)}); re-save the file as UTF-8`,
      { file: o.file, row: parser.currentRow, column: columnAt(parser.currentField) },
    );

  for await (const chunk of o.bytes()) {
    const decoded = utf8.decode(chunk);
    feed(spaces ? spaces.push(decoded.text) : decoded.text);
    if (decoded.badByte !== undefined) throw badBytes(decoded.badByte);
    while (batch.length >= o.batchSize) {
      yield batch.slice(0, o.batchSize);
      batch = batch.slice(o.batchSize);
    }
  }
  if (!utf8.finish()) throw badBytes(null);
  parser.end(records);
  take();
  if (batch.length) yield batch;
}

function raggedRow(file: string, header: readonly string[], r: CsvRecord): PersonaError {
  const expected = header.length;
  const found = r.fields.length;
  const detail =
    found < expected
      ? `column "${header[found]}"${found + 1 < expected ? ' and later ones are' : ' is'} missing`
      : `the first extra field comes after "${header[expected - 1]}"`;
  return new PersonaError(
    'ragged_row',
    `expected ${expected} fields, found ${found}: ${detail}; fields holding the delimiter or a line break must be quoted`,
    { file, row: r.row, column: found < expected ? (header[found] as string) : `(extra field ${expected + 1})` },
  );
}

/**
 * Strict streaming UTF-8 decoding that can say where a bad byte is: on failure the text before it
 * is returned (so the parser can tell which record holds it) with the offending byte.
 */
class Utf8Stream {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private pending: Uint8Array = new Uint8Array(0);
  /** After the first bytes a U+FEFF is content, not a byte order mark. */
  private started = false;

  decode(chunk: Uint8Array): { text: string; badByte?: number } {
    const bytes = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const cut = completeLength(bytes);
    this.pending = bytes.slice(cut);
    const whole = bytes.subarray(0, cut);
    const ignoreBOM = this.started;
    this.started = true;
    try {
      return { text: this.decoder.decode(whole, { stream: true }) };
    } catch {
      // Largest prefix that still decodes (an unfinished character at its end is allowed).
      let lo = 0;
      let hi = whole.length;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (decodes(whole.subarray(0, mid))) lo = mid;
        else hi = mid;
      }
      const start = completeLength(whole.subarray(0, lo));
      const text = new TextDecoder('utf-8', { ignoreBOM }).decode(whole.subarray(0, start));
      return { text, badByte: whole[start] as number };
    }
  }

  /** False when the input ended inside a character. */
  finish(): boolean {
    return this.pending.length === 0;
  }
}

function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Length of `bytes` without a multi-byte character cut off at the end. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = n - 1; k >= 0 && k >= n - 4; k--) {
    const b = bytes[k] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return k + need > n ? k : n;
  }
  return n;
}
