/**
 * When an LLM is configured, cards are rewritten by it after the deterministic run; a segment whose LLM
 * card fails (call error, invalid twice, rejected by the grounding gate) keeps its offline card, and the
 * reason is recorded in the stage report.
 */
import type { StageReport } from '../types.ts';
import { writeLlmCard, type LlmWriterOptions } from './llm-writer.ts';
import type { PersonaInput } from './persona-input.ts';
import type { StoredPersona } from './persona-stage.ts';

export async function llmPersonaPass(
  inputs: readonly PersonaInput[],
  offline: readonly (StoredPersona | null)[],
  options: LlmWriterOptions,
): Promise<{ cards: (StoredPersona | null)[]; report: StageReport }> {
  const started = performance.now();
  const notes: string[] = [];
  const cards: (StoredPersona | null)[] = [];
  let written = 0;
  // One segment at a time: endpoints rate-limit, and order keeps the report readable.
  for (const [i, input] of inputs.entries()) {
    const result = await writeLlmCard(input, options);
    if ('card' in result) {
      written++;
      cards.push({ ...result.card, writer: 'llm' });
      if (result.repairs.length) notes.push(`segment ${input.index}: dropped ${result.repairs.join('; ')}`);
    } else {
      cards.push(offline[i] ?? null);
      notes.push(`segment ${input.index}: kept the offline card (${result.error})`);
    }
  }
  return {
    cards,
    report: {
      stage: 'persona-llm',
      ms: Math.round(performance.now() - started),
      rowsIn: inputs.length,
      rowsOut: written,
      params: { model: options.model, baseUrl: options.baseUrl },
      counts: { llm: written, offline: inputs.length - written },
      notes,
    },
  };
}

/** The writer's endpoint from the environment, or null for offline cards only. */
export function llmWriterFromEnv(env: NodeJS.ProcessEnv = process.env): LlmWriterOptions | null {
  const baseUrl = env.OPENAI_BASE_URL?.trim() || null;
  const apiKey = env.OPENAI_API_KEY?.trim() || null;
  if (!baseUrl && !apiKey) return null;
  return { baseUrl, apiKey: apiKey ?? 'not-needed', model: env.PERSONA_MODEL?.trim() || 'gpt-4o-mini' };
}
