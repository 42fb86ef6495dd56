import { describe, expect, it } from 'vitest';
import { looksHeaderless, looksWhitespaceSeparated, WhitespaceToTabs, whitespaceToTabs } from './layout.ts';

describe('whitespace to tabs', () => {
  it('turns runs of spaces and tabs into one tab and trims every line', () => {
    expect(whitespaceToTabs('  7   2019-05-01 \t 3  \r\n 12 2019-05-02 4\n')).toBe('7\t2019-05-01\t3\r\n12\t2019-05-02\t4\n');
  });

  it('gives the same text however the input is cut into chunks', () => {
    const text = '   101  20190301   2   8.50  \n   102  20190302   1  10.00\n  103 20190303 9 1.25';
    const whole = whitespaceToTabs(text);
    for (let size = 1; size <= 7; size++) {
      const t = new WhitespaceToTabs();
      let out = '';
      for (let i = 0; i < text.length; i += size) out += t.push(text.slice(i, i + size));
      expect(out, `chunks of ${size}`).toBe(whole);
    }
  });
});

describe('whitespace-separated detection', () => {
  it('recognises aligned numeric columns with leading spaces', () => {
    const sample = ' 0042 20200115  3   19.99\n 0042 20200301  1    5.00\n 0107 20200302 12  120.50\n';
    expect(looksWhitespaceSeparated(sample, true)).toEqual({ columns: 4 });
  });

  it('does not split prose or a list of names into columns', () => {
    expect(looksWhitespaceSeparated('the parcel came late\nwould buy again\nok\n', true)).toBeNull();
    expect(looksWhitespaceSeparated('Ana Souza\nLi Wei\nJon Berg\n', true)).toBeNull();
  });

  it('needs the same field count on (nearly) every line', () => {
    expect(looksWhitespaceSeparated('1 2 3\n4 5\n6 7 8\n', true)).toBeNull();
  });
});

describe('header detection', () => {
  it('a first line of numbers above numeric columns is data', () => {
    expect(looksHeaderless([['7', '2019-05-01', 'red'], ['8', '2019-05-02', 'blue'], ['9', '2019-05-04', 'red']])).toBe(true);
  });

  it('a word above a numeric column is a header', () => {
    expect(looksHeaderless([['shopper', 'visits', 'colour'], ['s1', '4', 'red'], ['s2', '9', 'blue']])).toBe(false);
    // An empty name (a spreadsheet's index column) is a header too.
    expect(looksHeaderless([['', 'visits'], ['0', '4'], ['1', '9']])).toBe(false);
  });

  it('a table without numeric columns keeps its first line as a header', () => {
    expect(looksHeaderless([['name', 'colour'], ['ana', 'red'], ['li', 'blue']])).toBe(false);
  });
});
