/**
 * Which chat model the agent uses, read from the environment: any OpenAI-compatible endpoint when
 * OPENAI_BASE_URL or OPENAI_API_KEY is set, the offline planner otherwise.
 */
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
  const baseUrl = env.OPENAI_BASE_URL?.trim() || null;
  const apiKey = env.OPENAI_API_KEY?.trim() || null;
  const maxSteps = Number(env.PERSONA_AGENT_MAX_STEPS ?? agentDefaults.maxSteps);
  const model: ModelChoice =
    baseUrl || apiKey
      ? { kind: 'openai', baseUrl, apiKey: apiKey ?? 'not-needed', model: env.PERSONA_MODEL?.trim() || agentDefaults.model }
      : { kind: 'offline' };
  return { model, maxSteps: Number.isInteger(maxSteps) && maxSteps > 0 ? maxSteps : agentDefaults.maxSteps };
}
