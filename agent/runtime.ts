/**
 * Everything a surface needs to chat, built from the environment: the sentence encoder (kept loaded),
 * the configured model and the chat service over an open database. `close()` stops the encoder.
 */
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import { readEnvironment } from '../lib/config.ts';
import { createResidentEncoder } from '../pipeline/embed/resident-encoder.ts';
import type { ChatService } from './chat-types.ts';
import { agentConfigurationFromEnv, type AgentConfiguration } from './configuration.ts';
import { createChatService } from './service.ts';
import { llmWriterFromEnv } from '../pipeline/persona/llm-pass.ts';

export interface AgentRuntime {
  readonly chat: ChatService;
  readonly configuration: AgentConfiguration;
  close(): Promise<void>;
}

export function createAgentRuntime(db: Db, env: NodeJS.ProcessEnv = process.env): AgentRuntime {
  const configuration = agentConfigurationFromEnv(env);
  const encoder = createResidentEncoder();
  const chat = createChatService({ db, configuration, encoder, exportDir: join(readEnvironment(env).home, 'exports'), currency: readEnvironment(env).currency, personaWriter: llmWriterFromEnv(env) });
  return { chat, configuration, close: () => encoder.close() };
}
