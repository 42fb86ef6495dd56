import { describe, expect, it } from 'vitest';
import { DateEvidence, parseDate, type DateFormatId } from './dates.ts';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('parseDate', () => {
  const cases: [DateFormatId, string, number][] = [
    ['iso', '2010-12-01', at(2010, 12, 1)],
    ['iso', '2010-12-01 08:26:00', at(2010, 12, 1, 8, 26)],
    ['iso', '2010-12-01 08:26', at(2010, 12, 1, 8, 26)],
    ['iso', '2010-12-01T08:26:00', at(2010, 12, 1, 8, 26)],
    ['iso', '2010-12-01T08:26:00.123Z', at(2010, 12, 1, 8, 26, 0, 123)],
    ['iso', '2010-12-01T08:26:00+02:00', at(2010, 12, 1, 6, 26)],
    ['iso', '2010-12-01T08:26:00-0130', at(2010, 12, 1, 9, 56)],
    ['dmy', '04-09-2012', at(2012, 9, 4)],
    ['dmy', '21/08/2013', at(2013, 8, 21)],
    ['dmy', '21.08.2013', at(2013, 8, 21)],
    ['dmy', '1/2/2013 8:26', at(2013, 2, 1, 8, 26)],
    ['dmy', '01-02-2013 08:26:59', at(2013, 2, 1, 8, 26, 59)],
    ['mdy', '12/1/2010 8:26', at(2010, 12, 1, 8, 26)],
    ['mdy', '12/1/2010 8:26 PM', at(2010, 12, 1, 20, 26)],
    ['mdy', '12/1/2010 12:05 am', at(2010, 12, 1, 0, 5)],
    ['mdy', '08-21-2013', at(2013, 8, 21)],
    ['ymd_slash', '2010/12/01', at(2010, 12, 1)],
    ['ymd_slash', '2010/12/1 08:26:00', at(2010, 12, 1, 8, 26)],
    ['twitter', 'Tue Oct 31 22:10:47 +0000 2017', at(2017, 10, 31, 22, 10, 47)],
    ['twitter', 'Tue Oct 31 22:10:47 +0100 2017', at(2017, 10, 31, 21, 10, 47)],
    ['rfc2822', 'Tue, 31 Oct 2017 22:10:47 +0000', at(2017, 10, 31, 22, 10, 47)],
    ['rfc2822', '31 Oct 2017 22:10 GMT', at(2017, 10, 31, 22, 10)],
    ['rfc2822', 'Tue, 31 Oct 2017 22:10:47 -0500', at(2017, 11, 1, 3, 10, 47)],
    ['ymd_compact', '19970312', at(1997, 3, 12)],
    ['epoch_s', '1509487847', at(2017, 10, 31, 22, 10, 47)],
    ['epoch_ms', '1509487847123', at(2017, 10, 31, 22, 10, 47, 123)],
  ];
  it.each(cases)('%s %j', (format, raw, expected) => {
    expect(parseDate(raw, format)).toBe(expected);
  });

  it.each([
    ['iso', '2010-13-01'],
    ['iso', '2010-02-30'],
    ['iso', '2010-12-01 25:00:00'],
    ['iso', '01-12-2010'],
    ['dmy', '31-02-2012'],
    ['dmy', '12-13-2012'],
    ['dmy', '04-09-12'],
    ['dmy', '04-09/2012'],
    ['mdy', '13/01/2012'],
    ['mdy', '12/1/2010 13:05 PM'],
    ['twitter', 'Tue, 31 Oct 2017 22:10:47 +0000'],
    ['rfc2822', 'Tue Oct 31 22:10:47 +0000 2017'],
    ['ymd_compact', '19971312'],
    ['ymd_compact', '18991231'],
    ['ymd_compact', '2017031'],
    ['epoch_s', '2017'],
    ['epoch_s', '99999999999'],
    ['epoch_ms', '1509487847'],
  ] as [DateFormatId, string][])('%s rejects %j', (format, raw) => {
    expect(parseDate(raw, format)).toBeNull();
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseDate('29-02-2012', 'dmy')).toBe(at(2012, 2, 29));
    expect(parseDate('29-02-2013', 'dmy')).toBeNull();
  });
});

function evidence(values: readonly string[]): DateEvidence {
  const e = new DateEvidence();
  for (const v of values) e.observe(v);
  return e;
}

describe('DateEvidence', () => {
  it('recognises each textual format from its values', () => {
    expect(evidence(['2010-12-01 08:26:00', '2011-01-05 10:00:00']).decide()?.format).toBe('iso');
    expect(evidence(['2010/12/01', '2011/01/05']).decide()?.format).toBe('ymd_slash');
    expect(evidence(['Tue Oct 31 22:10:47 +0000 2017']).decide()?.format).toBe('twitter');
    expect(evidence(['Tue, 31 Oct 2017 22:10:47 +0000']).decide()?.format).toBe('rfc2822');
  });

  it('decides day-first from a single value whose first part is above 12', () => {
    const d = evidence(['01-02-2012', '03-04-2012', '05-06-2012', '13-01-2012'])?.decide();
    expect(d).toMatchObject({ format: 'dmy', matched: 4, total: 4, ambiguous: false });
    expect(d?.note).toContain('13-01-2012');
  });

  it('decides month-first from a single value whose second part is above 12', () => {
    const d = evidence(['01/02/2012', '03/04/2012', '12/25/2012 8:26', '05/06/2012'])?.decide();
    expect(d).toMatchObject({ format: 'mdy', matched: 4, total: 4, ambiguous: false });
    expect(d?.note).toContain('12/25/2012');
  });

  it('chooses day-first and says so when every value is ambiguous', () => {
    const d = evidence(['01-02-2012', '03-04-2012', '12-12-2012'])?.decide();
    expect(d).toMatchObject({ format: 'dmy', ambiguous: true });
    expect(d?.note).toMatch(/ambiguous.*day-first/);
  });

  it('is not a date column when both orders are proven', () => {
    const e = evidence(['13-01-2012', '01-13-2012', '02-03-2012']);
    expect(e.decide()).toBeNull();
    expect(e.note).toMatch(/both day-first .*13-01-2012.* and month-first .*01-13-2012/);
  });

  it('needs 95% of values to parse', () => {
    const dates = Array.from({ length: 19 }, (_, i) => `2012-01-${String(i + 1).padStart(2, '0')}`);
    expect(evidence([...dates, 'soon']).decide()).toMatchObject({ format: 'iso', matched: 19, total: 20 });
    const e = evidence([...dates.slice(0, 18), 'soon', 'later']);
    expect(e.decide()).toBeNull();
    expect(e.note).toContain('18/20');
  });

  it('never reads bare numbers as dates unless told the name means time', () => {
    const e = evidence(['1509487847', '1509487900', '1509488000']);
    expect(e.decide()).toBeNull();
    expect(e.decide({ allowEpoch: true })).toMatchObject({ format: 'epoch_s', matched: 3 });
    expect(evidence(['1509487847123']).decide({ allowEpoch: true })?.format).toBe('epoch_ms');
    // Out of the 1990-2100 range: ids, not times.
    expect(evidence(['123456789', '223456789']).decide({ allowEpoch: true })).toBeNull();
  });

  it('reads yyyymmdd values as dates, but not 8-digit codes that are not all real days', () => {
    expect(evidence(['19970101', '19970315', '19980630']).decide()).toMatchObject({ format: 'ymd_compact', matched: 3 });
    expect(evidence(['10000001', '10000002', '19970315']).decide()).toBeNull();
  });

  it('ignores empty values, and decides nothing from none', () => {
    expect(evidence([]).decide()).toBeNull();
    expect(evidence(['', '  ', '2012-01-01']).decide()).toMatchObject({ matched: 1, total: 1 });
  });

  it('does not take numbers, words or codes for dates', () => {
    for (const values of [['1957', '1954'], ['2.55', '3.39'], ['Graduation', 'PhD'], ['85123A', '71053'], ['12.5', '1.2']]) {
      expect(evidence(values).decide(), values.join()).toBeNull();
    }
  });
});
