/**
 * Everything a surface needs to chat, built from the environment: the sentence encoder (kept loaded),
 * the configured model and the chat service over an open database. `close()` stops the encoder.
 */
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import { readEnvironment } from '../lib/config.ts';
import type { FileAccess } from '../lib/data-folder.ts';
import { createResidentEmbedder } from '../pipeline/embed/resident-embedder.ts';
import { createRunEmbedders } from '../services/embed/run-embedders.ts';
import type { ChatService } from './chat-types.ts';
import { agentConfigurationFromEnv, type AgentConfiguration } from './configuration.ts';
import { createChatService } from './service.ts';
import { llmWriterFromEnv } from '../pipeline/persona/llm-pass.ts';
import type { Environment } from '../lib/config.ts';
import type { RetentionOptions } from './retention.ts';
import { JobQueue } from '../lib/job-queue.ts';

export interface AgentRuntime {
  readonly chat: ChatService;
  readonly configuration: AgentConfiguration;
  /** The queue chat-triggered segmentations wait in. */
  readonly jobs: JobQueue;
  close(): Promise<void>;
}

export interface AgentRuntimeOptions {
  /**
   * Which files chat may import. Default: only the data folder (PERSONA_DATA_DIR), because chat users
   * are untrusted; the CLI's own ask/chat pass "any" for the local operator.
   */
  readonly files?: FileAccess;
}

export function createAgentRuntime(db: Db, env: NodeJS.ProcessEnv = process.env, options: AgentRuntimeOptions = {}): AgentRuntime {
  const configuration = agentConfigurationFromEnv(env);
  const encoder = createResidentEmbedder();
  const runEmbedders = createRunEmbedders(encoder);
  const settings = readEnvironment(env);
  const jobs = new JobQueue({
    ...(settings.maxJobs !== null ? { maxConcurrent: settings.maxJobs } : {}),
    ...(settings.maxJobsPerUser !== null ? { maxPerUser: settings.maxJobsPerUser } : {}),
  });
  const files = options.files ?? { kind: 'folder', dir: settings.dataDir };
  const chat = createChatService({
    db,
    configuration,
    encoder,
    embedderFor: (run) => runEmbedders.forRun(run),
    exportDir: join(settings.home, 'exports'),
    files,
    personaWriter: llmWriterFromEnv(env),
    currency: settings.currency,
    timeZone: settings.timeZone,
    retention: retentionFromEnvironment(settings),
    jobs,
  });
  return { chat, configuration, jobs, close: async () => {
    await runEmbedders.close();
    await encoder.close();
  } };
}

export function retentionFromEnvironment(settings: Environment): RetentionOptions {
  return {
    ...(settings.checkpointsPerThread !== null ? { keepPerThread: settings.checkpointsPerThread } : {}),
    ...(settings.threadIdleDays !== null ? { idleDays: settings.threadIdleDays } : {}),
  };
}
