/**
 * Streams a delimited file as batches of RawRecord: bytes are checked as UTF-8 (so a bad byte is
 * reported at its record), decoded, parsed, and checked against the header's field count.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';
import { CsvFieldTooLarge, CsvParser, type CsvRecord } from './csv-parser.ts';
import { checkUtf8 } from './utf8.ts';

export interface CsvStreamOptions {
  readonly file: string;
  readonly open: () => NodeJS.ReadableStream;
  readonly delimiter: string;
  readonly crIsTerminator: boolean;
  readonly header: readonly string[];
  readonly maxFieldBytes: number;
  readonly batchSize: number;
  /** Filled as the file is read (the last pass wins). */
  readonly repairs: Record<string, number>;
}

export async function* readCsvBatches(o: CsvStreamOptions): AsyncGenerator<RawRecord[]> {
  const parser = new CsvParser({ delimiter: o.delimiter, crIsTerminator: o.crIsTerminator, maxFieldChars: o.maxFieldBytes });
  const decoder = new TextDecoder('utf-8');
  const where = (row: number, field: number) => ({ file: o.file, row, column: o.header[field] ?? `field ${field + 1}` });
  let pending: CsvRecord[] = [];
  let batch: RawRecord[] = [];
  let carry: Uint8Array = new Uint8Array(0);
  let first = true;

  const take = (records: CsvRecord[]): void => {
    for (const r of records) {
      if (r.row === 1) continue; // the header
      if (r.fields.length !== o.header.length) {
        const found = r.fields.length;
        const column = found < o.header.length ? o.header[found] : `(extra field ${found})`;
        throw new PersonaError('ragged_row', `expected ${o.header.length} fields, found ${found}`, { file: o.file, row: r.row, column });
      }
      batch.push({ row: r.row, values: r.fields.map((f) => (f === '' ? null : f)) });
    }
  };
  const feed = (text: string): void => {
    try {
      parser.push(text, pending);
    } catch (err) {
      if (err instanceof CsvFieldTooLarge) {
        throw new PersonaError('field_too_large', `a field is larger than ${o.maxFieldBytes.toLocaleString('en-US')} bytes`, where(err.row, err.columnIndex));
      }
      throw err;
    }
    take(pending);
    pending = [];
  };

  for await (const chunk of o.open() as AsyncIterable<Buffer>) {
    const bytes = carry.length ? concat(carry, chunk) : chunk;
    const check = checkUtf8(bytes);
    if (check.invalidAt >= 0) {
      feed(decoder.decode(bytes.subarray(0, check.invalidAt)));
      throw new PersonaError(
        'bad_encoding',
        `not UTF-8 text (byte 0x${(bytes[check.invalidAt] as number).toString(16)}); re-save the file as UTF-8`,
        where(parser.currentRow, parser.currentField),
      );
    }
    const usable = bytes.length - check.incompleteTail;
    carry = bytes.slice(usable);
    let text = decoder.decode(bytes.subarray(0, usable));
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    feed(text);
    while (batch.length >= o.batchSize) {
      yield batch.slice(0, o.batchSize);
      batch = batch.slice(o.batchSize);
    }
  }
  if (carry.length) {
    throw new PersonaError('bad_encoding', 'the file ends in the middle of a UTF-8 character', where(parser.currentRow, parser.currentField));
  }
  parser.end(pending);
  take(pending);
  Object.assign(o.repairs, nonZero(parser.repairs));
  if (batch.length) yield batch;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, v]) => v > 0));
}
