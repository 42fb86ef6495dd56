/**
 * The gate every card passes before it is stored: schema-valid, every quote verbatim in its segment's
 * evidence, every key number equal to the statistic it names, and at least one quote when the segment
 * has texts to quote. Ungrounded quotes and numbers are dropped (the repair); a card that is no longer
 * valid after that is rejected.
 */
import { PersonaError } from '../../lib/errors.ts';
import { checkQuotes, checkStatistics, groundingViolations } from '../evidence/grounding.ts';
import type { NamedStatistic, SegmentEvidence } from '../types.ts';
import { personaCardSchema, schemaProblems, type PersonaCard } from './card-schema.ts';

export interface GroundingSource {
  readonly evidence: readonly SegmentEvidence[];
  readonly statistics: readonly NamedStatistic[];
}

export type Grounded = { readonly card: PersonaCard; readonly repairs: readonly string[] } | { readonly card: null; readonly reasons: readonly string[] };

/** Quotes a card must carry: one when the segment has text evidence, none for tabular data. */
export function minQuotes(source: GroundingSource): number {
  return source.evidence.some((e) => e.kind === 'text') ? 1 : 0;
}

/** Every problem with a card as it stands: schema, grounding, and a missing quote. */
export function cardProblems(candidate: unknown, source: GroundingSource): string[] {
  const schema = schemaProblems(candidate);
  if (schema.length) return schema;
  const card = candidate as PersonaCard;
  const problems = groundingViolations(card, source.evidence, source.statistics);
  if (card.quotes.length < minQuotes(source)) problems.push('quotes: give at least one quote copied verbatim from the customer texts');
  return problems;
}

export function enforceGrounding(candidate: unknown, source: GroundingSource): Grounded {
  const parsed = personaCardSchema.safeParse(candidate);
  if (!parsed.success) return { card: null, reasons: schemaProblems(candidate) };
  const card = parsed.data;
  const quoteChecks = checkQuotes(card.quotes, source.evidence);
  const statChecks = checkStatistics(card.keyStats, source.statistics);
  const repairs = [...quoteChecks, ...statChecks].flatMap((c) => (c.ok ? [] : [`dropped: ${c.reason as string}`]));
  const repaired = { ...card, quotes: card.quotes.filter((_, i) => quoteChecks[i]?.ok), keyStats: card.keyStats.filter((_, i) => statChecks[i]?.ok) };
  const problems = cardProblems(repaired, source);
  if (problems.length) return { card: null, reasons: [...repairs, ...problems] };
  return { card: personaCardSchema.parse(repaired), repairs };
}

/** The last line of defence: a card that is about to be returned must be grounded, or it is a bug. */
export function assertGrounded(card: PersonaCard, source: GroundingSource, where: string): void {
  const problems = cardProblems(card, source);
  if (problems.length) throw new PersonaError('internal', `${where}: persona card "${card.name}" is not grounded: ${problems.join('; ')}`);
}
