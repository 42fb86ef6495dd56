/**
 * Pass-1 statistics for one column. Every value of a file goes through observe(), so each call is O(1)
 * amortised and memory is bounded: exact distinct counting stops at a cap, everything else is counters.
 */
import { DateEvidence } from './dates.ts';
import { MISSING_TOKENS, parseBoolean, parseNumber } from './values.ts';

export const defaults = {
  /** Distinct values are counted exactly up to here, then reported as "at least". */
  distinctCap: 100_000,
  examples: 5,
  exampleLength: 80,
  topValues: 10,
  /** Longer values are tracked by a 64-bit hash: free text would otherwise fill memory. */
  hashAbove: 64,
  /** A "code" is one short token with a digit: 'A1', 'C536379', '85123A'. */
  codeMaxLength: 40,
} as const;

const threeWords = /\S\s+\S+\s+\S/;
const asciiLetter = /[A-Za-z]/;
const nonAscii = /[^\x00-\x7f]/;
const letter = /\p{L}/u;
const codeRe = /^[\p{L}\d][\p{L}\d_\-.:/#@]*$/u;
const digit = /\d/;
/** Integers that may be dates: epochs (9–13 digits) and yyyymmdd (8). */
const epochLike = /^\d{8,13}$/;
const digitsOnly = /^\d+$/;
const missingMaxLength = Math.max(...[...MISSING_TOKENS].map((t) => t.length));

/** The Unicode test is slow; most values settle on the ASCII one. */
function hasLetter(v: string): boolean {
  return asciiLetter.test(v) || (nonAscii.test(v) && letter.test(v));
}
const hashPrefix = '\u0000';

/** Two 32-bit FNV-style hashes plus the length: collisions are negligible at the cap. */
function hashKey(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return `${hashPrefix}${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}:${s.length}`;
}

const hugeNumber = /^\s*[-+]?\d{300,}(\.\d*)?\s*$/;

type Sequence = { state: 'unseen' } | { state: 'on'; start: 0 | 1; next: number } | { state: 'off' };

export class ColumnStats {
  readonly name: string;
  /** Values that are not missing. */
  present = 0;
  /** null, '' or a missing token such as 'NA'. */
  missing = 0;
  /** Values parseNumber accepts, and how many of those are whole numbers. */
  numeric = 0;
  integer = 0;
  /** Values written with thousands separators ('1,234'). */
  thousands = 0;
  /** Whole numbers with a leading zero ('0001'): codes, not magnitudes. */
  leadingZero = 0;
  /** true/false, yes/no, y/n, t/f. */
  booleanLike = 0;
  /** Values that are 0 or 1. */
  zeroOne = 0;
  /** Single short tokens with a digit: 'A1', '0042', 'C536379'. */
  codeLike = 0;
  /** The codeLike values that are not numbers ('C536379'): their presence makes a number-ish column a code. */
  letterCodes = 0;
  min: number | null = null;
  max: number | null = null;
  readonly dates = new DateEvidence();
  /** The first value that is not a number, for reasons like 'codes such as "C536379"'. */
  firstNonNumber: string | null = null;
  /** The first few distinct values, shortened, for reports. */
  readonly examples: string[] = [];

  private readonly counts = new Map<string, number>();
  private capped = false;
  private duplicateSeen = false;
  private sequence: Sequence = { state: 'unseen' };
  private lengthSum = 0;
  private wordy = 0;
  private lettered = 0;

  constructor(name: string) {
    this.name = name;
  }

  observe(raw: string | null): void {
    const v = raw === null ? '' : raw.trim();
    if (v.length <= missingMaxLength && MISSING_TOKENS.has(v.toLowerCase())) {
      this.missing++;
      this.sequence = { state: 'off' };
      return;
    }
    this.present++;
    this.lengthSum += v.length;
    this.observeSequence(v);
    this.observeDistinct(v);

    // Digits beyond a double's range still make a number column (the value is reported invalid, not the column a category).
    const n = parseNumber(v) ?? (hugeNumber.test(v) ? Number.MAX_VALUE * (v.trim().startsWith('-') ? -1 : 1) : null);
    if (n !== null) {
      this.numeric++;
      if (Number.isInteger(n)) {
        this.integer++;
        if (v.length > 1 && v[0] === '0' && digit.test(v[1] as string)) this.leadingZero++;
      }
      if (v.includes(',')) this.thousands++;
      if (n === 0 || n === 1) this.zeroOne++;
      if (this.min === null || n < this.min) this.min = n;
      if (this.max === null || n > this.max) this.max = n;
      if (v.length <= defaults.codeMaxLength && digitsOnly.test(v)) this.codeLike++;
      // Only long integers can be dates (yyyymmdd, epochs): spare the date matcher the rest.
      if (epochLike.test(v)) this.dates.observe(v);
      else this.dates.observeNonDate();
      return;
    }
    this.firstNonNumber ??= v.slice(0, defaults.exampleLength);
    if (hasLetter(v)) this.lettered++;
    if (threeWords.test(v)) this.wordy++;
    if (parseBoolean(v) !== null) this.booleanLike++;
    if (v.length <= defaults.codeMaxLength && digit.test(v) && codeRe.test(v)) {
      this.codeLike++;
      this.letterCodes++;
    }
    this.dates.observe(v);
  }

  private observeSequence(v: string): void {
    const s = this.sequence;
    if (s.state === 'off') return;
    if (s.state === 'unseen') {
      this.sequence = v === '0' || v === '1' ? { state: 'on', start: v === '0' ? 0 : 1, next: Number(v) + 1 } : { state: 'off' };
    } else if (v === String(s.next)) {
      s.next++;
    } else {
      this.sequence = { state: 'off' };
    }
  }

  private observeDistinct(v: string): void {
    const key = v.length > defaults.hashAbove ? hashKey(v) : v;
    const seen = this.counts.get(key);
    if (seen !== undefined) {
      this.counts.set(key, seen + 1);
      this.duplicateSeen = true;
      return;
    }
    if (this.counts.size >= defaults.distinctCap) {
      // Past the cap new values are not stored; duplicates of stored values are still caught.
      this.capped = true;
      return;
    }
    this.counts.set(key, 1);
    if (this.examples.length < defaults.examples) {
      this.examples.push(v.length > defaults.exampleLength ? `${v.slice(0, defaults.exampleLength - 1)}…` : v);
    }
  }

  /** Exact while `distinctIsLowerBound` is false; otherwise "at least" this many. */
  get distinct(): number {
    return this.counts.size;
  }

  get distinctIsLowerBound(): boolean {
    return this.capped;
  }

  /** No value repeated. Exact below the cap; past it, only repeats of already-stored values are seen. */
  get allUnique(): boolean {
    return this.present > 0 && !this.duplicateSeen;
  }

  /** 0,1,2,… or 1,2,3,… in file order with nothing missing: a row counter. */
  get indexSequence(): { start: 0 | 1; end: number } | null {
    const s = this.sequence;
    return s.state === 'on' ? { start: s.start, end: s.next - 1 } : null;
  }

  /** Every present value is 0 or 1. */
  get zeroOneOnly(): boolean {
    return this.present > 0 && this.zeroOne === this.present;
  }

  get numericShare(): number {
    return this.present ? this.numeric / this.present : 0;
  }

  get meanLength(): number {
    return this.present ? this.lengthSum / this.present : 0;
  }

  /** Share of present values with three or more words. */
  get wordyShare(): number {
    return this.present ? this.wordy / this.present : 0;
  }

  /** Share of present values containing a letter. */
  get letterShare(): number {
    return this.present ? this.lettered / this.present : 0;
  }

  /** Most frequent values, for categoricals; empty once the distinct cap was hit (counts would lie). */
  topValues(limit: number = defaults.topValues): { value: string; count: number }[] {
    if (this.capped) return [];
    const out: { value: string; count: number }[] = [];
    for (const [value, count] of this.counts) if (!value.startsWith(hashPrefix)) out.push({ value, count });
    out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return out.slice(0, limit);
  }
}
