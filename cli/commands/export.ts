import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { getRun, latestSucceededRun } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import { withDatabase } from '../context.ts';
import { parseId } from '../args.ts';
import { createOutput } from '../output.ts';
import { buildExport, type ExportFormat } from '../../services/activate/export.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write segment membership and persona cards for CRM import')
    .argument('[run]', 'run id (default: the newest successful run)')
    .option('--format <format>', 'csv | json', 'csv')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--json', 'print a JSON summary (with --out) instead of the export itself')
    .action(async (runArg: string | undefined, opts: { format: string; out?: string; json?: boolean }) => {
      if (opts.format !== 'csv' && opts.format !== 'json') throw new PersonaError('bad_option', `--format must be csv or json; got "${opts.format}"`);
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        const run = runArg ? await getRun(db, parseId('run', runArg)) : await latestSucceededRun(db);
        if (!run || run.status !== 'succeeded') throw new PersonaError('not_found', `no successful run ${runArg ?? ''}; see \`persona runs\``.trim());
        const { body, customers, segments } = await buildExport(db, run.id, opts.format as ExportFormat);
        if (opts.out) {
          writeFileSync(opts.out, body);
          out.result({ runId: run.id, format: opts.format, file: opts.out, customers: customers, segments }, () => `Wrote ${customers} customers in ${segments} segments to ${opts.out}`);
        } else {
          process.stdout.write(body);
        }
      });
    });
}

