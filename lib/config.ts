import { resolve } from 'node:path';

/** Settings read from the environment; nothing else reads process.env. */
export interface Environment {
  /** Where the embedded database and caches live (PERSONA_HOME, default ./.persona). */
  readonly home: string;
  /** A PostgreSQL server; when absent the embedded PGlite database is used. */
  readonly databaseUrl: string | null;
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
}

export const environmentDefaults = { home: '.persona', inbox: 'inbox', maxUploadBytes: 50 * 1024 * 1024, embeddingsModel: 'text-embedding-3-small' } as const;

export function readEnvironment(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Environment {
  const home = resolve(cwd, env.PERSONA_HOME?.trim() || environmentDefaults.home);
  const upload = Number(env.PERSONA_MAX_UPLOAD_BYTES?.trim() || environmentDefaults.maxUploadBytes);
  return {
    home,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir: resolve(cwd, env.PERSONA_DATA_DIR?.trim() || resolve(home, environmentDefaults.inbox)),
    maxUploadBytes: Number.isInteger(upload) && upload > 0 ? upload : environmentDefaults.maxUploadBytes,
    embeddings: {
      baseUrl: env.PERSONA_EMBEDDINGS_URL?.trim() || env.OPENAI_BASE_URL?.trim() || null,
      apiKey: env.PERSONA_EMBEDDINGS_API_KEY?.trim() || env.OPENAI_API_KEY?.trim() || null,
      model: env.PERSONA_EMBEDDINGS_MODEL?.trim() || environmentDefaults.embeddingsModel,
    },
  };
}
