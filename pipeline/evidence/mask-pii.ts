/**
 * PII masking for evidence shown to people: emails, phone numbers, card-like and other long numbers,
 * IBANs, @handles of private people (brand accounts listed in `keepHandles` stay), and personal parts
 * of URLs. Masks are bracketed placeholders so a reader sees that something was removed.
 */
export type PiiKind = 'email' | 'phone' | 'card' | 'number' | 'iban' | 'handle' | 'url';

export interface MaskOptions {
  /** Handles (without @, any case) that are organisations, not private people. */
  readonly keepHandles?: readonly string[];
}

export interface Masked {
  readonly text: string;
  readonly counts: Readonly<Record<PiiKind, number>>;
}

const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const url = /\bhttps?:\/\/[^\s<>"')\]]+/gi;
const iban = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/g;
// Runs of digits with single spaces, dots or dashes between groups, optionally led by + or (.
const digitRun = /(?<![\p{L}\p{N}])(?:\+|\(\+?)?\d[\d\s().-]{5,}\d(?![\p{L}\p{N}])/gu;
const handle = /(^|[^\p{L}\p{N}_@])@([A-Za-z0-9_]{1,30})\b/gu;

export function maskPii(text: string, options: MaskOptions = {}): Masked {
  const counts: Record<PiiKind, number> = { email: 0, phone: 0, card: 0, number: 0, iban: 0, handle: 0, url: 0 };
  const keep = new Set((options.keepHandles ?? []).map((h) => h.replace(/^@/, '').toLowerCase()));
  let out = text.replace(email, () => {
    counts.email++;
    return '[email]';
  });
  out = out.replace(url, (u) => {
    const masked = maskUrl(u);
    if (masked !== u) counts.url++;
    return masked;
  });
  out = out.replace(iban, () => {
    counts.iban++;
    return '[iban]';
  });
  out = out.replace(digitRun, (run) => {
    const kind = classifyDigits(run);
    if (!kind) return run;
    counts[kind]++;
    return `[${kind}]`;
  });
  out = out.replace(handle, (m, before: string, name: string) => {
    if (keep.has(name.toLowerCase())) return m;
    counts.handle++;
    return `${before}@user`;
  });
  return { text: out, counts };
}

/** Which kind of PII a digit run is, or null for ordinary numbers (years, prices, dates, times, short ids). */
export function classifyDigits(run: string): 'card' | 'phone' | 'number' | null {
  const digits = run.replace(/\D/g, '');
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(run.trim()) || /^\d{4}-\d{2}-\d{2}$/.test(run.trim())) return null;
  if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return 'card';
  const phoneShaped = /^(?:\+|\(\+?)/.test(run) || /[\s().-]/.test(run.trim());
  if (phoneShaped && digits.length >= 7 && digits.length <= 15) return 'phone';
  if (digits.length >= 9) return 'number';
  return null;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Keeps scheme, host and short readable path words; replaces query strings and path segments that look
 * personal (long random tokens, digits, emails) with [redacted].
 */
export function maskUrl(raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return raw;
  }
  const segments = parsed.pathname.split('/').map((seg) => (seg === '' || isReadableWord(seg) ? seg : '[redacted]'));
  const path = segments.join('/');
  const query = parsed.search ? '?[redacted]' : '';
  const masked = `${parsed.protocol}//${parsed.host}${path}${query}`;
  return masked.replace(/\/$/, '') === raw.replace(/\/$/, '') ? raw : masked;
}

function isReadableWord(seg: string): boolean {
  return /^[a-z]+(?:[-_][a-z]+)*(?:\.[a-z]{2,4})?$/i.test(seg) && seg.length <= 30;
}
