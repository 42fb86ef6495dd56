/**
 * PII masking for evidence shown to people: emails (also spelled out: "john dot smith at gmail dot
 * com"), phone numbers, card-like and other long numbers, IBANs, IP addresses, booking references, order
 * numbers, street addresses and post boxes, birth dates, names people introduce themselves with or sign
 * with (in several languages), @handles of private people (organisations listed in `keepHandles` stay)
 * and personal parts of URLs. Masks are bracketed placeholders so a reader sees that
 * something was removed; masking a masked text changes nothing.
 */
import { PersonaError } from '../../lib/errors.ts';
import { classifyDigitRun, digitRunPattern, ipv4Pattern, isMixedId, maskReferenceCodes, mixedIdPattern } from './pii-numbers.ts';
import { maskUrl, trimUrl, urlPattern } from './pii-url.ts';
import { maskAddresses, maskBirthDates, maskOrderNumbers, maskSelfNames, obfuscatedEmailPattern } from './pii-context.ts';

export type PiiKind = 'email' | 'phone' | 'card' | 'number' | 'iban' | 'ip' | 'name' | 'handle' | 'url' | 'address' | 'birthdate' | 'order';

export const piiKinds: readonly PiiKind[] = ['email', 'phone', 'card', 'number', 'iban', 'ip', 'name', 'handle', 'url', 'address', 'birthdate', 'order'];

export const placeholders = {
  email: '[email]',
  phone: '[phone]',
  card: '[card]',
  number: '[number]',
  iban: '[iban]',
  ip: '[ip]',
  name: '[name]',
  handle: '@user',
  address: '[address]',
  birthdate: '[birthdate]',
  order: '[order]',
} as const;

export interface MaskPiiOptions {
  /** Handles (with or without @, any case) of organisations, e.g. the company accounts of the data. */
  readonly keepHandles?: readonly string[];
}

export const defaults: Required<MaskPiiOptions> = { keepHandles: [] };

export interface MaskedText {
  readonly text: string;
  readonly counts: Record<PiiKind, number>;
}

export function emptyCounts(): Record<PiiKind, number> {
  return { email: 0, phone: 0, card: 0, number: 0, iban: 0, ip: 0, name: 0, handle: 0, url: 0, address: 0, birthdate: 0, order: 0 };
}

export function addCounts(into: Record<PiiKind, number>, from: Readonly<Record<PiiKind, number>>): void {
  for (const k of piiKinds) into[k] += from[k];
}

/** Placeholders some public datasets were already anonymised with (e.g. "__email__"). */
const preMasked: Readonly<Record<string, 'email' | 'card' | 'phone'>> = { email: 'email', credit_card: 'card', card: 'card', phone: 'phone', phone_number: 'phone' };
const preMaskedPattern = /__(email|credit_card|card|phone|phone_number)__/gi;

const emailPattern = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
/** "jane [at] example [dot] com" and "jane at gmail dot com". */
const spelledEmailPattern = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+ ?[[(] ?at ?[\])] ?[\p{L}\p{N}-]+(?: ?(?:[[(] ?dot ?[\])]|\.) ?[\p{L}\p{N}-]+)+/giu;
const spokenEmailPattern = /(?<![\w.+-])[\w.+-]+ at (?:gmail|googlemail|yahoo|hotmail|outlook|icloud|aol|live|msn|protonmail|proton|gmx) dot (?:com|net|org|co dot uk|de|fr)\b/gi;
/** Only an explicit cue: telling names from other capitalised words needs more than a pattern. */
const namePattern = /(\b[Mm]y [Nn]ame(?: [Ii]s|'s|’s)\s+|\b[Nn]ame\s*:\s*)(\p{Lu}[\p{L}'’-]*(?:[ \u00a0]+\p{Lu}[\p{L}'’-]*){0,2})/gu;
/** Printed (groups of four) or compact IBANs; confirmed by the ISO 7064 mod-97 check. */
const ibanPattern = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
/** Not inside a word, email or path; ".@name" (a public mention) is a handle. */
const handlePattern = /(?<![\p{L}\p{N}_@/]|[\p{L}\p{N}_]\.)@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)(?![A-Za-z0-9_@])/gu;

export function maskPii(text: string, options: MaskPiiOptions = {}): MaskedText {
  if (typeof text !== 'string') throw new PersonaError('bad_value', `maskPii: expected a string, got ${typeof text}`);
  const keep = new Set([...(options.keepHandles ?? defaults.keepHandles)].map((h) => h.replace(/^@/, '').toLowerCase()));
  keep.add(placeholders.handle.slice(1));
  const counts = emptyCounts();
  const mask = (kind: Exclude<PiiKind, 'url'>) => () => {
    counts[kind]++;
    return placeholders[kind];
  };

  let out = text.replace(preMaskedPattern, (_m, name: string) => mask(preMasked[name.toLowerCase()] ?? 'email')());
  out = out.replace(urlPattern, (match) => {
    const url = trimUrl(match);
    const masked = maskUrl(url);
    if (masked !== url) counts.url++;
    return masked + match.slice(url.length);
  });
  out = out.replace(emailPattern, mask('email')).replace(obfuscatedEmailPattern, mask('email')).replace(spelledEmailPattern, mask('email')).replace(spokenEmailPattern, mask('email'));
  out = out.replace(namePattern, (_m, cue: string) => `${cue}${mask('name')()}`);
  out = maskSelfNames(out, placeholders.name, mask('name'));
  out = maskBirthDates(out, placeholders.birthdate, mask('birthdate'));
  out = maskOrderNumbers(out, placeholders.order, mask('order'));
  out = maskAddresses(out, placeholders.address, mask('address'));
  out = out.replace(ibanPattern, (match) => maskIban(match, counts));
  out = out.replace(ipv4Pattern, mask('ip'));
  out = out.replace(mixedIdPattern, (token) => (isMixedId(token) ? mask('number')() : token));
  out = maskReferenceCodes(out, mask('number'));
  out = out.replace(digitRunPattern, (run: string, offset: number, whole: string) => {
    const kind = classifyDigitRun(run, whole.slice(Math.max(0, offset - 30), offset));
    return kind ? mask(kind)() : run;
  });
  out = out.replace(handlePattern, (match, name: string) => (keep.has(name.toLowerCase()) ? match : mask('handle')()));
  return { text: out, counts };
}

/** The longest leading run of groups that is a valid IBAN becomes [iban]; the rest stays. */
function maskIban(match: string, counts: Record<PiiKind, number>): string {
  const groups = match.split(' ');
  for (let end = groups.length; end >= 1; end--) {
    const compact = groups.slice(0, end).join('');
    if (compact.length >= 15 && compact.length <= 34 && ibanChecksumValid(compact)) {
      counts.iban++;
      const rest = groups.slice(end).join(' ');
      return rest ? `${placeholders.iban} ${rest}` : placeholders.iban;
    }
  }
  return match;
}

export function ibanChecksumValid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** Placeholders, @handles and links: the parts of a masked text that are not the customer's own words. */
export const nonWordsPattern = /\[(?:email|phone|card|number|iban|ip|name|redacted|address|birthdate|order)\]|@[A-Za-z0-9_.]+|(?:https?:\/\/|www\.)\S+/g;

/** Share of a masked text taken by placeholders, @handles and links: how little of it is the customer's own words. */
export function placeholderShare(masked: string): number {
  if (masked.length === 0) return 1;
  const covered = masked.match(nonWordsPattern) ?? [];
  return covered.reduce((sum, s) => sum + s.length, 0) / masked.length;
}
