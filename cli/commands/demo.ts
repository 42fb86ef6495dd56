import type { Command } from 'commander';
import { readEnvironment } from '../../lib/config.ts';
import { runDemo } from '../../services/sample/demo.ts';
import { llmWriterFromEnv } from '../../pipeline/persona/llm-pass.ts';
import { withDatabase } from '../context.ts';
import { markCommandFailed } from '../exit-status.ts';
import { parseInteger } from '../args.ts';
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
      await withDatabase(async ({ db }) => {
        const result = await runDemo(
          db,
          { home: readEnvironment().home, seed: parseInteger('--seed', opts.seed), onImported: (line) => out.info(line) },
          { onProgress: (stage, f) => progress.update(stage, Math.round(f * 100), 100), personaWriter: llmWriterFromEnv() },
        ).finally(() => progress.done());
        out.result(result, () => renderRun(result));
        if (result.status === 'failed') markCommandFailed();
      });
    });
}
