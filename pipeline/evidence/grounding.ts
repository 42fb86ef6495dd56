/**
 * The rule every persona card obeys. A quote is grounded iff, once surrounding whitespace, quotation
 * marks and edge ellipses are trimmed, it is at least 12 characters long and a verbatim substring of one
 * of the segment's own (masked) evidence texts. A key number is grounded iff its key names one of the
 * segment's statistics and its value equals that statistic at display precision: within 0.5% of it or
 * 0.01, whichever is larger. A display string, when given, must show that same number, rounded no more
 * coarsely than its own digits say (so "16%" shows 16.1, "2.5k" shows 2,512, "17%" does not show 16.1).
 * Nothing else is accepted: how plausible a quote sounds, or what it asks for, does not matter.
 */
import type { NamedStatistic, SegmentEvidence } from '../types.ts';

// Statistics are stored at the precision they are shown with, so a key number must equal its statistic.
export const defaults = { minQuoteChars: 12, relativeTolerance: 1e-9, absoluteTolerance: 1e-9 } as const;

export interface QuoteCheck {
  readonly quote: string;
  readonly ok: boolean;
  readonly reason?: string;
}

export interface StatCheck {
  readonly key: string;
  readonly ok: boolean;
  readonly reason?: string;
}

export interface KeyStatLike {
  readonly key: string;
  readonly value: number | string;
  /** How the card shows the number, e.g. "16.1%"; checked when present. */
  readonly display?: string;
}

const quoteMarks = `"'“”‘’„‚«»‹›「」『』`;
const edges = new RegExp(`^[\\s${quoteMarks}]*(?:\\.\\.\\.|…)?[\\s${quoteMarks}]*|[\\s${quoteMarks}]*(?:\\.\\.\\.|…)?[\\s${quoteMarks}]*$`, 'gu');

/** The part of a quote that must appear verbatim. */
export function quoteCore(quote: string): string {
  return quote.normalize('NFC').replace(edges, '');
}

export function checkQuotes(quotes: readonly string[], evidence: readonly SegmentEvidence[]): QuoteCheck[] {
  const texts = evidence.flatMap((e) => (e.kind === 'text' ? [e.text.normalize('NFC')] : []));
  return quotes.map((quote) => {
    if (typeof quote !== 'string') return { quote: String(quote), ok: false, reason: 'a quote must be text' };
    const core = quoteCore(quote);
    const shown = core.length > 80 ? `${core.slice(0, 77)}…` : core;
    if (core.length < defaults.minQuoteChars) return { quote, ok: false, reason: `quote "${shown}" is shorter than ${defaults.minQuoteChars} characters` };
    if (texts.length === 0) return { quote, ok: false, reason: `quote "${shown}": this segment has no text evidence to quote` };
    if (!texts.some((t) => t.includes(core))) return { quote, ok: false, reason: `quote "${shown}" is not verbatim in this segment's evidence texts` };
    return { quote, ok: true };
  });
}

const multipliers: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, bn: 1e9, b: 1e9 };
const numberToken = /[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:k|m|bn|b)(?![\p{L}]))?/giu;

interface Shown {
  readonly value: number;
  /** Half a unit in the last shown digit: how far off a correctly rounded display can be. */
  readonly halfUnit: number;
}

function parseNumberToken(token: string): Shown | null {
  const m = /^([-−+]?)([\d,]+)(?:\.(\d+))?\s?(k|m|bn|b)?$/i.exec(token.trim());
  if (!m) return null;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = m;
  if (whole.includes(',') && !/^\d{1,3}(?:,\d{3})+$/.test(whole)) return null;
  const scale = suffix ? (multipliers[suffix.toLowerCase()] as number) : 1;
  const magnitude = Number(`${whole.replace(/,/g, '')}${fraction ? `.${fraction}` : ''}`) * scale;
  if (!Number.isFinite(magnitude)) return null;
  return { value: sign === '-' || sign === '−' ? -magnitude : magnitude, halfUnit: 0.5 * 10 ** -fraction.length * scale };
}

/**
 * A card's value as a number: numbers as they are; strings such as "34%", "1,234", "£2.5k", "3.3×",
 * "−0.4" parsed. Anything with words or several numbers is not a value: null.
 */
export function parseStatValue(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const stripped = value.trim().replace(/^[£$€¥]\s?|^(?:GBP|USD|EUR)\s?/i, '').replace(/\s?(?:%|×|x|pp|pts?)$/i, '');
  return parseNumberToken(stripped)?.value ?? null;
}

function tolerance(stat: number): number {
  return Math.max(defaults.absoluteTolerance, Math.abs(stat) * defaults.relativeTolerance);
}

export function checkStatistics(keyStats: readonly KeyStatLike[], stats: readonly NamedStatistic[]): StatCheck[] {
  const byKey = new Map(stats.map((s) => [s.key, s]));
  return keyStats.map((k) => {
    const key = String(k.key);
    const stat = byKey.get(key);
    if (!stat) return { key, ok: false, reason: `key stat "${key}" names no statistic of this segment` };
    if (!Number.isFinite(stat.value)) return { key, ok: false, reason: `key stat "${key}": the statistic has no finite value` };
    const value = parseStatValue(k.value);
    if (value === null) return { key, ok: false, reason: `key stat "${key}" has no numeric value (${JSON.stringify(k.value)})` };
    if (typeof k.value === 'string' && k.value.includes('%') && stat.unit !== '%') return { key, ok: false, reason: `key stat "${key}" is shown as a percentage but "${stat.label}" is not one` };
    if (Math.abs(value - stat.value) > tolerance(stat.value)) return { key, ok: false, reason: `key stat "${key}" is ${value} but the statistic "${stat.label}" is ${stat.value}` };
    if (k.display !== undefined) {
      const problem = displayProblem(k.display, stat);
      if (problem) return { key, ok: false, reason: `key stat "${key}" ${problem}` };
    }
    return { key, ok: true };
  });
}

function displayProblem(display: string, stat: NamedStatistic): string | null {
  const tokens = String(display).match(numberToken) ?? [];
  if (tokens.length !== 1) return `is displayed as "${display}", which should show exactly one number`;
  const shown = parseNumberToken(tokens[0] as string);
  if (!shown) return `is displayed as "${display}", which shows no readable number`;
  if (display.includes('%') && stat.unit !== '%') return `is displayed as "${display}" but "${stat.label}" is not a percentage`;
  const allowed = Math.max(tolerance(stat.value), shown.halfUnit + 1e-9 * Math.max(1, Math.abs(stat.value)));
  if (Math.abs(shown.value - stat.value) > allowed) return `is displayed as "${display}" but the statistic "${stat.label}" is ${stat.value}`;
  return null;
}

/** Every way a card breaks the rule, in words (empty when the card is grounded). */
export function groundingViolations(
  card: { readonly quotes: readonly string[]; readonly keyStats: readonly KeyStatLike[] },
  evidence: readonly SegmentEvidence[],
  stats: readonly NamedStatistic[],
): string[] {
  return [...checkQuotes(card.quotes, evidence), ...checkStatistics(card.keyStats, stats)].flatMap((r) => (r.ok ? [] : [r.reason as string]));
}
