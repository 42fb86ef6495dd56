/**
 * An incremental RFC 4180 parser: string chunks in, completed records out, state kept across chunk
 * boundaries. Lenient where real exports are messy: a bare carriage return inside an unquoted field is
 * field content (counted as a repair) unless the file uses CR alone as its line ending, and text after
 * a closing quote is kept as part of the field.
 */

export interface CsvParserOptions {
  readonly delimiter: string;
  /** Old Mac files end lines with a bare CR; decided from the file's first chunk. */
  readonly crIsTerminator: boolean;
  readonly maxFieldChars: number;
}

/** A completed record: fields ('' = empty) and the 1-based record number (header = 1). */
export interface CsvRecord {
  readonly row: number;
  readonly fields: string[];
}

export class CsvFieldTooLarge extends Error {
  constructor(
    readonly row: number,
    readonly columnIndex: number,
  ) {
    super(`field larger than the limit at record ${row}, field ${columnIndex + 1}`);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

type State = 'start' | 'unquoted' | 'quoted' | 'afterQuote';

export class CsvParser {
  private readonly delim: number;
  private state: State = 'start';
  private fields: string[] = [];
  private parts: string[] = [];
  private partsLength = 0;
  private recordRow = 1;
  private carry = '';
  private bareCr = false;
  /** Records with a bare CR kept inside a field, and blank lines skipped. */
  readonly repairs = { bare_cr_in_field: 0, blank_lines: 0 };

  constructor(private readonly options: CsvParserOptions) {
    if (options.delimiter.length !== 1) throw new RangeError(`delimiter must be one character, got ${JSON.stringify(options.delimiter)}`);
    this.delim = options.delimiter.charCodeAt(0);
  }

  /** The record number being parsed now: where an error in the next bytes belongs. */
  get currentRow(): number {
    return this.recordRow;
  }

  /** Index of the field being parsed now. */
  get currentField(): number {
    return this.fields.length;
  }

  push(chunk: string, out: CsvRecord[]): void {
    const text = this.carry + chunk;
    this.carry = '';
    this.scan(text, out, false);
  }

  end(out: CsvRecord[]): void {
    const rest = this.carry;
    this.carry = '';
    if (rest) this.scan(rest, out, true);
    // An unterminated quote swallows the rest of the file; keep what we have as the last field.
    if (this.state === 'unquoted' || this.state === 'quoted' || this.state === 'afterQuote') {
      this.pushField();
      this.finishRecord(out);
    } else if (this.fields.length > 0) {
      this.fields.push('');
      this.finishRecord(out);
    }
  }

  /**
   * Scans one piece of text. When not final, a CR or a quote that is the last character is carried to
   * the next chunk: it may be the first half of CRLF or of an escaped "".
   */
  private scan(text: string, out: CsvRecord[], final: boolean): void {
    const n = text.length;
    const atEnd = (k: number) => k === n - 1 && !final;
    let i = 0;
    let fieldStart = 0;
    while (i < n) {
      switch (this.state) {
        case 'start': {
          const c = text.charCodeAt(i);
          if (c === CR && atEnd(i)) {
            this.carry = '\r';
            return;
          }
          if (c === QUOTE) {
            this.state = 'quoted';
            fieldStart = ++i;
          } else if (c === this.delim) {
            this.fields.push('');
            i++;
          } else if (c === LF) {
            this.endLine(out);
            i++;
          } else if (c === CR && text.charCodeAt(i + 1) === LF) {
            this.endLine(out);
            i += 2;
          } else if (c === CR && this.options.crIsTerminator) {
            this.endLine(out);
            i++;
          } else {
            this.state = 'unquoted';
            fieldStart = i;
          }
          break;
        }
        case 'unquoted': {
          let j = i;
          let carryCr = false;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === this.delim || c === LF) break;
            if (c === CR) {
              if (atEnd(j)) {
                carryCr = true;
                break;
              }
              if (this.options.crIsTerminator || text.charCodeAt(j + 1) === LF) break;
              this.bareCr = true;
            }
            j++;
          }
          this.appendPart(text, fieldStart, j);
          if (carryCr) {
            this.carry = '\r';
            return;
          }
          if (j >= n) return;
          const c = text.charCodeAt(j);
          this.pushField();
          if (c === this.delim) {
            this.state = 'start';
            i = j + 1;
          } else {
            this.finishRecord(out);
            i = c === CR && !this.options.crIsTerminator ? j + 2 : j + 1;
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
          if (atEnd(j)) {
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
          if (c === CR && atEnd(i)) {
            this.carry = '\r';
            return;
          }
          if (c === this.delim) {
            this.pushField();
            this.state = 'start';
            i++;
          } else if (c === LF || (c === CR && (this.options.crIsTerminator || text.charCodeAt(i + 1) === LF))) {
            this.pushField();
            this.finishRecord(out);
            i += c === CR && !this.options.crIsTerminator ? 2 : 1;
          } else {
            // Text after a closing quote: keep it rather than failing the whole file.
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
    if (to <= from) return;
    this.appendString(text.slice(from, to));
  }

  private appendString(s: string): void {
    this.partsLength += s.length;
    if (this.partsLength > this.options.maxFieldChars) throw new CsvFieldTooLarge(this.recordRow, this.fields.length);
    this.parts.push(s);
  }

  private pushField(): void {
    this.fields.push(this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join(''));
    this.parts = [];
    this.partsLength = 0;
  }

  private endLine(out: CsvRecord[]): void {
    // A line break right at the start of a record: blank line (or the end of a trailing field list).
    if (this.fields.length === 0) {
      this.repairs.blank_lines++;
      return;
    }
    this.fields.push('');
    this.finishRecord(out);
  }

  /** Closes the record; the caller has pushed its last field. */
  private finishRecord(out: CsvRecord[]): void {
    if (this.bareCr) this.repairs.bare_cr_in_field++;
    this.bareCr = false;
    out.push({ row: this.recordRow++, fields: this.fields });
    this.fields = [];
    this.parts = [];
    this.partsLength = 0;
    this.state = 'start';
  }
}
