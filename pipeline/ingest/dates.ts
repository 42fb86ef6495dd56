/**
 * Date formats found in customer exports, and evidence for which one a column uses. Everything parses
 * to epoch milliseconds; times without a zone are taken as UTC so results never depend on the machine.
 */

export type DateFormatId = 'iso' | 'dmy' | 'mdy' | 'ymd_slash' | 'ymd_compact' | 'twitter' | 'rfc2822' | 'epoch_s' | 'epoch_ms';

export const dateFormats: readonly DateFormatId[] = ['iso', 'dmy', 'mdy', 'ymd_slash', 'ymd_compact', 'twitter', 'rfc2822', 'epoch_s', 'epoch_ms'];

export const defaults = {
  /** Share of non-missing values that must parse for a column to count as dates. */
  minShare: 0.95,
  /** Epoch values are only believed inside this range (1990-01-01 to 2100-01-01, in ms). */
  epochMinMs: Date.UTC(1990, 0, 1),
  epochMaxMs: Date.UTC(2100, 0, 1),
  /** Longer values are never dates; skips free text cheaply. */
  maxLength: 40,
  /** yyyymmdd values are only believed inside these years: other 8-digit numbers are codes. */
  compactMinYear: 1900,
  compactMaxYear: 2100,
} as const;

/** How a format is named in reasons and error messages. */
export function dateFormatLabel(format: DateFormatId): string {
  switch (format) {
    case 'iso': return 'yyyy-mm-dd';
    case 'dmy': return 'dd-mm-yyyy';
    case 'mdy': return 'mm-dd-yyyy';
    case 'ymd_slash': return 'yyyy/mm/dd';
    case 'ymd_compact': return 'yyyymmdd';
    case 'twitter': return 'Twitter style';
    case 'rfc2822': return 'RFC 2822';
    case 'epoch_s': return 'epoch seconds';
    case 'epoch_ms': return 'epoch milliseconds';
    default: {
      const never: never = format;
      throw new Error(`unknown date format ${String(never)}`);
    }
  }
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const day = '(?:mon|tue|wed|thu|fri|sat|sun)';
const mon = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';

const isoRe = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** dd-mm-yyyy or mm-dd-yyyy, any of - / . as separator, 1- or 2-digit parts, optional time and AM/PM. */
const dayMonthRe = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)?$/i;
const ymdSlashRe = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const twitterRe = new RegExp(`^${day} ${mon} (\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) ([+-]\\d{4}) (\\d{4})$`, 'i');
const rfcRe = new RegExp(
  `^(?:${day},?\\s+)?(\\d{1,2})\\s+${mon}\\s+(\\d{4})\\s+(\\d{2}):(\\d{2})(?::(\\d{2}))?\\s*(?:([+-]\\d{4})|gmt|ut|utc|z)?$`,
  'i',
);
const integerRe = /^\d{9,13}$/;
const compactRe = /^(\d{4})(\d{2})(\d{2})$/;

/** Validated UTC instant; null for impossible dates such as 31-02 or 25:00. */
function utc(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offsetMin = 0): number | null {
  if (m < 1 || m > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, m - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31-02 over into March; a changed day means the date does not exist.
  if (new Date(t).getUTCDate() !== d) return null;
  return t - offsetMin * 60_000;
}

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

/** '+0130', '-05:00', '+02', 'Z' → minutes east of UTC. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase() === 'p';
  if (h < 1 || h > 12) return 99; // rejected by utc()
  return (h % 12) + (pm ? 12 : 0);
}

/** Parts of a dd-mm / mm-dd value, before the order is known. */
interface DayMonthParts { first: number; second: number; year: number; h: number; mi: number; s: number }

function dayMonthParts(raw: string): DayMonthParts | null {
  const m = dayMonthRe.exec(raw);
  if (!m) return null;
  return { first: num(m[1]), second: num(m[3]), year: num(m[4]), h: hour12(num(m[5]), m[8]), mi: num(m[6]), s: num(m[7]) };
}

function fromDayMonth(p: DayMonthParts, dayFirst: boolean): number | null {
  return dayFirst ? utc(p.year, p.second, p.first, p.h, p.mi, p.s) : utc(p.year, p.first, p.second, p.h, p.mi, p.s);
}

function epoch(raw: string, scale: number): number | null {
  if (!integerRe.test(raw)) return null;
  const ms = Number(raw) * scale;
  return ms >= defaults.epochMinMs && ms <= defaults.epochMaxMs ? ms : null;
}

/** Parses one value in a known format; null when it is not a valid date in that format. */
export function parseDate(raw: string, format: DateFormatId): number | null {
  const v = raw.trim();
  if (v.length === 0 || v.length > defaults.maxLength) return null;
  switch (format) {
    case 'iso': {
      const m = isoRe.exec(v);
      if (!m) return null;
      const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
      return utc(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]), ms, offsetMinutes(m[8]));
    }
    case 'dmy':
    case 'mdy': {
      const p = dayMonthParts(v);
      return p ? fromDayMonth(p, format === 'dmy') : null;
    }
    case 'ymd_slash': {
      const m = ymdSlashRe.exec(v);
      return m ? utc(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6])) : null;
    }
    case 'ymd_compact': {
      const m = compactRe.exec(v);
      if (!m || num(m[1]) < defaults.compactMinYear || num(m[1]) > defaults.compactMaxYear) return null;
      return utc(num(m[1]), num(m[2]), num(m[3]));
    }
    case 'twitter': {
      const m = twitterRe.exec(v);
      if (!m) return null;
      const month = months.indexOf((m[1] as string).toLowerCase()) + 1;
      return utc(num(m[7]), month, num(m[2]), num(m[3]), num(m[4]), num(m[5]), 0, offsetMinutes(m[6]));
    }
    case 'rfc2822': {
      const m = rfcRe.exec(v);
      if (!m) return null;
      const month = months.indexOf((m[2] as string).toLowerCase()) + 1;
      return utc(num(m[3]), month, num(m[1]), num(m[4]), num(m[5]), num(m[6]), 0, offsetMinutes(m[7]));
    }
    case 'epoch_s': return epoch(v, 1000);
    case 'epoch_ms': return epoch(v, 1);
    default: {
      const never: never = format;
      throw new Error(`unknown date format ${String(never)}`);
    }
  }
}

export interface DateDecision {
  readonly format: DateFormatId;
  readonly matched: number;
  readonly total: number;
  readonly ambiguous: boolean;
  readonly note: string;
}

/**
 * Counts, per format, how many values of a column parse. Memory is a handful of counters, so every
 * value can be seen; day-first vs month-first is settled by values that only fit one order.
 */
export class DateEvidence {
  private total = 0;
  private readonly matched: Record<DateFormatId, number> = {
    iso: 0, dmy: 0, mdy: 0, ymd_slash: 0, ymd_compact: 0, twitter: 0, rfc2822: 0, epoch_s: 0, epoch_ms: 0,
  };
  private dmyProof: string | null = null;
  private mdyProof: string | null = null;
  /** Why the last decide() returned what it did; set also when it returns null. */
  note = '';

  /** Feed a non-missing value. */
  observe(raw: string): void {
    const v = raw.trim();
    if (v.length === 0) return;
    this.total++;
    if (v.length > defaults.maxLength) return;
    const c = v.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      this.observeDigits(v);
    } else if (v[3] === ' ' || v[3] === ',') {
      // Both textual formats open with a weekday abbreviation: a cheap test that skips most words.
      if (parseDate(v, 'twitter') !== null) this.matched.twitter++;
      else if (parseDate(v, 'rfc2822') !== null) this.matched.rfc2822++;
    }
  }

  /** Counts a value known not to be a date (e.g. a plain number too short for an epoch). */
  observeNonDate(): void {
    this.total++;
  }

  private observeDigits(v: string): void {
    const sep = v[4];
    if (sep === '-') {
      if (parseDate(v, 'iso') !== null) this.matched.iso++;
    } else if (sep === '/') {
      if (parseDate(v, 'ymd_slash') !== null) this.matched.ymd_slash++;
    } else if (v.length === 8 && compactRe.test(v)) {
      if (parseDate(v, 'ymd_compact') !== null) this.matched.ymd_compact++;
    } else if (integerRe.test(v)) {
      if (epoch(v, 1000) !== null) this.matched.epoch_s++;
      if (epoch(v, 1) !== null) this.matched.epoch_ms++;
    } else if (v[1] === ' ' || v[2] === ' ') {
      if (parseDate(v, 'rfc2822') !== null) this.matched.rfc2822++;
    } else if (v[1] === '-' || v[1] === '/' || v[1] === '.' || v[2] === '-' || v[2] === '/' || v[2] === '.') {
      const p = dayMonthParts(v);
      if (!p) return;
      const asDmy = fromDayMonth(p, true);
      const asMdy = fromDayMonth(p, false);
      if (asDmy !== null) this.matched.dmy++;
      if (asMdy !== null) this.matched.mdy++;
      // Proof needs the value to be a real date in exactly one order.
      if (asDmy !== null && asMdy === null && p.first > 12) this.dmyProof ??= v;
      if (asMdy !== null && asDmy === null && p.second > 12) this.mdyProof ??= v;
    }
  }

  /** Share of values that look like a date in some format, whatever the decision would be. */
  matchedShare(): number {
    if (this.total === 0) return 0;
    return Math.max(...dateFormats.map((f) => this.matched[f])) / this.total;
  }

  /**
   * Decides from all values seen. Epoch formats only when the caller knows the name means time;
   * minShare lowers the bar when the user has already said the column holds dates.
   */
  decide(options: { allowEpoch?: boolean; minShare?: number } = {}): DateDecision | null {
    const total = this.total;
    if (total === 0) {
      this.note = 'no values';
      return null;
    }
    const candidates: DateFormatId[] = ['iso', 'ymd_slash', 'ymd_compact', 'twitter', 'rfc2822'];
    let ambiguous = false;
    let orderNote = '';
    const dayMonth = this.matched.dmy + this.matched.mdy > 0;
    const bothProven = this.dmyProof !== null && this.mdyProof !== null;
    if (bothProven) {
      orderNote = `both day-first ("${this.dmyProof}") and month-first ("${this.mdyProof}") values: not one date format`;
    } else if (this.mdyProof) {
      candidates.push('mdy');
      orderNote = `month-first, shown by "${this.mdyProof}"`;
    } else if (this.dmyProof) {
      candidates.push('dmy');
      orderNote = `day-first, shown by "${this.dmyProof}"`;
    } else if (dayMonth) {
      candidates.push('dmy');
      ambiguous = true;
      orderNote = 'day and month order is ambiguous (no part above 12): assumed day-first';
    }
    if (options.allowEpoch) candidates.push('epoch_s', 'epoch_ms');

    let best: DateFormatId | null = null;
    for (const f of candidates) if (best === null || this.matched[f] > this.matched[best]) best = f;
    const matched = best ? this.matched[best] : 0;
    if (best === null || matched === 0 || matched < (options.minShare ?? defaults.minShare) * total) {
      const share = best && matched ? `; only ${matched}/${total} parse as ${dateFormatLabel(best)}` : '';
      this.note = bothProven ? orderNote : `not dates${share}`;
      return null;
    }
    const isDayMonth = best === 'dmy' || best === 'mdy';
    this.note = isDayMonth ? orderNote : dateFormatLabel(best);
    return { format: best, matched, total, ambiguous: isDayMonth && ambiguous, note: this.note };
  }
}
