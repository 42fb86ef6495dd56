/**
 * The LLM persona writer: any OpenAI-compatible endpoint through ChatOpenAI, JSON output validated
 * against the card schema and the grounding rule, one repair round trip with the problems listed, then
 * the grounding gate (ungrounded quotes and numbers dropped, or the card rejected). It never returns an
 * ungrounded card.
 */
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { errorMessage } from '../../lib/errors.ts';
import { groundingViolations } from '../evidence/grounding.ts';
import { personaCardSchema, type PersonaCard } from './card-schema.ts';
import { enforceGrounding } from './enforce-grounding.ts';
import type { PersonaInput } from './persona-input.ts';
import { personaSystemPrompt, personaUserPrompt, repairPrompt } from './prompts.ts';

export interface LlmWriterOptions {
  readonly baseUrl: string | null;
  readonly apiKey: string;
  readonly model: string;
  readonly timeoutMs?: number;
}

export type LlmCardResult = { readonly card: PersonaCard; readonly attempts: number; readonly repairs: readonly string[] } | { readonly error: string; readonly attempts: number };

export async function writeLlmCard(input: PersonaInput, options: LlmWriterOptions): Promise<LlmCardResult> {
  const model = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    temperature: 0,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    ...(options.baseUrl ? { configuration: { baseURL: options.baseUrl } } : {}),
  });
  const messages: BaseMessage[] = [new SystemMessage(personaSystemPrompt), new HumanMessage(personaUserPrompt(input))];
  let attempts = 0;
  let last: unknown = null;
  for (; attempts < 2; ) {
    attempts++;
    let text: string;
    try {
      const reply = await model.invoke(messages, { response_format: { type: 'json_object' } });
      text = typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
      messages.push(new AIMessage(text));
    } catch (err) {
      return { error: `model call failed: ${errorMessage(err)}`, attempts };
    }
    const problems = check(text, input);
    last = problems.parsed;
    if (!problems.list.length) break;
    if (attempts < 2) messages.push(new HumanMessage(repairPrompt(problems.list)));
  }
  const gated = enforceGrounding(last, input.evidence, input.statistics);
  return gated.card ? { card: gated.card, attempts, repairs: gated.repairs } : { error: `card rejected: ${gated.reasons.join('; ')}`, attempts };
}

function check(text: string, input: PersonaInput): { parsed: unknown; list: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return { parsed: null, list: ['the reply is not valid JSON'] };
  }
  const schema = personaCardSchema.safeParse(parsed);
  if (!schema.success) return { parsed, list: schema.error.issues.map((i) => `${i.path.join('.') || 'card'}: ${i.message}`) };
  return { parsed, list: groundingViolations(schema.data, input.evidence, input.statistics) };
}
