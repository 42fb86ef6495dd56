/**
 * Guesses about a file from its name and first bytes: the format, the line ending and the delimiter.
 * Delimiters are scored by parsing the first records with the real parser, so quoted delimiters and
 * quoted line breaks do not mislead the count.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { SourceFormat } from '../types.ts';
import { parseCsv } from './csv-parser.ts';

export const delimiterCandidates = [',', '\t', ';', '|'] as const;

export const sniffDefaults = { records: 50, consistentShare: 0.9 } as const;

export interface SniffResult {
  readonly delimiter: string;
  /** Field count of the first record (the header) under this delimiter. */
  readonly columns: number;
  /** Share of the following sampled records with the header's field count (1 when there are none). */
  readonly consistency: number;
}

const byExtension: Readonly<Record<string, SourceFormat>> = {
  csv: 'csv', tsv: 'csv', tab: 'csv', txt: 'csv', psv: 'csv',
  jsonl: 'jsonl', ndjson: 'jsonl', json: 'jsonl',
  parquet: 'parquet', pq: 'parquet',
};

/** Formats people try that we cannot read, with what to do instead. */
const unsupported: Readonly<Record<string, string>> = {
  xlsx: 'an Excel workbook; export the sheet as CSV (UTF-8)',
  xlsm: 'an Excel workbook; export the sheet as CSV (UTF-8)',
  xls: 'an Excel workbook; export the sheet as CSV (UTF-8)',
  ods: 'a spreadsheet; export the sheet as CSV (UTF-8)',
  numbers: 'a Numbers spreadsheet; export it as CSV (UTF-8)',
  zip: 'a ZIP archive; extract the data file first',
  pdf: 'a PDF; export the data as CSV',
  docx: 'a Word document; export the data as CSV',
  sav: 'an SPSS file; export it as CSV',
  dta: 'a Stata file; export it as CSV',
  feather: 'an Arrow/Feather file; convert it to Parquet or CSV',
  arrow: 'an Arrow file; convert it to Parquet or CSV',
  avro: 'an Avro file; convert it to Parquet or CSV',
  orc: 'an ORC file; convert it to Parquet or CSV',
};

/** The format named by the extension (a trailing .gz is ignored), or null when the name says nothing. */
export function formatFromName(file: string): SourceFormat | null {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  if (dot <= slash + 1) return null;
  const ext = name.slice(dot + 1);
  const why = unsupported[ext];
  if (why) throw new PersonaError('unsupported_format', `unsupported format: this is ${why}`, { file });
  return byExtension[ext] ?? null;
}

export function hasParquetMagic(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31; // "PAR1"
}

/** Recognisable binary containers, for files whose name gives no format. */
export function binaryKind(head: Uint8Array): string | null {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'a ZIP archive (an .xlsx workbook is one); export the data as CSV';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'an old Office file (.xls); export the sheet as CSV';
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'a PDF; export the data as CSV';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'a PNG image, not data';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'a JPEG image, not data';
  if (head[0] === 0x47 && head[1] === 0x49 && head[2] === 0x46 && head[3] === 0x38) return 'a GIF image, not data';
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'an executable (ELF), not data';
  if (head[0] === 0x53 && head[1] === 0x51 && head[2] === 0x4c && head[3] === 0x69) return 'an SQLite database; export the table as CSV';
  if (head[0] === 0x37 && head[1] === 0x7a && head[2] === 0xbc && head[3] === 0xaf) return 'a 7-Zip archive; extract the data file first';
  return null;
}

/** UTF-16 text shows up as NUL bytes; say so instead of just "binary". */
export function utf16Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** For text whose name gives no format: a line starting with `{` is JSON Lines, anything else CSV. */
export function formatFromText(text: string): SourceFormat {
  return /^\s*\{/.test(text) ? 'jsonl' : 'csv';
}

/** Old Mac files end lines with a bare CR: CRs in the sample but no LF at all. */
export function usesCrLineEnds(sample: string): boolean {
  return sample.includes('\r') && !sample.includes('\n');
}

/**
 * Scores one delimiter over the first records of the sample. `complete` says the sample is the whole
 * file, so its last line counts even without a final line break.
 */
export function scoreDelimiter(sample: string, delimiter: string, crIsTerminator: boolean, complete = false): SniffResult {
  const { records } = parseCsv(sample, { delimiter, crIsTerminator }, complete);
  const head = records.slice(0, sniffDefaults.records);
  const columns = head[0]?.fields.length ?? 0;
  const rest = head.slice(1);
  const consistent = rest.filter((r) => r.fields.length === columns).length;
  return { delimiter, columns, consistency: rest.length ? consistent / rest.length : 1 };
}

/**
 * Best delimiter for the sample: the most consistent field count above one, then the hint (a .tsv
 * extension), then the most columns. With no multi-column candidate the file is one column: ','.
 */
export function sniffDelimiter(sample: string, crIsTerminator: boolean, hint?: string, complete = false): SniffResult {
  const scored = delimiterCandidates.map((d) => scoreDelimiter(sample, d, crIsTerminator, complete));
  const multi = scored.filter((s) => s.columns > 1);
  if (!multi.length) return { delimiter: ',', columns: Math.max(1, scored[0]?.columns ?? 1), consistency: 1 };
  multi.sort(
    (a, b) =>
      b.consistency - a.consistency ||
      Number(b.delimiter === hint) - Number(a.delimiter === hint) ||
      b.columns - a.columns,
  );
  return multi[0] as SniffResult;
}

/** A configured delimiter as one character: accepts "\\t" and "tab" as spelled in JSON configs. */
export function normaliseDelimiter(file: string, given: string): string {
  const named: Readonly<Record<string, string>> = { '\\t': '\t', tab: '\t', comma: ',', semicolon: ';', pipe: '|' };
  const d = named[given.toLowerCase()] ?? given;
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw new PersonaError('bad_option', `delimiter must be a single character such as "," or "\\t", got ${JSON.stringify(given)}`, { file });
  }
  return d;
}

/** Separators we never pick ourselves but recognise, so a file using one is not read as one silent column. */
export const unusualDelimiters = [':', '^', '~', '#', '/'] as const;

/**
 * For a file that reads as one column: a separator outside the candidates that splits the header into
 * named fields and the first records into the same number of fields, or null.
 */
export function unusualDelimiter(sample: string, crIsTerminator: boolean, complete = false): SniffResult | null {
  for (const d of unusualDelimiters) {
    const { records } = parseCsv(sample, { delimiter: d, crIsTerminator }, complete);
    const head = records.slice(0, sniffDefaults.records);
    const header = head[0]?.fields ?? [];
    const rest = head.slice(1);
    if (header.length < 2 || rest.length < 2 || header.some((f) => !f.trim())) continue;
    const same = rest.filter((r) => r.fields.length === header.length).length / rest.length;
    if (same >= sniffDefaults.consistentShare) return { delimiter: d, columns: header.length, consistency: same };
  }
  return null;
}
