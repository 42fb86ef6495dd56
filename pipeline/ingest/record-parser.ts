/**
 * Turns raw records into typed cells by the column plans, counting (not hiding) values that fail to
 * parse. Identifier columns are kept as strings: "0001" stays "0001", but a float-rendered "3.0" is
 * the id "3" (pandas writes integer ids with missing values that way).
 */
import type { CellValue, ColumnRole, RawRecord } from '../types.ts';
import { createParser, type ColumnPlan } from './roles.ts';
import { isMissing, unrepresentableReason } from './values.ts';
import { PersonaError } from '../../lib/errors.ts';

const idRoles: ReadonlySet<ColumnRole> = new Set(['id', 'customer_id', 'order_id', 'thread_id', 'reply_to']);

export interface InvalidCell {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

export interface ParsedRecord {
  readonly row: number;
  /** Typed values by column name; datetimes are epoch milliseconds. */
  readonly cells: Record<string, CellValue>;
}

export interface RecordParser {
  parse(record: RawRecord): ParsedRecord;
  /** Invalid cells per column. */
  readonly invalidCounts: Readonly<Record<string, number>>;
  /** The first few invalid cells, for the report. */
  readonly invalidExamples: readonly InvalidCell[];
  /** Dates later than `futureAfter` per column (kept, but warned about: usually a typo or a placeholder). */
  readonly futureDates: Readonly<Record<string, { count: number; latest: number; row: number }>>;
}

export interface RecordParserOptions {
  /** The file, named in errors. */
  readonly file?: string;
  /** Epoch ms after which a date counts as far in the future; default one year from now. */
  readonly futureAfter?: number;
}

const maxExamples = 20;

/**
 * The longest id (customer, order, text, thread) we store, in characters: ids are indexed, and an index
 * entry must fit a database page. Real ids are far shorter; a longer one is a broken file.
 */
export const maxIdLength = 512;

export function normaliseId(raw: string): string {
  const trimmed = raw.trim();
  const m = /^(-?\d+)\.0+$/.exec(trimmed);
  return m ? (m[1] as string) : trimmed;
}

export function createRecordParser(header: readonly string[], plans: readonly ColumnPlan[], options: RecordParserOptions = {}): RecordParser {
  const file = options.file;
  const futureAfter = options.futureAfter ?? Date.now() + 366 * 86_400_000;
  const byName = new Map(plans.map((p) => [p.name, p]));
  const columns = header.map((name, index) => {
    const plan = byName.get(name);
    const role = plan?.role ?? 'ignore';
    const parse = plan && !idRoles.has(role) && role !== 'replies' ? createParser(plan.parser) : null;
    const isDate = Boolean(plan?.parser.startsWith('date:'));
    return { name, index, role, parse, isDate };
  });
  const invalidCounts: Record<string, number> = {};
  const invalidExamples: InvalidCell[] = [];
  const futureDates: Record<string, { count: number; latest: number; row: number }> = {};

  return {
    invalidCounts,
    invalidExamples,
    futureDates,
    parse(record) {
      const cells: Record<string, CellValue> = {};
      for (const col of columns) {
        const raw = record.values[col.index] ?? null;
        if (col.role === 'ignore' || col.role === 'index') continue;
        if (raw === null || isMissing(raw)) {
          cells[col.name] = null;
          continue;
        }
        if (!col.parse) {
          if (idRoles.has(col.role) && raw.length > maxIdLength) {
            throw new PersonaError('bad_value', `an id is ${raw.length.toLocaleString('en-US')} characters; the longest allowed is ${maxIdLength}`, {
              ...(file ? { file } : {}),
              row: record.row,
              column: col.name,
            });
          }
          cells[col.name] = idRoles.has(col.role) ? normaliseId(raw) : raw;
          continue;
        }
        const result = col.parse(raw);
        if (result === null) {
          cells[col.name] = null;
        } else if (result.ok) {
          cells[col.name] = result.value;
          if (col.isDate && typeof result.value === 'number' && result.value > futureAfter) {
            const seen = (futureDates[col.name] ??= { count: 0, latest: result.value, row: record.row });
            seen.count++;
            if (result.value >= seen.latest) Object.assign(seen, { latest: result.value, row: record.row });
          }
        } else {
          cells[col.name] = null;
          invalidCounts[col.name] = (invalidCounts[col.name] ?? 0) + 1;
          if (invalidExamples.length < maxExamples) {
            // An unrepresentable number is kept whole (up to 1,000 characters): it is data, not noise.
            const keep = result.reason === unrepresentableReason ? 1000 : 80;
            invalidExamples.push({ row: record.row, column: col.name, value: raw.slice(0, keep), reason: result.reason });
          }
        }
      }
      return { row: record.row, cells };
    },
  };
}

/** The first column with a role, or null. */
export function columnWithRole(plans: readonly ColumnPlan[], role: ColumnRole): string | null {
  return plans.find((p) => p.role === role)?.name ?? null;
}

/** Columns stored as free-form attributes: everything without a dedicated field. */
export function attributeColumns(plans: readonly ColumnPlan[], dedicated: readonly string[]): string[] {
  return plans
    .filter((p) => p.role !== 'index' && p.role !== 'ignore' && !dedicated.includes(p.name))
    .map((p) => p.name);
}

/** Attribute values as JSON: datetimes become ISO strings so they read back unambiguously. */
export function attributesOf(
  cells: Record<string, CellValue>,
  columns: readonly string[],
  datetimeColumns: ReadonlySet<string>,
): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const name of columns) {
    const v = cells[name] ?? null;
    out[name] = datetimeColumns.has(name) && typeof v === 'number' ? new Date(v).toISOString() : v;
  }
  return out;
}
