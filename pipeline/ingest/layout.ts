/**
 * Two layouts the delimiter sniffer cannot see on its own: columns separated by runs of spaces (fixed-width
 * style logs, often with leading spaces), and files whose first line is already data (no header).
 * Whitespace-separated files are read by turning each run of spaces or tabs into one tab and trimming
 * the ends of every line, so the CSV parser then splits on tabs; such files cannot quote a field.
 */

/** The delimiter setting that means "runs of spaces or tabs". */
export const whitespaceDelimiter = 'whitespace';

/** How a generated column name reads: column_1, column_2, … (the file's own order). */
export const generatedColumnName = (index: number): string => `column_${index + 1}`;

export const layoutDefaults = {
  /** Lines sampled to decide. */
  records: 50,
  /** Share of sampled lines that must split into the usual number of fields. */
  consistentShare: 0.9,
  /** A numeric column has at least this share of number- or date-like values below the first line. */
  numericShare: 0.9,
} as const;

/** Numbers, dates and times: digits with separators only ('11.77', '-3', '2021-01-01', '08:30', '00042'). */
const numberLike = /^[-+]?\d[\d.,:/ -]*$/;

const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * Streaming conversion of whitespace-separated text to tab-separated text. State survives chunk
 * boundaries: a run of spaces at the end of a chunk becomes a tab only if a field follows it.
 */
export class WhitespaceToTabs {
  private lineStart = true;
  private pendingGap = false;

  push(chunk: string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (isBlank(c)) {
        out += chunk.slice(from, i);
        from = i + 1;
        if (!this.lineStart) this.pendingGap = true;
      } else if (c === 10 || c === 13) {
        // Trailing spaces before a line break are not a field separator.
        this.pendingGap = false;
        this.lineStart = true;
      } else {
        if (this.pendingGap) {
          out += chunk.slice(from, i) + '\t';
          from = i;
          this.pendingGap = false;
        }
        this.lineStart = false;
      }
    }
    return out + chunk.slice(from);
  }
}

/** Converts a whole string (samples, tests). */
export function whitespaceToTabs(text: string): string {
  return new WhitespaceToTabs().push(text);
}

/** The sampled non-blank lines split on runs of whitespace. */
function splitLines(sample: string, complete: boolean): string[][] {
  const lines = sample.split(/\r\n|\n|\r/);
  if (!complete) lines.pop(); // the last line may be cut off
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, layoutDefaults.records)
    .map((l) => l.split(/[ \t]+/));
}

/**
 * Whether the sample reads as whitespace-separated columns: at least two lines, the same number (two or
 * more) of fields on at least 90% of lines, and at least one column of numbers, so that lines of prose
 * (which also split on spaces, into varying counts) are never taken for a table.
 */
export function looksWhitespaceSeparated(sample: string, complete: boolean): { columns: number } | null {
  const rows = splitLines(sample, complete);
  if (rows.length < 2) return null;
  // The usual field count, so that one bad line is reported as a bad row instead of hiding the layout.
  const tally = new Map<number, number>();
  for (const r of rows) tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
  const [columns, same] = [...tally].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
  if (columns < 2 || same / rows.length < layoutDefaults.consistentShare) return null;
  const body = rows.slice(1).filter((r) => r.length === columns);
  for (let j = 0; j < columns; j++) {
    if (body.every((r) => numberLike.test(r[j] ?? ''))) return { columns };
  }
  return null;
}

/**
 * Whether the first record is data rather than a header: some column holds numbers below the first line,
 * and every such column holds a number in the first line too (a header names a numeric column with a
 * word). A table without any numeric column cannot be told apart; it is taken to have a header.
 */
export function looksHeaderless(records: readonly (readonly string[])[]): boolean {
  const [first, ...rest] = records.slice(0, layoutDefaults.records);
  if (!first || rest.length === 0) return false;
  let numeric = 0;
  for (let j = 0; j < first.length; j++) {
    const values = rest.map((r) => (r[j] ?? '').trim()).filter((v) => v !== '');
    if (!values.length) continue;
    const share = values.filter((v) => numberLike.test(v)).length / values.length;
    if (share < layoutDefaults.numericShare) continue;
    numeric++;
    if (!numberLike.test((first[j] ?? '').trim())) return false;
  }
  return numeric > 0;
}
