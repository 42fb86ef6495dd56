/**
 * Streams the records of a delimited file in batches: strict UTF-8 decoding that can say where a bad
 * byte is, ragged rows and oversized fields reported with file, row and column.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';
import { CsvFieldTooLarge, CsvParser, type CsvRecord } from './csv-parser.ts';
import type { ByteSource } from './file-bytes.ts';
import { WhitespaceToTabs } from './layout.ts';


export interface CsvStreamOptions {
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

export async function* readCsvBatches(o: CsvStreamOptions): AsyncGenerator<RawRecord[]> {
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
