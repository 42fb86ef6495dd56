import type { Command } from 'commander';
import { findDataset, listDatasets } from '../../db/queries/datasets.ts';
import { PersonaError } from '../../lib/errors.ts';
import type { DataReport } from '../../pipeline/ingest/report.ts';
import { withDatabase } from '../context.ts';
import { createOutput, table } from '../output.ts';
import { renderDataReport } from '../report-text.ts';

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description('print the data report of an imported dataset')
    .argument('<dataset>', 'dataset id or name')
    .option('--json', 'print one JSON document')
    .action(async (idOrName: string, opts: { json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        const dataset = await findDataset(db, idOrName);
        if (!dataset) throw new PersonaError('not_found', `no dataset "${idOrName}"; see \`persona datasets\``);
        const report = dataset.report as DataReport;
        out.result(report, () => renderDataReport(report));
      });
    });

  program
    .command('datasets')
    .description('list imported datasets')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        const rows = await listDatasets(db);
        const summary = rows.map((d) => ({ id: d.id, name: d.name, kind: d.kind, rows: (d.counts as Record<string, number>).rows ?? 0, file: d.sourcePath, importedAt: d.createdAt }));
        out.result(summary, () =>
          summary.length
            ? table(['id', 'name', 'kind', 'rows', 'file'], summary.map((s) => [s.id, s.name, s.kind, s.rows, s.file]))
            : 'No datasets yet. Try `persona import FILE` or `persona demo`.',
        );
      });
    });
}
