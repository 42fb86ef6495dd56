/**
 * The chat service every surface uses: one compiled graph over our database, the configured chat model
 * (ChatOpenAI or the offline planner), conversation memory per thread, and one question at a time per
 * thread so follow-ups see the previous answer's focus.
 */
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { Db } from '../db/client.ts';
import type { FileAccess } from '../lib/data-folder.ts';
import { PersonaError } from '../lib/errors.ts';
import { langChainToolDefinitions } from '../tools/langchain.ts';
import type { Embedder } from '../pipeline/types.ts';
import type { Run } from '../db/schema.ts';
import { resolveRun, resolveSegment } from '../tools/resolve.ts';
import { focusOnSegment, type Focus } from '../tools/types.ts';
import { channelRun, pinChannelRun } from '../db/queries/runs.ts';
import type { Catalogue } from '../tools/catalogue/catalogue.ts';
import { runContext } from '../tools/catalogue/context.ts';
import type { LlmWriterOptions } from '../pipeline/persona/llm-writer.ts';
import type { JobQueue } from '../lib/job-queue.ts';
import type { ChatAnswer, ChatContext, ChatRequest, ChatService } from './chat-types.ts';
import { DbCheckpointSaver } from './checkpointer.ts';
import { retentionPolicy, type RetentionOptions } from './retention.ts';
import type { AgentConfiguration } from './configuration.ts';
import { buildAgentGraph } from './graph.ts';
import { OfflinePlanner } from './offline-planner.ts';
import type { AgentStateType } from './state.ts';

export interface ChatServiceOptions {
  readonly db: Db;
  readonly configuration: AgentConfiguration;
  readonly exportDir: string;
  /** Which files load_data may import: the data folder for chat users, any path for the CLI operator. */
  readonly files?: FileAccess;
  readonly encoder?: Embedder;
  /** The embedder each run recorded, for meaning lookups over its data (see tools/types.ts). */
  readonly embedderFor?: (run: Run) => Embedder | undefined;
  readonly personaWriter?: LlmWriterOptions | null;
  /** Currency for money when the data has none (PERSONA_CURRENCY). */
  readonly currency?: string | null;
  /** The named time zone for clock times in answers (PERSONA_TIMEZONE); absent → UTC. */
  readonly timeZone?: string;
  /** The queue re-segmentations wait in (a server passes one); absent → they run at once. */
  readonly jobs?: JobQueue;
  /** Conversation memory bounds; absent → every checkpoint is kept. */
  readonly retention?: RetentionOptions;
}

export function createChatService(options: ChatServiceOptions): ChatService & { readonly mode: 'offline' | 'openai' } {
  const { configuration } = options;
  const progress = new Map<string, (status: string) => void>();
  const users = new Map<string, string>();
  const model = chatModel(configuration, options.encoder, options.db, options.exportDir);
  const graph = buildAgentGraph({
    model,
    checkpointer: new DbCheckpointSaver(options.db, options.retention ? retentionPolicy(options.retention).keepPerThread : null),
    maxSteps: configuration.maxSteps,
    contextFor: (focus, threadId) => ({
      db: options.db,
      focus,
      exportDir: options.exportDir,
      ...(options.files ? { files: options.files } : {}),
      personaWriter: options.personaWriter ?? null,
      currency: options.currency ?? null,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.encoder ? { encoder: options.encoder } : {}),
      ...(options.embedderFor ? { embedderFor: options.embedderFor } : {}),
      ...(progress.has(threadId) ? { onProgress: progress.get(threadId) } : {}),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      threadId,
      ...(users.has(threadId) ? { userId: users.get(threadId) } : {}),
    }),
  });
  const queues = new Map<string, Promise<unknown>>();

  /** A new conversation in a channel with a pinned run starts on that run; an existing one keeps its own. */
  const channelStart = async (channel: string, config: { configurable: { thread_id: string } }): Promise<Focus | null> => {
    const pinned = await channelRun(options.db, channel);
    if (!pinned) return null;
    const existing = await graph.getState(config);
    if (((existing.values as Partial<AgentStateType> | undefined)?.messages?.length ?? 0) > 0) return null;
    return { runId: pinned.id, segmentId: null, segmentRunId: null };
  };

  const answer = async (request: ChatRequest): Promise<ChatAnswer> => {
    if (request.onProgress) progress.set(request.threadId, request.onProgress);
    if (request.userId) users.set(request.threadId, request.userId);
    try {
      const config = { configurable: { thread_id: request.threadId }, recursionLimit: configuration.maxSteps * 2 + 6 };
      // The surface's context (the page asked from) wins; else a new thread in a channel starts on its pinned run.
      const focus = request.context ? await contextFocus(options.db, request.context) : request.channel ? await channelStart(request.channel, config) : null;
      const state = (await graph.invoke({ messages: [new HumanMessage(request.text)], ...(focus ? { focus } : {}) }, config)) as AgentStateType;
      const last = [...state.messages].reverse().find((m) => m instanceof AIMessage && !(m.tool_calls?.length));
      const text = last ? (typeof last.content === 'string' ? last.content : JSON.stringify(last.content)) : '';
      return {
        threadId: request.threadId,
        answer: text,
        evidence: state.evidence,
        cards: state.cards,
        toolCalls: state.toolCalls,
        runId: state.focus.runId,
        segmentId: state.focus.segmentId,
      };
    } finally {
      progress.delete(request.threadId);
      users.delete(request.threadId);
    }
  };

  return {
    mode: configuration.model.kind,
    async pinRun(channel, runId) {
      return (await pinChannelRun(options.db, channel, runId))?.id ?? null;
    },
    async pinnedRun(channel) {
      return (await channelRun(options.db, channel))?.id ?? null;
    },
    ask(request) {
      if (!request.threadId || request.threadId.length > 200) throw new PersonaError('bad_value', 'a conversation id of 1-200 characters is required');
      if (!request.text.trim()) throw new PersonaError('bad_value', 'the question is empty');
      // Questions in one thread run in order: the second must see the first one's focus.
      const previous = queues.get(request.threadId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => answer(request));
      queues.set(request.threadId, next);
      void next.finally(() => {
        if (queues.get(request.threadId) === next) queues.delete(request.threadId);
      }).catch(() => undefined);
      return next;
    },
  };
}

const noFocus: Focus = { runId: null, segmentId: null, segmentRunId: null };

/** The focus a surface's context sets: a stored, succeeded run and, when given, one of its segments. */
async function contextFocus(db: Db, context: ChatContext): Promise<Focus> {
  try {
    if (context.segmentId === null) return { ...noFocus, runId: (await resolveRun(db, noFocus, context.runId)).id };
    const { run, segment } = await resolveSegment(db, noFocus, context.runId, context.segmentId);
    return focusOnSegment(run.id, segment.id);
  } catch (err) {
    // The caller named something that is not there: their input to fix, not a server failure.
    if (err instanceof PersonaError && err.code === 'not_found') throw new PersonaError('bad_value', `context: ${err.message}`);
    throw err;
  }
}

function chatModel(configuration: AgentConfiguration, encoder: Embedder | undefined, db: Db, exportDir: string) {
  const choice = configuration.model;
  switch (choice.kind) {
    case 'offline':
      return new OfflinePlanner(encoder ? { encoder } : {});
    case 'openai': {
      const base = new ChatOpenAI({
        model: choice.model,
        apiKey: choice.apiKey,
        temperature: 0,
        maxRetries: 1,
        ...(choice.baseUrl ? { configuration: { baseURL: choice.baseUrl } } : {}),
      });
      const plain = base.bindTools(langChainToolDefinitions());
      const withCatalogue = new WeakMap<Catalogue, typeof plain>();
      // The tools that take conditions describe the focused run's columns; without a run, the plain set.
      return async (focus: Focus) => {
        const catalogue = await runContext({ db, focus, exportDir }).then((rc) => rc.catalogue, () => null);
        if (!catalogue) return plain;
        let bound = withCatalogue.get(catalogue);
        if (!bound) withCatalogue.set(catalogue, (bound = base.bindTools(langChainToolDefinitions(catalogue))));
        return bound;
      };
    }
    default: {
      const never: never = choice;
      throw new PersonaError('bad_option', `unknown model choice ${JSON.stringify(never)}`);
    }
  }
}
