import { describe, expect, it } from 'vitest';
import { createParser, isMissing, MISSING_TOKENS, parseBoolean, parseNumber, type ParserSpec, unrepresentableReason } from './values.ts';

describe('isMissing', () => {
  it('knows the missing tokens, trimmed and in any case', () => {
    expect([...MISSING_TOKENS].sort()).toEqual(['', '-', '?', 'n/a', 'na', 'nan', 'none', 'null'].sort());
    for (const raw of [null, '', '  ', 'NA', 'n/a', 'N/A', 'NULL', 'None', 'NaN', ' nan ', '-', '?']) expect(isMissing(raw), String(raw)).toBe(true);
  });

  it('keeps real values, including zero and words that contain a token', () => {
    for (const raw of ['0', 'false', 'No', 'nana', 'Nancy', '--', '-1', 'none of them', 'N']) expect(isMissing(raw), raw).toBe(false);
  });
});

describe('parseNumber', () => {
  it.each([
    ['1,234.5', 1234.5],
    ['1,234', 1234],
    ['12,345,678', 12345678],
    ['$1,200', 1200],
    ['-$5', -5],
    ['$-5', -5],
    ['€ 3.50', 3.5],
    ['12%', 12],
    [' 7 ', 7],
    ['3.0', 3],
    ['-2', -2],
    ['+4', 4],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['.5', 0.5],
    ['0001', 1],
    ['-0', 0],
  ])('%j → %j', (raw, expected) => {
    expect(parseNumber(raw)).toBe(expected);
  });

  it.each(['', ' ', '1,23', '1,2345', '12,34.5', '1234,567', ',123', 'abc', '85123A', 'C536379', '1.2.3', '--5', '.', 'e5', 'NaN', 'Infinity', '0x10', '12-05-2014', '5 apples', '%'])(
    '%j is not a number',
    (raw) => {
      expect(parseNumber(raw)).toBeNull();
    },
  );
});

describe('parseBoolean', () => {
  it('reads true/false, yes/no, y/n, t/f in any case', () => {
    for (const raw of ['true', 'True', 'TRUE', 'yes', 'Y', 't', ' T ']) expect(parseBoolean(raw), raw).toBe(true);
    for (const raw of ['false', 'False', 'no', 'N', 'f']) expect(parseBoolean(raw), raw).toBe(false);
  });

  it('does not read 0/1 or other words', () => {
    for (const raw of ['0', '1', 'maybe', '', 'yess']) expect(parseBoolean(raw), raw).toBeNull();
  });
});

describe('createParser', () => {
  it('returns null for missing values whatever the spec', () => {
    const specs: ParserSpec[] = ['string', 'number', 'integer', 'boolean', 'boolean01', 'date:iso', 'date:dmy'];
    for (const spec of specs) {
      const parse = createParser(spec);
      expect(parse(null)).toBeNull();
      expect(parse('NA')).toBeNull();
      expect(parse('  ')).toBeNull();
    }
  });

  it('parses strings (trimmed), numbers and integers', () => {
    expect(createParser('string')(' Leeds ')).toEqual({ ok: true, value: 'Leeds' });
    expect(createParser('number')('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(createParser('number')('1,23')).toEqual({ ok: false, reason: 'not a number' });
    // Only digits that overflow a double are reported as too large (and kept as text).
    expect(createParser('number')(`1${'0'.repeat(400)}`)).toEqual({ ok: false, reason: unrepresentableReason });
    expect(createParser('number')(`1,000${',000'.repeat(130)}`)).toEqual({ ok: false, reason: unrepresentableReason });
    expect(createParser('integer')('3.0')).toEqual({ ok: true, value: 3 });
    expect(createParser('integer')('3.5')).toEqual({ ok: false, reason: 'not a whole number' });
  });

  it('reads 0/1 as booleans only through boolean01', () => {
    expect(createParser('boolean')('True')).toEqual({ ok: true, value: true });
    expect(createParser('boolean')('1')).toMatchObject({ ok: false });
    expect(createParser('boolean01')('1')).toEqual({ ok: true, value: true });
    expect(createParser('boolean01')('0')).toEqual({ ok: true, value: false });
    expect(createParser('boolean01')('1.0')).toEqual({ ok: true, value: true });
    expect(createParser('boolean01')('2')).toEqual({ ok: false, reason: 'not 0 or 1' });
  });

  it('parses dates to epoch milliseconds and names the expected format when one does not fit', () => {
    expect(createParser('date:dmy')('04-09-2012')).toEqual({ ok: true, value: Date.UTC(2012, 8, 4) });
    expect(createParser('date:dmy')('31-02-2012')).toEqual({ ok: false, reason: 'not a dd-mm-yyyy date' });
    expect(createParser('date:iso')('2010-12-01 08:26:00')).toEqual({ ok: true, value: Date.UTC(2010, 11, 1, 8, 26) });
    expect(createParser('date:twitter')('yesterday')).toEqual({ ok: false, reason: 'not a Twitter style date' });
  });

  it('rejects an unknown date format in a plan', () => {
    expect(() => createParser('date:julian' as ParserSpec)).toThrow(/unknown date format/);
  });
});
