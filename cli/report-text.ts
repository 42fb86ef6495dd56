import type { DataReport } from '../pipeline/ingest/report.ts';
import { fmt, table } from './output.ts';

/** The data report as a person reads it in a terminal. */
export function renderDataReport(r: DataReport): string {
  const d = r.dataset;
  const parts: string[] = [];
  parts.push(
    `Dataset ${d.id} "${d.name}" — ${d.kind} (${d.kindReason})`,
    `File ${d.file} · ${d.format}${d.compressed ? ' (gzip)' : ''}${d.delimiter ? ` · delimiter ${JSON.stringify(d.delimiter)}` : ''} · sha256 ${d.checksum.slice(0, 12)}…`,
    '',
    table(['count', 'value'], Object.entries(r.counts).map(([k, v]) => [k, v])),
    '',
    'Columns',
    table(
      ['column', 'role', 'parser', 'missing', 'invalid', 'distinct', 'why'],
      r.columns.map((c) => [c.name, c.role, c.parser, c.missing, c.invalid, c.distinct, c.reason]),
    ),
  );
  if (r.warnings?.length) {
    parts.push('', 'Warnings', ...r.warnings.map((w) => `  ! ${w.column ? `column "${w.column}": ` : ''}${w.message}`));
  }
  if (Object.keys(r.repairs).length) {
    parts.push('', 'Repairs while reading', table(['repair', 'rows'], Object.entries(r.repairs).map(([k, v]) => [k, v])));
  }
  if (r.invalid.total) {
    parts.push(
      '',
      `Invalid values: ${fmt(r.invalid.total)} (set missing; first examples)`,
      table(['row', 'column', 'value', 'reason'], r.invalid.examples.slice(0, 10).map((e) => [e.row, e.column, e.value, e.reason])),
    );
  }
  if (r.cleaning.length) {
    parts.push('', 'Cleaning', table(['column', 'rule', 'count', 'what'], r.cleaning.map((c) => [c.column, c.rule, c.count, c.detail])));
  }
  if (r.quality.length) {
    parts.push(
      '',
      'Text quality filter',
      table(['step', 'before', 'dropped', 'after', 'kept share'], r.quality.map((q) => [q.step, q.before, q.dropped, q.after, `${(q.share * 100).toFixed(1)}%`])),
    );
  }
  return parts.join('\n');
}
