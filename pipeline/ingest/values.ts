/**
 * Cell parsers: raw strings from a reader become typed values. A parser never guesses: the column plan
 * says what a column holds, and a value that does not fit is reported as invalid, not coerced.
 */
import type { CellValue } from '../types.ts';
import { dateFormatLabel, dateFormats, parseDate, type DateFormatId } from './dates.ts';

/** Spellings of "no value" seen in exports (compared trimmed and lower-cased). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'na', 'n/a', 'null', 'none', 'nan', '-', '?']);

const longestMissingToken = Math.max(...[...MISSING_TOKENS].map((t) => t.length));

export function isMissing(raw: string | null): boolean {
  if (raw === null) return true;
  const t = raw.trim();
  return t.length <= longestMissingToken && MISSING_TOKENS.has(t.toLowerCase());
}

export type ParseResult = { ok: true; value: CellValue } | { ok: false; reason: string };

// Thousands separators only in whole groups of three, so '1,23' (a decimal comma or a list) is rejected.
const numberBody = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:[eE][+-]?\d+)?$/;
const plainNumber = /^-?\d+(?:\.\d+)?$/;
const currency = /^[$€£¥]\s*/;
const trailingCurrency = /\s*[$€£¥]$/;

/** '1,234.5', '$1,200', '12%' (→ 12), ' 7 ', '3.0', '-2', '1e3' → number; anything else → null. */
export function parseNumber(raw: string): number | null {
  let t = raw.trim();
  // Fast path: most cells of a numeric column are plain decimals.
  if (plainNumber.test(t)) {
    const n = Number(t) || 0;
    return Number.isFinite(n) ? n : null;
  }
  if (t.length === 0) return null;
  if (t.endsWith('%')) t = t.slice(0, -1).trimEnd();
  t = t.replace(trailingCurrency, '');
  let sign = 0;
  // One sign, before or after a currency symbol: '-$5' and '$-5'.
  for (let i = 0; i < 2; i++) {
    if (sign === 0 && (t[0] === '-' || t[0] === '+')) {
      sign = t[0] === '-' ? -1 : 1;
      t = t.slice(1);
    }
    if (i === 0) t = t.replace(currency, '');
  }
  // The mantissa needs a digit: rejects '.', 'e5', ','.
  if (!numberBody.test(t) || !/^\.?\d/.test(t)) return null;
  const n = Number(t.includes(',') ? t.replace(/,/g, '') : t);
  return Number.isFinite(n) ? (sign === -1 && n !== 0 ? -n : n) : null;
}

/** true/false, yes/no, y/n, t/f in any case. '0'/'1' are numbers unless a plan says 'boolean01'. */
export function parseBoolean(raw: string): boolean | null {
  switch (raw.trim().toLowerCase()) {
    case 'true': case 'yes': case 'y': case 't': return true;
    case 'false': case 'no': case 'n': case 'f': return false;
    default: return null;
  }
}

/** 0 or 1 (also '0.0' / '1.0' as pandas writes them); null otherwise. */
export function parseZeroOne(raw: string): boolean | null {
  const n = parseNumber(raw);
  return n === 0 ? false : n === 1 ? true : null;
}

export type ParserSpec = 'string' | 'number' | 'integer' | 'boolean' | 'boolean01' | `date:${DateFormatId}`;

export type CellParser = (raw: string | null) => ParseResult | null;

type BaseSpec = Exclude<ParserSpec, `date:${string}`>;

function isDateSpec(spec: ParserSpec): spec is `date:${DateFormatId}` {
  return spec.startsWith('date:');
}

/** A parser for one column; it returns null for a missing value and never throws on data. */
export function createParser(spec: ParserSpec): CellParser {
  if (isDateSpec(spec)) {
    const format = spec.slice('date:'.length) as DateFormatId;
    if (!dateFormats.includes(format)) throw new Error(`unknown date format in parser "${spec}"`);
    const reason = `not a ${dateFormatLabel(format)} date`;
    return guard((t) => {
      const ms = parseDate(t, format);
      return ms === null ? { ok: false, reason } : { ok: true, value: ms };
    });
  }
  const base: BaseSpec = spec;
  switch (base) {
    case 'string':
      return guard((t) => ({ ok: true, value: t }));
    case 'number':
      return guard((t) => {
        const n = parseNumber(t);
        return n === null ? { ok: false, reason: notANumber(t) } : { ok: true, value: n };
      });
    case 'integer':
      return guard((t) => {
        const n = parseNumber(t);
        if (n === null) return { ok: false, reason: notANumber(t) };
        return Number.isInteger(n) ? { ok: true, value: n } : { ok: false, reason: 'not a whole number' };
      });
    case 'boolean':
      return guard((t) => {
        const b = parseBoolean(t);
        return b === null ? { ok: false, reason: 'not true/false or yes/no' } : { ok: true, value: b };
      });
    case 'boolean01':
      return guard((t) => {
        const b = parseZeroOne(t);
        return b === null ? { ok: false, reason: 'not 0 or 1' } : { ok: true, value: b };
      });
    default: {
      const never: never = base;
      throw new Error(`unknown parser "${String(never)}"`);
    }
  }
}

/** Digits beyond a double's range (1.8e308) are a number we cannot represent, not a typo: say which. */
export const unrepresentableReason = 'a number too large to represent (kept as text in the report)';

function notANumber(t: string): string {
  // Number-shaped but unparsed: too large only when its digits overflow a double, not when the
  // thousands grouping is wrong ('1,23').
  if (!/^[-+]?[$€£¥]?\d[\d,]*(\.\d*)?([eE][+-]?\d+)?$/.test(t)) return 'not a number';
  return Number.isFinite(Number(t.replace(/[-+$€£¥,]/g, ''))) ? 'not a number' : unrepresentableReason;
}

/** Missing values are null before any parsing; parsers see the trimmed value. */
function guard(parse: (trimmed: string) => ParseResult): CellParser {
  return (raw) => (raw === null || isMissing(raw) ? null : parse(raw.trim()));
}
