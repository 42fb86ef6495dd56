import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import { binaryKind, formatFromName, formatFromText, normaliseDelimiter, scoreDelimiter, sniffDelimiter, usesCrLineEnds } from './sniff.ts';

const sniffed = (sample: string, hint?: string) => sniffDelimiter(sample, usesCrLineEnds(sample), hint, true).delimiter;

describe('sniffDelimiter', () => {
  it('finds comma, tab, semicolon and pipe tables', () => {
    expect(sniffed('id,name,age\n1,Ann,30\n2,Bob,41\n')).toBe(',');
    expect(sniffed('id\tname\tage\n1\tAnn, Jr\t30\n2\tBob\t41\n')).toBe('\t');
    expect(sniffed('id;price;city\n1;2,50;Leeds\n2;3,10;York\n')).toBe(';');
    expect(sniffed('id|name\n1|a,b\n2|c;d\n')).toBe('|');
  });

  it('respects quotes: delimiters inside quoted fields do not count', () => {
    const sample = 'id;text\n1;"a, b, c, d"\n2;"e, f, g"\n3;"no commas"\n';
    expect(sniffed(sample)).toBe(';');
    expect(scoreDelimiter(sample, ';', false, true)).toEqual({ delimiter: ';', columns: 2, consistency: 1 });
  });

  it('prefers the most consistent field count', () => {
    // Commas appear in every line but not consistently; tabs split every line the same way.
    const sample = 'name\tnotes\nAnn\tlikes tea, cake\nBob\tnone\nCy\ta, b, c\n';
    expect(sniffed(sample)).toBe('\t');
  });

  it('uses a .tsv hint only to break ties', () => {
    const both = 'a,b\tc\n1,2\t3\n';
    expect(sniffed(both)).toBe(','); // a full tie keeps the candidate order
    expect(sniffed(both, '\t')).toBe('\t');
    expect(sniffed('a,b,c\n1,2,3\n', '\t')).toBe(','); // the hint does not beat the data
  });

  it('returns a comma for a single-column file', () => {
    expect(sniffDelimiter('review\nGreat, really\nBad\n', false, undefined, true)).toEqual({ delimiter: ',', columns: 1, consistency: 1 });
  });

  it('does not count a truncated last line unless the sample is the whole file', () => {
    expect(scoreDelimiter('a,b\n1,2\n3', ',', false, false).consistency).toBe(1);
    expect(scoreDelimiter('a,b\n1,2\n3', ',', false, true).consistency).toBe(0.5);
  });

  it('tells old Mac line endings apart', () => {
    expect(usesCrLineEnds('a,b\r1,2\r')).toBe(true);
    expect(usesCrLineEnds('a,b\r\n1,2\r\n')).toBe(false);
    expect(usesCrLineEnds('a,b\n1,2\n')).toBe(false);
  });
});

describe('format detection', () => {
  it('reads the format from the extension, ignoring .gz', () => {
    expect(formatFromName('data/x.csv')).toBe('csv');
    expect(formatFromName('x.TSV.gz')).toBe('csv');
    expect(formatFromName('x.txt')).toBe('csv');
    expect(formatFromName('x.ndjson')).toBe('jsonl');
    expect(formatFromName('x.json.gz')).toBe('jsonl');
    expect(formatFromName('x.parquet')).toBe('parquet');
    expect(formatFromName('dir.v2/noext')).toBeNull();
    expect(formatFromName('.hidden')).toBeNull();
  });

  it('rejects spreadsheets and other known formats with advice', () => {
    try {
      formatFromName('sales.xlsx');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PersonaError);
      expect((err as PersonaError).code).toBe('unsupported_format');
      expect((err as PersonaError).message).toContain('sales.xlsx');
      expect((err as PersonaError).message).toContain('CSV');
    }
  });

  it('recognises binary containers and JSON Lines text', () => {
    expect(binaryKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toContain('ZIP');
    expect(binaryKind(new Uint8Array([0x61, 0x2c, 0x62]))).toBeNull();
    expect(formatFromText('  {"a": 1}\n')).toBe('jsonl');
    expect(formatFromText('a,b\n')).toBe('csv');
  });

  it('normalises configured delimiters', () => {
    expect(normaliseDelimiter('f.csv', '\\t')).toBe('\t');
    expect(normaliseDelimiter('f.csv', 'tab')).toBe('\t');
    expect(normaliseDelimiter('f.csv', ';')).toBe(';');
    expect(() => normaliseDelimiter('f.csv', ';;')).toThrow(/f\.csv.*single character/);
  });
});
