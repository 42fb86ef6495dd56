import { describe, expect, it } from 'vitest';
import { CsvFieldTooLarge, CsvParser, parseCsv, type CsvParserOptions, type CsvRecord } from './csv-parser.ts';

const comma: CsvParserOptions = { delimiter: ',', crIsTerminator: false };
const fields = (text: string, options: CsvParserOptions = comma) => parseCsv(text, options).records.map((r) => r.fields);
const rows = (text: string, options: CsvParserOptions = comma) => parseCsv(text, options).records.map((r) => r.row);

/** Feeds the text in pieces of `size` characters. */
function inPieces(text: string, size: number, options: CsvParserOptions = comma): { records: CsvRecord[]; repairs: Record<string, number> } {
  const parser = new CsvParser(options);
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size), records);
  parser.end(records);
  return { records, repairs: { ...parser.repairs } };
}

describe('CsvParser', () => {
  it('reads plain records with LF and CRLF line endings', () => {
    expect(fields('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]); // no final line break
    expect(fields('a,b\n1,2\r')).toEqual([['a', 'b'], ['1', '2']]); // a stray CR at the very end
    expect(fields('a,b\n1,"2"\r')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\n1,2\n\r')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('handles quoted delimiters, quoted line breaks and doubled quotes', () => {
    const text = 'id,text\n1,"hello, world"\n2,"line one\nline two"\n3,"she said ""hi"""\n4,"crlf\r\ninside"\n';
    expect(fields(text)).toEqual([
      ['id', 'text'],
      ['1', 'hello, world'],
      ['2', 'line one\nline two'],
      ['3', 'she said "hi"'],
      ['4', 'crlf\r\ninside'],
    ]);
  });

  it('numbers rows by record, not by physical line', () => {
    expect(rows('id,text\n1,"a\nb\nc"\n2,d\n')).toEqual([1, 2, 3]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,b,c\n,,\n1,,"" \n"",x,\n')).toEqual([['a', 'b', 'c'], ['', '', ''], ['1', '', ' '], ['', 'x', '']]);
  });

  it('keeps a bare CR inside an unquoted field as content and counts the record once', () => {
    const { records, parser } = parseCsv('id,text\n1,@AskPayPal \r\rI just love it\n2,ok\r\n3,x\ry\n', comma);
    expect(records.map((r) => r.fields)).toEqual([['id', 'text'], ['1', '@AskPayPal \r\rI just love it'], ['2', 'ok'], ['3', 'x\ry']]);
    expect(parser.repairs.bare_cr_in_field).toBe(2);
  });

  it('uses a bare CR as the line ending for old Mac files', () => {
    const old: CsvParserOptions = { delimiter: ',', crIsTerminator: true };
    expect(fields('a,b\r1,2\r"x\ry",3\r', old)).toEqual([['a', 'b'], ['1', '2'], ['x\ry', '3']]);
  });

  it('drops a BOM at the start only', () => {
    expect(fields('\uFEFFa,b\n1,\uFEFF\n')).toEqual([['a', 'b'], ['1', '\uFEFF']]);
  });

  it('skips blank lines in the data, counts them, and ignores trailing ones', () => {
    const { records, parser } = parseCsv('a,b\n1,2\n\n\n3,4\n\n\r\n\n', comma);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    // A blank line keeps its row number, as it would in a spreadsheet.
    expect(records.map((r) => r.row)).toEqual([1, 2, 5]);
    expect(parser.repairs.blank_lines).toBe(2);
  });

  it('keeps text after a closing quote and closes a quote left open at the end', () => {
    const { records, parser } = parseCsv('a,b\n"x"y,2\n3,"open\n', comma);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['xy', '2'], ['3', 'open\n']]);
    expect(parser.repairs.text_after_quote).toBe(1);
    expect(parser.repairs.unterminated_quote).toBe(1);
  });

  it('treats quotes inside an unquoted field as text', () => {
    expect(fields('a,b\n5" screen,2\n')).toEqual([['a', 'b'], ['5" screen', '2']]);
  });

  it('works with other delimiters', () => {
    expect(fields('a\tb\n"x\ty"\t2\n', { delimiter: '\t', crIsTerminator: false })).toEqual([['a', 'b'], ['x\ty', '2']]);
    expect(fields('a;b\n1,5;2\n', { delimiter: ';', crIsTerminator: false })).toEqual([['a', 'b'], ['1,5', '2']]);
  });

  it('gives the same records and repairs whatever the chunk boundaries', () => {
    const cases: [string, CsvParserOptions][] = [
      ['id,text,n\r\n1,"quoted ""x"", with, commas",3\r\n2,"multi\r\nline",\r\n\r\n3,bare\rcr,5\r\n4,"a""",""\r\n', comma],
      ['a,b\n"x"y,2\n\n3,"open ""q""\n', comma],
      ['a,b\r1,"x\r""y"""\r\r2,3\r', { delimiter: ',', crIsTerminator: true }],
      ['\uFEFFa\tb\n"\t"\t\r\n', { delimiter: '\t', crIsTerminator: false }],
    ];
    for (const [text, options] of cases) {
      const whole = inPieces(text, text.length, options);
      for (const size of [1, 2, 3, 5, 7]) expect(inPieces(text, size, options)).toEqual(whole);
    }
  });

  it('stops a field over the byte limit without reading all of it', () => {
    const parser = new CsvParser({ delimiter: ',', crIsTerminator: false, maxFieldBytes: 10 });
    const out: CsvRecord[] = [];
    parser.push('a,b\n1,"12345', out);
    expect(() => parser.push('678901', out)).toThrow(CsvFieldTooLarge);
    try {
      new CsvParser({ delimiter: ',', crIsTerminator: false, maxFieldBytes: 10 }).push('a,b\n1,2\n3,éééééé\n', []);
      expect.unreachable();
    } catch (err) {
      // Six é are 6 characters but 12 bytes.
      expect(err).toBeInstanceOf(CsvFieldTooLarge);
      expect(err).toMatchObject({ row: 3, columnIndex: 1, limit: 10 });
    }
  });

  it('parses half a million short records in 64 KiB chunks, every one whole', () => {
    // Speed is measured in bench/import-bench.ts, never asserted here.
    const line = '536365,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n';
    const text = line.repeat(100_000);
    const parser = new CsvParser(comma);
    const out: CsvRecord[] = [];
    let records = 0;
    let whole = 0;
    for (let i = 0; i < 5; i++) {
      for (let k = 0; k < text.length; k += 65_536) parser.push(text.slice(k, k + 65_536), out);
      records += out.length;
      for (const r of out) if (r.fields.length === 8 && r.fields[2] === 'WHITE HANGING HEART T-LIGHT HOLDER') whole++;
      out.length = 0;
    }
    expect(records).toBe(500_000);
    expect(whole).toBe(500_000);
  });
});

describe('CsvParser without a delimiter (one-column files)', () => {
  it('reads each line whole, still honouring quotes', () => {
    const none: CsvParserOptions = { delimiter: '', crIsTerminator: false };
    expect(fields('review\nGreat, really\n"quoted, with\nnewline"\n', none)).toEqual([['review'], ['Great, really'], ['quoted, with\nnewline']]);
  });
});
