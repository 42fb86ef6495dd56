/**
 * CSV output with RFC 4180 quoting: a field is quoted when it holds a comma, a double quote, a line
 * break or edge whitespace, and quotes inside are doubled. Lines end in \n; the importer reads both.
 */
export type CsvValue = string | number | boolean | null;

const needsQuotes = /[",\r\n]|^\s|\s$/;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? formatNumber(value) : String(value);
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Plain decimal notation: no exponent, no trailing float noise (19.990000000000002 → 19.99). */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot write ${n} to CSV`);
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A header and rows as one CSV document, ending with a line break. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) {
    if (row.length !== header.length) throw new RangeError(`CSV row has ${row.length} fields, header has ${header.length}`);
    lines.push(csvLine(row));
  }
  return `${lines.join('\n')}\n`;
}
