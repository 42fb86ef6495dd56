/**
 * An incremental RFC 4180 parser: string chunks in, completed records out, state kept across chunk
 * boundaries (a `"` or `\r` at the end of a chunk waits for the next one). Lenient where real exports
 * are messy, and every leniency is counted in `repairs`:
 * - a bare CR inside an unquoted field is field content (`bare_cr_in_field`, per record), unless the
 *   file uses CR alone as its line ending (old Mac, decided by the caller from the first chunk);
 * - blank lines between records are skipped (`blank_lines`); trailing ones at the end are not counted;
 * - text after a closing quote is kept in the field (`text_after_quote`);
 * - a quote still open at the end of the file closes there (`unterminated_quote`).
 * Row numbers follow a spreadsheet: the first record is row 1, a record spanning lines is one row and
 * a skipped blank line still takes a row number (as it would in a spreadsheet).
 */

export interface CsvParserOptions {
  /** One character, or '' for a one-column file: lines are not split (quotes still apply). */
  readonly delimiter: string;
  /** Old Mac files end lines with a bare CR; decided from the file's first chunk. */
  readonly crIsTerminator: boolean;
  /** A field larger than this (UTF-8 bytes) stops the parse with CsvFieldTooLarge; default no limit. */
  readonly maxFieldBytes?: number;
}

/** A completed record: raw fields ('' = empty) and its row number (first record = 1). */
export interface CsvRecord {
  readonly row: number;
  readonly fields: string[];
}

export type CsvRepair = 'bare_cr_in_field' | 'blank_lines' | 'text_after_quote' | 'unterminated_quote';

export class CsvFieldTooLarge extends Error {
  constructor(
    readonly row: number,
    readonly columnIndex: number,
    readonly limit: number,
  ) {
    super(`field ${columnIndex + 1} of row ${row} is larger than ${limit} bytes`);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

type State = 'start' | 'unquoted' | 'quoted' | 'afterQuote';

export class CsvParser {
  private readonly delim: number;
  private readonly crEnds: boolean;
  private readonly maxBytes: number;
  private atStart = true;
  private state: State = 'start';
  private fields: string[] = [];
  private parts: string[] = [];
  private partsChars = 0;
  /** Exact UTF-8 size of the field, computed only once its char count could exceed the limit. */
  private partsBytes = -1;
  private recordRow = 1;
  private pendingBlank = 0;
  private carry = '';
  private bareCr = false;
  private afterQuoteCounted = false;
  readonly repairs: Record<CsvRepair, number> = { bare_cr_in_field: 0, blank_lines: 0, text_after_quote: 0, unterminated_quote: 0 };

  constructor(options: CsvParserOptions) {
    if (options.delimiter.length > 1) throw new RangeError(`delimiter must be one character, got ${JSON.stringify(options.delimiter)}`);
    this.delim = options.delimiter ? options.delimiter.charCodeAt(0) : -1; // -1 never matches a char code
    this.crEnds = options.crIsTerminator;
    this.maxBytes = options.maxFieldBytes ?? Number.POSITIVE_INFINITY;
  }

  /** The row of the record being parsed now: where a problem in the next characters belongs. */
  get currentRow(): number {
    return this.recordRow + this.pendingBlank;
  }

  /** Index of the field being parsed now. */
  get currentField(): number {
    return this.fields.length;
  }

  push(chunk: string, out: CsvRecord[]): void {
    if (this.atStart && chunk) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // byte order mark, not data
    }
    const text = this.carry ? this.carry + chunk : chunk;
    this.carry = '';
    this.scan(text, out, false);
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(out: CsvRecord[]): void {
    const rest = this.carry;
    this.carry = '';
    // A CR carried to the very end of the input can only be a line ending.
    if (rest) this.scan(rest === '\r' ? '\n' : rest, out, true);
    if (this.state === 'quoted') this.repairs.unterminated_quote++;
    if (this.state !== 'start') {
      this.pushField();
      this.finishRecord(out);
    } else if (this.fields.length > 0) {
      this.fields.push(''); // "a,b," at EOF: the last field is empty
      this.finishRecord(out);
    }
  }

  /** When not final, a CR or quote that is the last character waits: it may start CRLF or `""`. */
  private scan(text: string, out: CsvRecord[], final: boolean): void {
    const n = text.length;
    const last = final ? -1 : n - 1;
    let i = 0;
    let fieldStart = 0;
    while (i < n) {
      switch (this.state) {
        case 'start': {
          const c = text.charCodeAt(i);
          if (c === CR && i === last) {
            this.carry = '\r';
            return;
          }
          if (c === QUOTE) {
            this.state = 'quoted';
            fieldStart = ++i;
          } else if (c === this.delim) {
            this.fields.push('');
            i++;
          } else if (c === LF || (c === CR && this.crEnds)) {
            this.endLine(out);
            i++;
          } else if (c === CR && text.charCodeAt(i + 1) === LF) {
            this.endLine(out);
            i += 2;
          } else {
            this.state = 'unquoted';
            fieldStart = i;
          }
          break;
        }
        case 'unquoted': {
          // The hot loop: most fields of most files end here.
          let j = i;
          let c = 0;
          for (; j < n; j++) {
            c = text.charCodeAt(j);
            if (c === this.delim || c === LF) break;
            if (c === CR) {
              if (j === last || this.crEnds || text.charCodeAt(j + 1) === LF) break;
              this.bareCr = true;
            }
          }
          this.appendPart(text, fieldStart, j);
          if (j >= n) return;
          if (c === CR && j === last) {
            this.carry = '\r';
            return;
          }
          this.pushField();
          if (c === this.delim) {
            this.state = 'start';
            i = j + 1;
          } else {
            this.finishRecord(out);
            i = c === CR && !this.crEnds ? j + 2 : j + 1;
          }
          break;
        }
        case 'quoted': {
          const j = text.indexOf('"', i);
          if (j < 0) {
            this.appendPart(text, fieldStart, n);
            return;
          }
          this.appendPart(text, fieldStart, j);
          if (j === last) {
            this.carry = '"';
            return;
          }
          if (text.charCodeAt(j + 1) === QUOTE) {
            this.appendString('"');
            i = fieldStart = j + 2;
          } else {
            this.state = 'afterQuote';
            i = j + 1;
          }
          break;
        }
        case 'afterQuote': {
          const c = text.charCodeAt(i);
          if (c === CR && i === last) {
            this.carry = '\r';
            return;
          }
          if (c === this.delim) {
            this.pushField();
            this.state = 'start';
            i++;
          } else if (c === LF || (c === CR && (this.crEnds || text.charCodeAt(i + 1) === LF))) {
            this.pushField();
            this.finishRecord(out);
            i += c === CR && !this.crEnds ? 2 : 1;
          } else {
            // `"abc"def`: keep the text rather than failing the whole file.
            if (!this.afterQuoteCounted) this.repairs.text_after_quote++;
            this.afterQuoteCounted = true;
            this.appendString(text[i] as string);
            i++;
          }
          break;
        }
        default: {
          const never: never = this.state;
          throw new Error(`bad parser state ${String(never)}`);
        }
      }
    }
  }

  private appendPart(text: string, from: number, to: number): void {
    if (to > from) this.appendString(text.slice(from, to));
  }

  private appendString(s: string): void {
    this.partsChars += s.length;
    // A UTF-8 byte count is at most 3 per UTF-16 unit, so exact counting starts only near the limit.
    if (this.partsBytes >= 0) {
      this.partsBytes += Buffer.byteLength(s);
    } else if (this.partsChars * 3 > this.maxBytes) {
      this.partsBytes = Buffer.byteLength(s);
      for (const p of this.parts) this.partsBytes += Buffer.byteLength(p);
    }
    if (this.partsBytes > this.maxBytes) {
      throw new CsvFieldTooLarge(this.currentRow, this.fields.length, this.maxBytes);
    }
    this.parts.push(s);
  }

  private pushField(): void {
    this.fields.push(this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join(''));
    this.parts = [];
    this.partsChars = 0;
    this.partsBytes = -1;
    this.afterQuoteCounted = false;
  }

  private endLine(out: CsvRecord[]): void {
    // A line break where a record would start is a blank line; it counts only if a record follows.
    if (this.fields.length === 0) {
      this.pendingBlank++;
      return;
    }
    this.fields.push('');
    this.finishRecord(out);
  }

  /** Closes the record; the caller has pushed its last field. */
  private finishRecord(out: CsvRecord[]): void {
    if (this.bareCr) this.repairs.bare_cr_in_field++;
    this.bareCr = false;
    this.repairs.blank_lines += this.pendingBlank;
    this.recordRow += this.pendingBlank;
    this.pendingBlank = 0;
    out.push({ row: this.recordRow++, fields: this.fields });
    this.fields = [];
    this.state = 'start';
  }
}

/** Parses a whole string (samples, tests). */
export function parseCsv(text: string, options: CsvParserOptions, complete = true): { records: CsvRecord[]; parser: CsvParser } {
  const parser = new CsvParser(options);
  const records: CsvRecord[] = [];
  parser.push(text, records);
  if (complete) parser.end(records);
  return { records, parser };
}
