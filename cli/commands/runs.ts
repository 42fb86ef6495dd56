import type { Command } from 'commander';
import { listRuns } from '../../db/queries/runs.ts';
import { withDatabase } from '../context.ts';
import { createOutput, table } from '../output.ts';

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list segmentation runs, newest first')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        const rows = await listRuns(db);
        const summary = rows.map((r) => ({
          runId: r.id,
          status: r.status,
          /** Its process died before it finished (kill -9, crash); marked at the next start-up. */
          interrupted: r.status === 'failed' && (r.error ?? '').startsWith('interrupted:'),
          algorithm: r.algorithm,
          customers: r.customers,
          seed: r.seed,
          datasetIds: r.datasetIds,
          segments: (r.metrics as { clusters?: number } | null)?.clusters ?? null,
          error: r.error,
          createdAt: r.createdAt,
        }));
        out.result(summary, () =>
          summary.length
            ? table(
                ['run', 'status', 'algorithm', 'customers', 'segments', 'seed', 'datasets', 'error'],
                summary.map((s) => [s.runId, s.interrupted ? 'interrupted' : s.status, s.algorithm, s.customers, s.segments, s.seed, s.datasetIds.join(','), s.error?.slice(0, 60)]),
              )
            : 'No runs yet. Try `persona segment` or `persona demo`.',
        );
      });
    });
}
