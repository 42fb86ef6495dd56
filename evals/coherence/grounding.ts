/**
 * Grounding, checked from the outside: a quote is grounded when its core (edge quotation marks and
 * ellipses trimmed, at least 12 characters) appears verbatim in one of its own segment's masked texts;
 * a key number is grounded when the suite recomputed the statistic it names from the raw data and the
 * card's value equals it at the card's own precision (half a unit of its last digit). Numbers the suite
 * cannot recompute (model outputs such as lifetime value) are counted as unverified, never as grounded.
 */
import { normaliseForMatch } from '../lib/text.ts';
import type { CardUnderTest } from './snapshot.ts';

export const groundingDefaults = { minQuoteChars: 12 } as const;

export type CheckOutcome = 'grounded' | 'ungrounded' | 'unverified';

export interface ItemCheck {
  readonly item: string;
  readonly outcome: CheckOutcome;
  readonly reason?: string;
}

const quoteMarks = `"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f`;
const edgePattern = new RegExp(`^[\\s${quoteMarks}]*(?:\\.\\.\\.|\u2026)?[\\s${quoteMarks}]*|[\\s${quoteMarks}]*(?:\\.\\.\\.|\u2026)?[\\s${quoteMarks}]*$`, 'gu');

export function quoteCore(quote: string): string {
  return normaliseForMatch(quote.replace(edgePattern, ''));
}

export function checkQuote(quote: string, segmentTexts: readonly string[]): ItemCheck {
  const core = quoteCore(quote);
  if ([...core].length < groundingDefaults.minQuoteChars) return { item: quote, outcome: 'ungrounded', reason: `shorter than ${groundingDefaults.minQuoteChars} characters` };
  const found = segmentTexts.some((t) => normaliseForMatch(t).includes(core));
  return found ? { item: quote, outcome: 'grounded' } : { item: quote, outcome: 'ungrounded', reason: "not verbatim in any of the segment's masked texts" };
}

/** Digits after the decimal point of a number as written (1.50 is written 1.5 in JSON: one digit). */
export function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return 6;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Whether a number shown with `shown`'s digits can be `actual` rounded. */
export function agreesAtPrecision(shown: number, actual: number): boolean {
  const half = 0.5 * 10 ** -decimalsOf(shown);
  return Math.abs(shown - actual) <= half * (1 + 1e-9) + 1e-12;
}

/** The first number in a display string ("1,204", "16.1%", "2.5k", "3.3× lower"), scaled by k/M. */
export function parseDisplay(display: string): { value: number; decimals: number } | null {
  const m = /(-?\d[\d,]*(?:\.\d+)?)\s*([kKmM](?![a-z]))?/.exec(display.replace(/\u2212/g, '-'));
  if (!m) return null;
  const digits = (m[1] as string).replace(/,/g, '');
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  const scale = m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  return { value: Number(digits) * scale, decimals: scale === 1 ? decimals : decimals - Math.log10(scale) };
}

export function checkNumber(stat: CardUnderTest['keyStats'][number], recomputed: ReadonlyMap<string, number>): ItemCheck {
  const item = `${stat.key} = ${stat.value}`;
  const actual = recomputed.get(stat.key);
  if (actual === undefined || !Number.isFinite(actual)) return { item, outcome: 'unverified', reason: 'not recomputable from the raw data' };
  if (!agreesAtPrecision(stat.value, actual)) return { item, outcome: 'ungrounded', reason: `recomputed ${round6(actual)} from the raw data` };
  if (stat.display !== undefined) {
    const shown = parseDisplay(stat.display);
    const half = shown ? 0.5 * 10 ** -shown.decimals : 0;
    if (!shown || Math.abs(shown.value - stat.value) > half * (1 + 1e-9) + 1e-12) return { item, outcome: 'ungrounded', reason: `display "${stat.display}" does not show ${stat.value}` };
  }
  return { item, outcome: 'grounded' };
}

export interface CardGrounding {
  readonly quotes: readonly ItemCheck[];
  readonly numbers: readonly ItemCheck[];
}

export function cardGrounding(card: CardUnderTest, segmentTexts: readonly string[], recomputed: ReadonlyMap<string, number>): CardGrounding {
  return { quotes: card.quotes.map((q) => checkQuote(q, segmentTexts)), numbers: card.keyStats.map((s) => checkNumber(s, recomputed)) };
}

/** Grounded share of the checkable items (quotes and verifiable numbers); null when none is checkable. */
export function groundedShare(checks: readonly ItemCheck[]): number | null {
  const checkable = checks.filter((c) => c.outcome !== 'unverified');
  return checkable.length ? checkable.filter((c) => c.outcome === 'grounded').length / checkable.length : null;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
