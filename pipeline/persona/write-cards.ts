/**
 * Persona cards for a run: the LLM writer when an endpoint is configured, the offline writer otherwise,
 * and per segment whenever the LLM card fails (call error, invalid after the repair round, rejected by
 * the grounding gate, or too like another card), with the reason recorded. Every returned card is
 * grounded and the run's cards are distinct; anything else is an internal error.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { StageReport } from '../types.ts';
import type { PersonaCard } from './card-schema.ts';
import { distinctnessProblems, tooAlike } from './distinct.ts';
import { assertGrounded } from './enforce-grounding.ts';
import { writeLlmCard, type LlmWriterOptions } from './llm-writer.ts';
import type { PersonaInput } from './persona-input.ts';
import { offlineCards } from './persona-stage.ts';

export interface WriteCardsOptions {
  readonly llm?: LlmWriterOptions | null;
  /** The run's offline cards when already written (they are deterministic, so this only saves work). */
  readonly offline?: readonly (PersonaCard | null)[];
}

export type CardWriter = 'llm' | 'offline';

export interface WriteCardsResult {
  readonly cards: PersonaCard[];
  readonly writer: CardWriter[];
  readonly report: StageReport;
}

export async function writeCards(inputs: readonly PersonaInput[], options: WriteCardsOptions = {}): Promise<WriteCardsResult> {
  const started = performance.now();
  const given = options.offline;
  const offline = given && given.length === inputs.length && given.every((c) => c !== null) ? (given as PersonaCard[]) : offlineCards(inputs);
  const cards = [...offline];
  const writer: CardWriter[] = inputs.map(() => 'offline');
  const notes: string[] = [];
  let repaired = 0;
  const llm = options.llm ?? null;
  if (llm) {
    // One segment at a time: endpoints rate-limit, and the order keeps the report readable.
    for (const [i, input] of inputs.entries()) {
      const result = await writeLlmCard(input, llm);
      if ('error' in result) {
        notes.push(`segment ${input.index}: kept the offline card (${result.error})`);
        continue;
      }
      const clash = cards.map((other, j) => (j === i ? null : tooAlike(result.card, other))).find((why) => why !== null);
      if (clash) {
        notes.push(`segment ${input.index}: kept the offline card (the model's card ${clash})`);
        continue;
      }
      cards[i] = result.card;
      writer[i] = 'llm';
      if (result.attempts > 1) notes.push(`segment ${input.index}: model card accepted after ${result.attempts} attempts`);
      if (result.repairs.length) {
        repaired++;
        notes.push(`segment ${input.index}: ${result.repairs.join('; ')}`);
      }
    }
  }
  cards.forEach((card, i) => assertGrounded(card, inputs[i] as PersonaInput, `${writer[i]} writer, segment ${(inputs[i] as PersonaInput).index}`));
  const alike = distinctnessProblems(cards);
  if (alike.length) throw new PersonaError('internal', `persona cards are not distinct: ${alike.join('; ')}`);
  const llmCount = writer.filter((w) => w === 'llm').length;
  return {
    cards,
    writer,
    report: {
      stage: 'persona',
      ms: Math.round(performance.now() - started),
      rowsIn: inputs.length,
      rowsOut: cards.length,
      params: llm ? { writer: 'llm', model: llm.model, endpoint: endpointName(llm.baseUrl) } : { writer: 'offline' },
      counts: { llm: llmCount, offline: cards.length - llmCount, repaired },
      notes,
    },
  };
}

/** The endpoint without credentials or query, for reports. */
function endpointName(baseUrl: string | null): string {
  if (!baseUrl) return 'default';
  try {
    const u = new URL(baseUrl);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'unparseable URL';
  }
}
