import type { Command } from 'commander';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { loadConfig, parseColumnNames, parseMapFlags, settingsFor } from '../../pipeline/ingest/import-config.ts';
import type { SourceKind } from '../../pipeline/types.ts';
import { PersonaError } from '../../lib/errors.ts';
import { withDatabase } from '../context.ts';
import { createOutput } from '../output.ts';
import { createProgress } from '../progress.ts';
import { renderDataReport } from '../report-text.ts';

const kinds: readonly SourceKind[] = ['customers', 'transactions', 'texts'];

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a customers, transactions or texts file (CSV/TSV, JSONL, Parquet, optionally gzipped)')
    .argument('<file>', 'data file')
    .option('--kind <kind>', 'what one row is: customers | transactions | texts (inferred when omitted)')
    .option('--config <file>', 'persona.config.json with column roles and link tables')
    .option('--map <column=role>', 'override a column role (repeatable)', collect, [] as string[])
    .option('--name <name>', 'dataset name (default: the file name)')
    .option('--delimiter <char>', 'force the delimiter instead of sniffing it (one character, or "whitespace" for runs of spaces)')
    .option('--no-header', 'the first line is data, not column names (detected when omitted)')
    .option('--column-names <names>', 'names for the columns in file order, comma-separated (for a file without a header)')
    .option('--force', 'import again even if this exact file was imported before')
    .option('--id-from-row', 'customers without an id column: number the rows (row-1, row-2, …)')
    .option('--aggregate-rows', 'customers repeated once per order: merge rows of one id (numbers averaged, other values the most frequent)')
    .option('--json', 'print one JSON document')
    .action(async (file: string, opts: ImportFlags) => {
      const out = createOutput(Boolean(opts.json));
      if (opts.kind && !kinds.includes(opts.kind as SourceKind)) {
        throw new PersonaError('bad_option', `--kind must be one of ${kinds.join(', ')}; got "${opts.kind}"`);
      }
      const settings = settingsFor(file, loadConfig(opts.config), {
        ...(opts.kind ? { kind: opts.kind as SourceKind } : {}),
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.delimiter ? { delimiter: unescapeDelimiter(opts.delimiter) } : {}),
        ...(opts.header === false ? { header: false } : {}),
        ...(opts.columnNames ? { columnNames: parseColumnNames(opts.columnNames) } : {}),
        map: parseMapFlags(opts.map),
        ...(opts.idFromRow ? { idFromRow: true } : {}),
        ...(opts.aggregateRows ? { repeatedRows: 'aggregate' as const } : {}),
      });
      const progress = createProgress();
      await withDatabase(async ({ db }) => {
        const outcome = await importDataset(db, {
          file,
          settings,
          force: Boolean(opts.force),
          onProgress: (phase, done, total) => progress.update(phase === 'scan' ? 'scanning' : 'writing', done, total),
        }).finally(() => progress.done());
        if (outcome.status === 'skipped') {
          out.result({ status: 'skipped', datasetId: outcome.dataset.id, reason: outcome.reason }, () => `Skipped: ${outcome.reason}`);
          return;
        }
        out.result({ status: 'imported', ...outcome.report }, () => renderDataReport(outcome.report));
      });
    });
}

interface ImportFlags {
  kind?: string;
  config?: string;
  map: string[];
  name?: string;
  delimiter?: string;
  /** commander's --no-header: false when given, true otherwise. */
  header?: boolean;
  columnNames?: string;
  force?: boolean;
  idFromRow?: boolean;
  aggregateRows?: boolean;
  json?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Lets people type --delimiter '\t' in a shell. */
function unescapeDelimiter(d: string): string {
  return d === '\\t' || d === 'tab' ? '\t' : d;
}
