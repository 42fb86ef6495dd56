import { resolve } from 'node:path';

/** Settings read from the environment; nothing else reads process.env. */
export interface Environment {
  /** Where the embedded database and caches live (PERSONA_HOME, default ./.persona). */
  readonly home: string;
  /** A PostgreSQL server; when absent the embedded PGlite database is used. */
  readonly databaseUrl: string | null;
  /** Currency code for money in answers when the data has none (PERSONA_CURRENCY); never guessed. */
  readonly currency: string | null;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Environment {
  return {
    home: resolve(cwd, env.PERSONA_HOME?.trim() || '.persona'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    currency: env.PERSONA_CURRENCY?.trim().toUpperCase().slice(0, 8) || null,
  };
}
