/**
 * The LLM persona writer: any OpenAI-compatible endpoint through ChatOpenAI, asked for a JSON object,
 * checked against the card schema and the grounding rule (quotes verbatim in this segment's evidence,
 * key numbers equal to its statistics, age and occupation only as the data says). One repair round
 * sends the problems back; if the card is still invalid, ungrounded quotes and numbers are dropped when
 * what remains is a valid card, else the result is an error and the caller keeps the offline card.
 * An ungrounded card is never returned.
 */
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { errorMessage } from '../../lib/errors.ts';
import { notInData, personaCardSchema, unknownAge, type PersonaCard } from './card-schema.ts';
import { ageBand, occupation } from './card-parts.ts';
import { cardProblems, enforceGrounding } from './enforce-grounding.ts';
import type { PersonaInput } from './persona-input.ts';
import { personaPrompt, repairPrompt } from './prompts.ts';

export interface LlmWriterOptions {
  /** The endpoint's base URL (ending in /v1); null for the default OpenAI endpoint. */
  readonly baseUrl: string | null;
  readonly apiKey: string;
  readonly model: string;
  readonly timeoutMs?: number;
}

export const defaults = { timeoutMs: 60_000, attempts: 2 } as const;

export type LlmCardResult =
  | { readonly card: PersonaCard; readonly attempts: number; readonly repairs: readonly string[] }
  | { readonly error: string; readonly attempts: number };

export async function writeLlmCard(input: PersonaInput, options: LlmWriterOptions): Promise<LlmCardResult> {
  const timeout = options.timeoutMs ?? defaults.timeoutMs;
  if (!options.model?.trim()) return { error: 'no model name configured', attempts: 0 };
  if (!Number.isFinite(timeout) || timeout <= 0) return { error: `timeoutMs must be a positive number, got ${timeout}`, attempts: 0 };
  const model = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    temperature: 0,
    maxRetries: 0,
    timeout,
    ...(options.baseUrl ? { configuration: { baseURL: options.baseUrl } } : {}),
  });
  const prompt = personaPrompt(input);
  const messages: BaseMessage[] = [new SystemMessage(prompt.system), new HumanMessage(prompt.user)];
  const candidates: unknown[] = [];
  let problems: string[] = [];
  let attempts = 0;
  while (attempts < defaults.attempts) {
    attempts++;
    let text: string;
    try {
      const reply = await model.invoke(messages, { response_format: { type: 'json_object' } });
      text = replyText(reply.content);
    } catch (err) {
      return { error: `model call failed: ${errorMessage(err)}`, attempts };
    }
    const parsed = parseJsonObject(text);
    problems = parsed === undefined ? ['the reply is not one JSON object'] : [...cardProblems(parsed, input), ...factProblems(parsed, input)];
    if (!problems.length) return { card: personaCardSchema.parse(parsed), attempts, repairs: [] };
    if (parsed !== undefined) candidates.push(parsed);
    messages.push(new AIMessage(text), new HumanMessage(repairPrompt(problems)));
  }
  // Still invalid: the latest candidate that becomes valid once its ungrounded items are dropped.
  for (const candidate of candidates.reverse()) {
    const gated = enforceGrounding(withDataFacts(candidate, input), input);
    if (gated.card) return { card: gated.card, attempts, repairs: gated.repairs };
  }
  return { error: `card rejected after ${attempts} attempts (${problems.slice(0, 6).join('; ')})`, attempts };
}

function replyText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('');
  return '';
}

/** The reply as a JSON object: bare, in a ```json fence, or the outermost {…} of a chatty reply. */
export function parseJsonObject(text: string): unknown {
  const tries = [text.trim(), text.replace(/^[\s\S]*?```(?:json)?\s*|\s*```[\s\S]*$/g, '').trim()];
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start >= 0 && end > start) tries.push(text.slice(start, end + 1));
  for (const t of tries) {
    try {
      const value: unknown = JSON.parse(t);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/[‐-―−-]/g, '-');
const honest = new Set([unknownAge, notInData, 'unknown', 'not in data'].map(normalise));

/** Age band and occupation may only say what the data says (or say it is unknown, or an inference). */
function factProblems(candidate: unknown, input: PersonaInput): string[] {
  const card = candidate as { ageBand?: unknown; occupation?: unknown };
  const problems: string[] = [];
  const band = ageBand(input.contrasts) ?? unknownAge;
  if (typeof card.ageBand === 'string' && !honest.has(normalise(card.ageBand)) && normalise(card.ageBand) !== normalise(band)) {
    problems.push(`ageBand: must be "${band}" as given in SEGMENT FACTS`);
  }
  const job = occupation(input.contrasts) ?? notInData;
  if (typeof card.occupation === 'string' && !honest.has(normalise(card.occupation)) && normalise(card.occupation) !== normalise(job) && !/^(likely|probably|possibly|perhaps|inferred)\b/i.test(card.occupation.trim())) {
    problems.push(`occupation: must be "${job}" as given in SEGMENT FACTS, or worded as an inference ("likely …")`);
  }
  return problems;
}

/** The last-resort repair for age and occupation: the data's own values. */
function withDataFacts(candidate: unknown, input: PersonaInput): unknown {
  if (!candidate || typeof candidate !== 'object') return candidate;
  const problems = factProblems(candidate, input);
  const fixed: Record<string, unknown> = { ...(candidate as Record<string, unknown>) };
  // The data's value, or no field at all when the data has none.
  if (problems.some((p) => p.startsWith('ageBand'))) fixed.ageBand = ageBand(input.contrasts) ?? undefined;
  if (problems.some((p) => p.startsWith('occupation'))) fixed.occupation = occupation(input.contrasts) ?? undefined;
  for (const k of ['ageBand', 'occupation']) if (fixed[k] === undefined) delete fixed[k];
  return fixed;
}
