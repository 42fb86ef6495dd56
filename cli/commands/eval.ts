import type { Command } from 'commander';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRun } from '../../db/queries/runs.ts';
import { exitCodeFor, runEvals } from '../../evals/runner.ts';
import { markCommandFailed } from '../exit-status.ts';
import { renderMarkdown } from '../../evals/report.ts';
import { loadThresholds } from '../../evals/thresholds.ts';
import type { EvalContext } from '../../evals/types.ts';
import { PersonaError } from '../../lib/errors.ts';
import { llmWriterFromEnv } from '../../pipeline/persona/llm-pass.ts';
import { withDatabase } from '../context.ts';
import { createOutput } from '../output.ts';

interface EvalFlags {
  run?: string;
  json?: boolean;
  out?: string;
  gate?: boolean;
  dataset: string[];
  data?: string;
  thresholds?: string;
  keep?: boolean;
}

/** Where the public datasets live beside a checkout; `--data` points elsewhere. */
const defaultDataDir = resolve(fileURLToPath(new URL('../../../shared/data', import.meta.url)));

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('score persona coherence, clustering quality and agent behaviour; exits 1 when a threshold is missed')
    .argument('[suites...]', 'suites to run: coherence, clustering, agent, reliability (default: all; with --run: coherence)')
    .option('--run <id>', 'score this stored run (coherence) and store the results with it')
    .option('--gate', 'the CI gate: small generated data only, fast')
    .option('--dataset <name>', 'only this dataset in the full scope (repeatable): sample, marketing_campaign, twcs_sample, online_retail, telco_churn', collect, [] as string[])
    .option('--data <dir>', 'folder with the public datasets (default: ../shared/data beside the checkout)')
    .option('--thresholds <file>', 'thresholds file (default: evals/thresholds.json)')
    .option('--out <dir>', 'write report.json and report.md here')
    .option('--keep', 'keep the scratch folder with the suites’ databases')
    .option('--json', 'print the report as one JSON document')
    .action(async (suites: string[], opts: EvalFlags) => {
      const out = createOutput(Boolean(opts.json));
      const runId = opts.run !== undefined ? Number(opts.run) : undefined;
      if (runId !== undefined && !(Number.isInteger(runId) && runId > 0)) throw new PersonaError('bad_option', `--run expects a run id; got "${opts.run}"`);
      const thresholds = opts.thresholds ? loadThresholds(resolve(opts.thresholds)) : loadThresholds();
      const dataDir = opts.data ? resolve(opts.data) : existsSync(defaultDataDir) ? defaultDataDir : undefined;
      const workDir = mkdtempSync(join(tmpdir(), 'persona-eval-'));
      const judge = llmWriterFromEnv();
      const evaluate = async (database?: EvalContext['database']) => {
        const context: EvalContext = {
          workDir,
          scope: opts.gate ? 'gate' : 'full',
          log: (line) => out.info(line),
          judge,
          ...(runId !== undefined ? { runId } : {}),
          ...(database ? { database } : {}),
          ...(dataDir ? { dataDir } : {}),
          ...(opts.dataset.length ? { datasets: opts.dataset } : {}),
        };
        return runEvals({ suites: suites.length ? suites : runId !== undefined ? ['coherence'] : [], context, thresholds, ...(opts.out ? { outDir: resolve(opts.out) } : {}) });
      };
      try {
        const report =
          runId !== undefined
            ? await withDatabase(async ({ db }) => {
                const run = await getRun(db, runId);
                if (!run) throw new PersonaError('not_found', `no run ${runId}; see \`persona runs\``);
                return evaluate(db);
              })
            : await evaluate();
        out.result(report, () => renderMarkdown(report));
        if (exitCodeFor(report) !== 0) markCommandFailed();
      } finally {
        if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
        else out.info(`scratch data kept in ${workDir}`);
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
