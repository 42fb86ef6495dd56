/**
 * Opens a data file: detects gzip (by its bytes), the format, binary content, the delimiter and the
 * header from the beginning of the file, and streams records in batches on demand. Each call to
 * batches() re-reads the file, so an import can make two passes in bounded memory.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord, SourceFormat } from '../types.ts';
import { parseCsv } from './csv-parser.ts';
import { readCsvBatches, type CsvStreamOptions } from './csv-stream.ts';
import { checkText, readBytes, readHead, readSample, specialFileKind, statFile, type ByteSource } from './file-bytes.ts';
import { readJsonlBatches, readJsonlHeader } from './jsonl-reader.ts';
import { generatedColumnName, looksHeaderless, looksWhitespaceSeparated, whitespaceDelimiter, whitespaceToTabs } from './layout.ts';
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

export type { ByteSource } from './file-bytes.ts';

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
