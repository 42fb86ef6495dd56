import { join } from 'node:path';
import type { Command } from 'commander';
import { readEnvironment } from '../../lib/config.ts';
import { importDataset } from '../../pipeline/ingest/import-dataset.ts';
import { generateSample } from '../../pipeline/sample/generate.ts';
import { writeSampleFiles } from '../../pipeline/sample/write-files.ts';
import { runSegmentation } from '../../pipeline/segment/run-segmentation.ts';
import { withDatabase } from '../context.ts';
import { createOutput } from '../output.ts';
import { createProgress } from '../progress.ts';
import { renderRun } from './segment.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('generate the bundled sample data, import it (once) and segment it with the defaults')
    .option('--seed <n>', 'segmentation seed', '42')
    .option('--json', 'print one JSON document')
    .action(async (opts: { seed: string; json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      const progress = createProgress();
      const dir = join(readEnvironment().home, 'sample');
      const files = writeSampleFiles(dir, generateSample());
      await withDatabase(async ({ db }) => {
        const datasetIds: number[] = [];
        for (const kind of ['customers', 'transactions', 'texts'] as const) {
          const outcome = await importDataset(db, {
            file: files[kind],
            settings: { kind, name: `sample-${kind}`, overrides: kind === 'customers' ? { planted_segment: 'label' } : {} },
          });
          out.info(
            outcome.status === 'skipped'
              ? `sample ${kind}: already imported as dataset ${outcome.dataset.id}`
              : `sample ${kind}: imported ${outcome.report.rows} rows as dataset ${outcome.dataset.id}`,
          );
          datasetIds.push(outcome.dataset.id);
        }
        const result = await runSegmentation(
          db,
          { datasetIds, seed: Number(opts.seed), labelsColumn: 'planted_segment' },
          { onProgress: (stage, f) => progress.update(stage, Math.round(f * 100), 100) },
        ).finally(() => progress.done());
        out.result(result, () => renderRun(result));
        if (result.status === 'failed') process.exitCode = 1;
      });
    });
}
