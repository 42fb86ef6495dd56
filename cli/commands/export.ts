import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { getRun, latestSucceededRun, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import { withDatabase } from '../context.ts';
import { createOutput } from '../output.ts';
import { shownSegment } from './show.ts';

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
        const run = runArg ? await getRun(db, Number(runArg)) : await latestSucceededRun(db);
        if (!run || run.status !== 'succeeded') throw new PersonaError('not_found', `no successful run ${runArg ?? ''}; see \`persona runs\``.trim());
        const segments = (await runSegments(db, run.id)).map(shownSegment);
        const members = await runAssignments(db, run.id);
        const byId = new Map(segments.map((s) => [s.id, s]));
        const personaName = (id: number) => ((byId.get(id)?.persona as { name?: string } | null)?.name ?? '');
        const body =
          opts.format === 'csv'
            ? exportCsv(members.map((m) => [m.customerExternalId, m.segmentIndex, byId.get(m.segmentIndex)?.label ?? '', personaName(m.segmentIndex), m.probability.toFixed(4), m.wasNoise ? 'true' : 'false']))
            : `${JSON.stringify({ runId: run.id, segments, members: members.map((m) => ({ customerId: m.customerExternalId, segmentId: m.segmentIndex, probability: m.probability, wasNoise: m.wasNoise })) }, null, 2)}\n`;
        if (opts.out) {
          writeFileSync(opts.out, body);
          out.result({ runId: run.id, format: opts.format, file: opts.out, customers: members.length, segments: segments.length }, () => `Wrote ${members.length} customers in ${segments.length} segments to ${opts.out}`);
        } else {
          process.stdout.write(body);
        }
      });
    });
}

const header = ['customer_id', 'segment_id', 'segment_label', 'persona_name', 'membership_probability', 'reassigned_from_noise'];

/** RFC 4180 with formula-looking cells defused, since CRM files are opened in spreadsheets. */
export function exportCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
