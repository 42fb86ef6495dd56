/**
 * When an LLM is configured, cards are rewritten by it after the deterministic run; a segment whose LLM
 * card fails keeps its offline card, and the reason is recorded in the stage report.
 */
import { readChatModel } from '../../lib/config.ts';
import type { StageReport } from '../types.ts';
import type { LlmWriterOptions } from './llm-writer.ts';
import type { PersonaInput } from './persona-input.ts';
import type { StoredPersona } from './persona-stage.ts';
import { writeCards } from './write-cards.ts';

export async function llmPersonaPass(
  inputs: readonly PersonaInput[],
  offline: readonly (StoredPersona | null)[],
  options: LlmWriterOptions,
): Promise<{ cards: StoredPersona[]; report: StageReport }> {
  const result = await writeCards(inputs, { llm: options, offline: offline.map((c) => (c ? withoutWriter(c) : null)) });
  return {
    cards: result.cards.map((card, i) => ({ ...card, writer: result.writer[i] ?? 'offline' })),
    report: { ...result.report, stage: 'persona-llm' },
  };
}

function withoutWriter(card: StoredPersona): Omit<StoredPersona, 'writer'> {
  const { writer: _writer, ...rest } = card;
  return rest;
}

/** The writer's endpoint from the environment, or null for offline cards only. */
export function llmWriterFromEnv(env: NodeJS.ProcessEnv = process.env): LlmWriterOptions | null {
  const chat = readChatModel(env);
  return chat ? { baseUrl: chat.baseUrl, apiKey: chat.apiKey ?? 'not-needed', model: chat.model ?? 'gpt-4o-mini' } : null;
}
