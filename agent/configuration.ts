/**
 * Which chat model the agent uses, read from the environment: any OpenAI-compatible endpoint when
 * OPENAI_BASE_URL or OPENAI_API_KEY is set, the offline planner otherwise.
 */
import { readAgentMaxSteps, readChatModel } from '../lib/config.ts';

export type ModelChoice =
  | { readonly kind: 'offline' }
  | { readonly kind: 'openai'; readonly baseUrl: string | null; readonly apiKey: string; readonly model: string };

export interface AgentConfiguration {
  readonly model: ModelChoice;
  /** Model calls per question before the agent stops and answers with what it has. */
  readonly maxSteps: number;
}

export const agentDefaults = { maxSteps: 8, model: 'gpt-4o-mini' } as const;

export function agentConfigurationFromEnv(env: NodeJS.ProcessEnv = process.env): AgentConfiguration {
  const chat = readChatModel(env);
  const model: ModelChoice = chat
    ? { kind: 'openai', baseUrl: chat.baseUrl, apiKey: chat.apiKey ?? 'not-needed', model: chat.model ?? agentDefaults.model }
    : { kind: 'offline' };
  return { model, maxSteps: readAgentMaxSteps(env) ?? agentDefaults.maxSteps };
}
