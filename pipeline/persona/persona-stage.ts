/**
 * Persona cards for a run with the offline writer, each passed through the grounding gate. Runs in the
 * compute worker, so cards are part of the deterministic run.
 */
import type { StageReport } from '../types.ts';
import type { PersonaCard } from './card-schema.ts';
import { enforceGrounding } from './enforce-grounding.ts';
import { writeOfflineCards } from './offline-writer.ts';
import type { PersonaInput } from './persona-input.ts';

export interface StoredPersona extends PersonaCard {
  readonly writer: 'offline' | 'llm';
}

export function personaStage(inputs: readonly PersonaInput[]): { cards: (StoredPersona | null)[]; report: StageReport } {
  const started = performance.now();
  const drafts = writeOfflineCards(inputs);
  const notes: string[] = [];
  let repaired = 0;
  const cards = drafts.map((draft, i) => {
    const input = inputs[i] as PersonaInput;
    const gated = enforceGrounding(draft, input.evidence, input.statistics);
    if (!gated.card) {
      notes.push(`segment ${input.index}: card rejected (${gated.reasons.join('; ')})`);
      return null;
    }
    if (gated.repairs.length) {
      repaired++;
      notes.push(`segment ${input.index}: ${gated.repairs.join('; ')}`);
    }
    return { ...gated.card, writer: 'offline' as const };
  });
  return {
    cards,
    report: {
      stage: 'persona',
      ms: Math.round(performance.now() - started),
      rowsIn: inputs.length,
      rowsOut: cards.filter(Boolean).length,
      params: { writer: 'offline' },
      counts: { cards: cards.filter(Boolean).length, repaired, rejected: cards.filter((c) => c === null).length },
      notes,
    },
  };
}
