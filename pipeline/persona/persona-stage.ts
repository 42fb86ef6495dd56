/**
 * Persona cards for a run with the offline writer, each checked by the grounding gate, the run's cards
 * checked for distinctness. Runs in the compute worker, so cards are part of the deterministic run.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { StageReport } from '../types.ts';
import type { PersonaCard } from './card-schema.ts';
import { distinctnessProblems } from './distinct.ts';
import { assertGrounded } from './enforce-grounding.ts';
import { writeOfflineCards, type OfflineWriterOptions } from './offline-writer.ts';
import type { PersonaInput } from './persona-input.ts';

export interface StoredPersona extends PersonaCard {
  readonly writer: 'offline' | 'llm';
}

/** Offline cards that are grounded and distinct, or an internal error: the writer guarantees both. */
export function offlineCards(inputs: readonly PersonaInput[], options: OfflineWriterOptions = {}): PersonaCard[] {
  const cards = writeOfflineCards(inputs, options);
  cards.forEach((card, i) => assertGrounded(card, inputs[i] as PersonaInput, `offline writer, segment ${(inputs[i] as PersonaInput).index}`));
  const alike = distinctnessProblems(cards);
  if (alike.length) throw new PersonaError('internal', `offline writer: cards are not distinct: ${alike.join('; ')}`);
  return cards;
}

export function personaStage(inputs: readonly PersonaInput[], options: OfflineWriterOptions = {}): { cards: StoredPersona[]; report: StageReport } {
  const started = performance.now();
  const cards = offlineCards(inputs, options).map((card) => ({ ...card, writer: 'offline' as const }));
  return {
    cards,
    report: {
      stage: 'persona',
      ms: Math.round(performance.now() - started),
      rowsIn: inputs.length,
      rowsOut: cards.length,
      params: { writer: 'offline' },
      counts: { cards: cards.length, quotes: cards.reduce((n, c) => n + c.quotes.length, 0) },
    },
  };
}
