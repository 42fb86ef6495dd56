import { resolve } from 'node:path';
import { PersonaError } from './errors.ts';
import { checkTimeZone, defaultTimeZone } from './time-zone.ts';

/** Settings read from the environment; nothing outside this file reads process.env (an architecture test checks). */
export interface Environment {
  /** Where the embedded database and caches live (PERSONA_HOME, default ./.persona). */
  readonly home: string;
  /** A PostgreSQL server; when absent the embedded PGlite database is used. */
  readonly databaseUrl: string | null;
  /** Currency code for money in answers when the data has none (PERSONA_CURRENCY); never guessed. */
  readonly currency: string | null;
  /** The named IANA time zone times in answers are shown in (PERSONA_TIMEZONE, default UTC). */
  readonly timeZone: string;
  /**
   * The only folder chat users (HTTP, Slack, a model's tool call) may import from, and where uploads
   * land (PERSONA_DATA_DIR, default PERSONA_HOME/inbox). The CLI operator may import any path.
   */
  readonly dataDir: string;
  /** Largest upload accepted into the data folder, in bytes (PERSONA_MAX_UPLOAD_BYTES, default 50 MB). */
  readonly maxUploadBytes: number;
  /**
   * An OpenAI-compatible embeddings endpoint for `--embedder openai`: PERSONA_EMBEDDINGS_URL (base URL
   * ending in /v1; default OPENAI_BASE_URL), PERSONA_EMBEDDINGS_API_KEY (default OPENAI_API_KEY) and
   * PERSONA_EMBEDDINGS_MODEL (default text-embedding-3-small).
   */
  readonly embeddings: { readonly baseUrl: string | null; readonly apiKey: string | null; readonly model: string };
  /** Segmentation jobs run at once by a server (PERSONA_MAX_JOBS, default 1). */
  readonly maxJobs: number | null;
  /** Jobs one chat user may have queued or running (PERSONA_MAX_JOBS_PER_USER). */
  readonly maxJobsPerUser: number | null;
  /** Conversation checkpoints kept per thread (PERSONA_CHECKPOINTS_PER_THREAD). */
  readonly checkpointsPerThread: number | null;
  /** Days after which an idle conversation is deleted (PERSONA_THREAD_IDLE_DAYS, 0 = never). */
  readonly threadIdleDays: number | null;
}

export const environmentDefaults = { home: '.persona', inbox: 'inbox', maxUploadBytes: 50 * 1024 * 1024, embeddingsModel: 'text-embedding-3-small' } as const;

export function readEnvironment(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Environment {
  const home = resolve(cwd, env.PERSONA_HOME?.trim() || environmentDefaults.home);
  const upload = Number(env.PERSONA_MAX_UPLOAD_BYTES?.trim() || environmentDefaults.maxUploadBytes);
  return {
    home,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    currency: env.PERSONA_CURRENCY?.trim().toUpperCase().slice(0, 8) || null,
    timeZone: checkTimeZone(env.PERSONA_TIMEZONE?.trim() || defaultTimeZone),
    dataDir: resolve(cwd, env.PERSONA_DATA_DIR?.trim() || resolve(home, environmentDefaults.inbox)),
    maxUploadBytes: Number.isInteger(upload) && upload > 0 ? upload : environmentDefaults.maxUploadBytes,
    embeddings: {
      baseUrl: env.PERSONA_EMBEDDINGS_URL?.trim() || env.OPENAI_BASE_URL?.trim() || null,
      apiKey: env.PERSONA_EMBEDDINGS_API_KEY?.trim() || env.OPENAI_API_KEY?.trim() || null,
      model: env.PERSONA_EMBEDDINGS_MODEL?.trim() || environmentDefaults.embeddingsModel,
    },
    maxJobs: positiveInt(env, 'PERSONA_MAX_JOBS', 1),
    maxJobsPerUser: positiveInt(env, 'PERSONA_MAX_JOBS_PER_USER', 1),
    checkpointsPerThread: positiveInt(env, 'PERSONA_CHECKPOINTS_PER_THREAD', 1),
    threadIdleDays: positiveInt(env, 'PERSONA_THREAD_IDLE_DAYS', 0),
  };
}

/** An integer setting of at least `min`, or null when unset; anything else is a clear error. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, min: number): number | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min) throw new PersonaError('bad_config', `${name} must be a whole number of at least ${min}; got "${raw}"`);
  return Number(raw);
}

/** An OpenAI-compatible chat endpoint: on when OPENAI_BASE_URL or OPENAI_API_KEY is set; PERSONA_MODEL names the model. */
export interface ChatModelSettings {
  readonly baseUrl: string | null;
  readonly apiKey: string | null;
  readonly model: string | null;
}

export function readChatModel(env: NodeJS.ProcessEnv = process.env): ChatModelSettings | null {
  const baseUrl = env.OPENAI_BASE_URL?.trim() || null;
  const apiKey = env.OPENAI_API_KEY?.trim() || null;
  if (!baseUrl && !apiKey) return null;
  return { baseUrl, apiKey, model: env.PERSONA_MODEL?.trim() || null };
}

/** Model calls per question before the agent answers with what it has (PERSONA_AGENT_MAX_STEPS), or null for the default. */
export function readAgentMaxSteps(env: NodeJS.ProcessEnv = process.env): number | null {
  return positiveInt(env, 'PERSONA_AGENT_MAX_STEPS', 1);
}

/** What `persona serve` needs beyond the common settings: the API key and Slack, each off when unset. */
export interface ServerSettings {
  /** PERSONA_API_KEY: required from HTTP clients when set; without it the server is loopback-only. */
  readonly apiKey: string | null;
  /** Slack is on when both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set (SLACK_APP_TOKEN for Socket Mode). */
  readonly slack: { readonly signingSecret: string; readonly botToken: string; readonly appToken: string | null } | null;
}

export function readServerSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim();
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  return {
    apiKey: env.PERSONA_API_KEY?.trim() || null,
    slack: signingSecret && botToken ? { signingSecret, botToken, appToken: env.SLACK_APP_TOKEN?.trim() || null } : null,
  };
}

/** How the CLI reports: PERSONA_PROGRESS=lines, PERSONA_DEBUG for stack traces, PERSONA_ONNX_MODEL for `--embedder onnx`. */
export interface CliSettings {
  readonly progress: 'lines' | 'bar';
  readonly debug: boolean;
  readonly onnxModelDir: string | null;
}

export function readCliSettings(env: NodeJS.ProcessEnv = process.env): CliSettings {
  return {
    progress: env.PERSONA_PROGRESS?.trim() === 'lines' ? 'lines' : 'bar',
    debug: Boolean(env.PERSONA_DEBUG?.trim()),
    onnxModelDir: env.PERSONA_ONNX_MODEL?.trim() || null,
  };
}

/** Test infrastructure only: the PostgreSQL server tests may create databases on, and the Chromium they drive. */
export function readTestSettings(env: NodeJS.ProcessEnv = process.env): { readonly databaseUrl: string | null; readonly chromiumPath: string } {
  return { databaseUrl: env.PERSONA_TEST_DATABASE_URL?.trim() || null, chromiumPath: env.PERSONA_CHROMIUM?.trim() || '/usr/bin/chromium' };
}
