import type { Command } from 'commander';
import { defaultRun, listRuns, markDefaultRun } from '../../db/queries/runs.ts';
import { withDatabase } from '../context.ts';
import { createOutput, table } from '../output.ts';

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list segmentation runs, newest first')
    .option('--json', 'print one JSON document')
    .option('--default <id>', 'mark the run new conversations start from')
    .action(async (opts: { json?: boolean; default?: string }) => {
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        if (opts.default !== undefined) {
          const run = await markDefaultRun(db, Number(opts.default));
          out.result({ defaultRunId: run.id }, () => `New conversations now start on run ${run.id}.`);
          return;
        }
        const rows = await listRuns(db);
        const current = (await defaultRun(db))?.id ?? null;
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
          isDefault: r.id === current,
        }));
        out.result(summary, () =>
          summary.length
            ? table(
                ['run', 'status', 'algorithm', 'customers', 'segments', 'seed', 'datasets', 'error'],
                summary.map((s) => [`${s.runId}${s.isDefault ? '*' : ''}`, s.interrupted ? 'interrupted' : s.status, s.algorithm, s.customers, s.segments, s.seed, s.datasetIds.join(','), s.error?.slice(0, 60)]),
              )
            : 'No runs yet. Try `persona segment` or `persona demo`.',
        );
      });
    });
}
