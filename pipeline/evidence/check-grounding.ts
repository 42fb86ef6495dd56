/**
 * The grounding rule every persona card obeys: each quote is a verbatim snippet of that segment's own
 * text evidence, and each key number equals the statistic it names (at the precision it is shown).
 */
import type { NamedStatistic, SegmentEvidence } from '../types.ts';

export const groundingDefaults = { minQuoteChars: 12, relativeTolerance: 0.005, absoluteTolerance: 0.01 } as const;

export interface CheckResult {
  readonly item: string;
  readonly ok: boolean;
  readonly reason?: string;
}

export function checkQuotes(quotes: readonly string[], evidence: readonly SegmentEvidence[]): CheckResult[] {
  const texts = evidence.filter((e) => e.kind === 'text').map((e) => e.text);
  return quotes.map((raw) => {
    const quote = raw.trim().replace(/^["“”'‘’]+|["“”'‘’]+$/g, '').trim();
    if (quote.length < groundingDefaults.minQuoteChars) return { item: raw, ok: false, reason: `quote "${raw}" is shorter than ${groundingDefaults.minQuoteChars} characters` };
    if (!texts.some((t) => t.includes(quote))) return { item: raw, ok: false, reason: `quote "${raw.slice(0, 80)}" is not verbatim in this segment's evidence` };
    return { item: raw, ok: true };
  });
}

/** "34%", "1,234", "£2.5k" are not accepted as numbers: a card's value is a number; display is text. */
export function parseStatValue(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const cleaned = value.replace(/[,\s£$€%×x]/gi, '');
  const n = Number(cleaned);
  return cleaned !== '' && Number.isFinite(n) ? n : null;
}

export function checkStatistics(keyStats: readonly { key: string; value: number | string }[], stats: readonly NamedStatistic[]): CheckResult[] {
  const byKey = new Map(stats.map((s) => [s.key, s]));
  return keyStats.map((k) => {
    const stat = byKey.get(k.key);
    if (!stat) return { item: k.key, ok: false, reason: `key stat "${k.key}" names no statistic of this segment` };
    const value = parseStatValue(k.value);
    if (value === null) return { item: k.key, ok: false, reason: `key stat "${k.key}" has no numeric value` };
    const tolerance = Math.max(groundingDefaults.absoluteTolerance, Math.abs(stat.value) * groundingDefaults.relativeTolerance);
    if (Math.abs(value - stat.value) > tolerance) return { item: k.key, ok: false, reason: `key stat "${k.key}" is ${value} but the statistic is ${stat.value}` };
    return { item: k.key, ok: true };
  });
}

export function groundingViolations(
  card: { readonly quotes: readonly string[]; readonly keyStats: readonly { key: string; value: number | string }[] },
  evidence: readonly SegmentEvidence[],
  stats: readonly NamedStatistic[],
): string[] {
  return [...checkQuotes(card.quotes, evidence), ...checkStatistics(card.keyStats, stats)].filter((r) => !r.ok).map((r) => r.reason as string);
}
