/**
 * The gate every card passes before it is stored: schema-valid, every quote verbatim in its segment's
 * evidence, every key number equal to the statistic it names. Ungrounded quotes and numbers are dropped
 * (the repair); a card that is no longer valid after that is rejected.
 */
import { groundingViolations } from '../evidence/grounding.ts';
import type { NamedStatistic, SegmentEvidence } from '../types.ts';
import { personaCardSchema, type PersonaCard } from './card-schema.ts';

export type Grounded = { readonly card: PersonaCard; readonly repairs: readonly string[] } | { readonly card: null; readonly reasons: readonly string[] };

export function enforceGrounding(candidate: unknown, evidence: readonly SegmentEvidence[], stats: readonly NamedStatistic[]): Grounded {
  const parsed = personaCardSchema.safeParse(candidate);
  if (!parsed.success) return { card: null, reasons: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const card = parsed.data;
  const repairs: string[] = [];
  const quotes = card.quotes.filter((q) => {
    const bad = groundingViolations({ quotes: [q], keyStats: [] }, evidence, stats);
    repairs.push(...bad);
    return bad.length === 0;
  });
  const keyStats = card.keyStats.filter((k) => {
    const bad = groundingViolations({ quotes: [], keyStats: [k] }, evidence, stats);
    repairs.push(...bad);
    return bad.length === 0;
  });
  const repaired = personaCardSchema.safeParse({ ...card, quotes, keyStats });
  if (!repaired.success) return { card: null, reasons: [...repairs, ...repaired.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)] };
  return { card: repaired.data, repairs };
}
