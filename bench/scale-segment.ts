/**
 * One segmentation of an already imported database, with the scale bench's figures (wall, CPU over all
 * threads, peak RSS, load average): to compare two versions of the code on the same data without
 * importing it again. The database is the usual one: PERSONA_HOME for PGlite, DATABASE_URL for
 * PostgreSQL. PERSONA_CLI picks another checkout's `bin/persona.mjs` (default: this one).
 *
 *   PERSONA_HOME=DIR node bin/run-ts.mjs bench/scale-segment.ts [LIMIT_MINUTES]
 */
import { entryArgs } from './entry.ts';
import { personaStep } from './scale-bench.ts';

export async function segmentOnce(limitMinutes = 20): Promise<Record<string, unknown>> {
  const env: Record<string, string> = {};
  for (const key of ['PERSONA_HOME', 'DATABASE_URL'] as const) if (process.env[key]) env[key] = process.env[key] as string;
  const { json, ...figures } = await personaStep(['segment', '--labels', 'planted_segment'], env, limitMinutes * 60, process.env.PERSONA_CLI);
  const run = json as { status?: string; customers?: number; segments?: unknown[]; metrics?: { ari?: number }; stages?: { stage: string; ms: number }[] } | undefined;
  return {
    driver: env.DATABASE_URL ? 'postgres' : 'pglite',
    ...figures,
    ...(run
      ? {
          run: {
            status: run.status,
            customers: run.customers,
            segments: run.segments?.length,
            ariVsPlanted: run.metrics?.ari,
            stageSeconds: Object.fromEntries((run.stages ?? []).map((s) => [s.stage, Math.round(s.ms / 100) / 10])),
          },
        }
      : {}),
  };
}

const args = entryArgs(import.meta.url);
if (args) process.stdout.write(`${JSON.stringify(await segmentOnce(Number(args[0] || 20)), null, 2)}\n`);
