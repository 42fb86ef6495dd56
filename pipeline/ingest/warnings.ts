/**
 * What an import accepted but a person should check: an id column chosen only because its values are
 * unique, dates far in the future, values that could not be read. Each names the column (and a row).
 */
import type { SourceKind } from '../types.ts';
import type { RecordParser } from './record-parser.ts';
import type { ImportWarning } from './report.ts';
import type { ColumnPlan } from './roles.ts';

export function importWarnings(kind: SourceKind, plans: readonly ColumnPlan[], parser: RecordParser): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  const id = plans.find((p) => p.role === 'id');
  if (kind === 'customers' && id && !id.reason.startsWith('name') && id.reason !== 'config') {
    warnings.push({
      code: 'suspicious_id',
      column: id.name,
      message:
        `no column is named like a customer id, so "${id.name}" was used because ${id.reason}; ` +
        `if it is not the customer id, name the right column with --map COLUMN=id`,
    });
  }
  for (const [column, f] of Object.entries(parser.futureDates)) {
    warnings.push({
      code: 'future_dates',
      column,
      row: f.row,
      count: f.count,
      message: `${f.count.toLocaleString('en-US')} date${f.count === 1 ? ' is' : 's are'} more than a year in the future (latest ${new Date(f.latest).toISOString().slice(0, 10)} at row ${f.row}); kept as given, check for typos or placeholder dates`,
    });
  }
  for (const [column, count] of Object.entries(parser.invalidCounts)) {
    if (!count) continue;
    const first = parser.invalidExamples.find((e) => e.column === column);
    warnings.push({
      code: 'invalid_values',
      column,
      count,
      ...(first ? { row: first.row } : {}),
      message: `${count.toLocaleString('en-US')} value${count === 1 ? '' : 's'} could not be read${first ? ` (first at row ${first.row}: ${first.reason})` : ''}; stored as missing, listed under invalid values`,
    });
  }
  return warnings;
}
