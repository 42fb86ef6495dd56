/**
 * Which digit runs in a text are personal: phone numbers, card numbers, and long account/reference
 * numbers. Ordinary numbers — years and year ranges, dates, times, prices, quantities, short order
 * numbers, version strings — stay, because they are what makes a quote informative.
 */

export type DigitKind = 'phone' | 'card' | 'number';

const sp = '[ \\u00a0]';
/** Between digit groups: one space, or a dash/dot optionally padded by single spaces. */
const sep = `(?:${sp}?[-.–]${sp}?|${sp})`;
const paren = '\\(\\+?\\d{1,5}\\)';
/**
 * A run of digit groups. A bare group is followed by a separator or a parenthesised group (never
 * directly by another bare group), which keeps matching linear. Not glued to letters, @ or +, and not
 * the tail of a decimal, time or date ("12:30", "1.5", "3/4").
 */
export const digitRunPattern = new RegExp(
  `(?:(?<![\\p{L}\\p{N}_+@])\\+${sp}?|(?<![\\p{L}\\p{N}_+@]|\\d[.,:/]))(?:${paren}|\\d+)(?:${sep}(?:${paren}|\\d+)|(?<=\\))\\d+|${paren})*(?![\\p{L}\\p{N}_]|[.,:/]\\d)`,
  'gu',
);

/** Words shortly before a bare number that say it is a reference, or that it is a phone; the nearer wins. */
const referenceCue = /(?:\b(?:order|ref(?:erence)?|booking|case|ticket|account|acct|tracking|confirmation|invoice|receipt|claim|id|no)\b)/gi;
const phoneCue = /\b(?:phone|tel|telephone|mobile|cell|call|ring|text|whatsapp|contact|reach)\b/gi;

function lastIndex(pattern: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(pattern)) last = m.index;
  return last;
}

function referenceContext(before: string): boolean {
  const ref = lastIndex(referenceCue, before);
  return ref >= 0 && ref > lastIndex(phoneCue, before);
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Classifies one matched run; `before` is the text preceding it (for reference cues). null means an
 * ordinary number that stays in the quote.
 */
export function classifyDigitRun(run: string, before = ''): DigitKind | null {
  const digits = run.replace(/\D/g, '');
  const n = digits.length;
  const groups = run.split(/[^\d]+/).filter((g) => g !== '');
  const separated = groups.length > 1;
  const plus = run.startsWith('+') || run.startsWith('(+');
  if (n < 7) return null;
  if (isDateOrYears(run, groups)) return null;
  if (plus) return n >= 8 && n <= 15 ? 'phone' : n >= 9 ? 'number' : null;
  if (isThousands(run, groups)) return null;
  if (n >= 13 && n <= 19 && digits[0] !== '0' && cardGrouping(groups) && luhnValid(digits)) return 'card';
  if (digits.startsWith('00') && n >= 10 && n <= 15) return 'phone';
  if (separated) {
    if (phoneGrouping(run, groups, n)) return 'phone';
    return n >= 9 ? 'number' : null;
  }
  // A bare run: 10–11 digits is the length of a national mobile or landline number (US, UK, India, …).
  if ((n === 10 || n === 11) && !referenceContext(before)) return 'phone';
  return n >= 9 ? 'number' : null;
}

/** 2023-01-05, 05.01.2023, 1982 - 2017, 2019-2020: dates and year ranges, not identifiers. */
function isDateOrYears(run: string, groups: readonly string[]): boolean {
  const t = run.trim();
  if (/^\d{4}[-.]\d{1,2}[-.]\d{1,2}$/.test(t) || /^\d{1,2}[-.]\d{1,2}[-.](?:\d{2}|\d{4})$/.test(t)) return true;
  return groups.length >= 2 && groups.every((g) => /^(?:19|20)\d\d$/.test(g));
}

/** 1 000 000 or 2.500.000: a quantity written with thousands separators. */
function isThousands(run: string, groups: readonly string[]): boolean {
  if (groups.length < 3 || (groups[0] as string).length > 3) return false;
  const seps = new Set(run.replace(/^\D+|\D+$/g, '').match(/\D+/g) ?? []);
  return seps.size === 1 && groups.slice(1).every((g) => g.length === 3);
}

/** 4111 1111 1111 1111, 3782 822463 10005, or one unbroken run. */
function cardGrouping(groups: readonly string[]): boolean {
  if (groups.length === 1) return true;
  const body = groups.slice(0, -1);
  const last = groups[groups.length - 1] as string;
  return body.every((g) => g.length >= 4 && g.length <= 6) && last.length >= 1 && last.length <= 6;
}

/**
 * (706) 614-7640, 850.266.3576, 020 7946 0958, 07700 900123, 1-800-555-0199, 555-0123. Dotted runs with
 * one-digit groups are versions ("1.0.65.320"); groups of one digit inside a number are counts.
 */
function phoneGrouping(run: string, groups: readonly string[], n: number): boolean {
  if (n === 7) return groups.length === 2 && (groups[0] as string).length === 3 && /^\d{3}[-.]\d{4}$/.test(run.trim());
  if (n < 10 || n > 11) return false;
  return groups.every((g, i) => g.length >= 2 || (i === 0 && g === '1'));
}

/** Tokens mixing letters and digits with many digits: tracking and case numbers (TBA566517950000). */
export const mixedIdPattern = /(?<![\p{L}\p{N}_@[\]])(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\p{L}\p{N}_\]])/gu;

export function isMixedId(token: string): boolean {
  return (token.match(/\d/g)?.length ?? 0) >= 9;
}

/** Dotted quads with every part ≤ 255: IP addresses, which identify a home connection. */
export const ipv4Pattern = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;

/**
 * Booking references and case codes right after a cue ("booking ref MP79V2 and QMAS91"): short codes of
 * capitals and digits that, with a surname, open someone's booking. Only within the cue's clause, so
 * product codes elsewhere ("PS4", "A380") stay.
 */
const referenceClause = /\b(?:booking|reservation|confirmation|pnr|locator|ref|reference|case|ticket)(?:\s+(?:ref|reference|code|number|no|id))?\b[^.!?\n;]{0,60}/gi;
const referenceCode = /(?<![\p{L}\p{N}_[])(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{5,10}(?![\p{L}\p{N}_\]])/gu;

export function maskReferenceCodes(text: string, onMask: () => string): string {
  return text.replace(referenceClause, (clause) => clause.replace(referenceCode, onMask));
}
