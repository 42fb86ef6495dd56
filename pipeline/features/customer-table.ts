/**
 * The customer table as a Frame for cleanFrame and the table extractors. Rows are the table's own rows
 * (customers without a row are not invented here: the orchestrator imputes them and counts them), and
 * `rowOf` maps each frame row to its customer row.
 */
import { snakeName } from '../clean/column-kinds.ts';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import type { CustomerInput } from './inputs.ts';
import { isIsoDate, toTime } from './time.ts';

export interface CustomerTable {
  readonly frame: Frame;
  /** frame row → customer row (index into customerIds). */
  readonly rowOf: Int32Array;
  /** Roles that were inferred from values because the caller gave none, by column. */
  readonly inferred: Readonly<Record<string, ColumnRole>>;
  readonly unknownCustomers: number;
  readonly duplicateRows: number;
}

export function buildCustomerTable(
  customers: readonly CustomerInput[],
  roles: Readonly<Record<string, ColumnRole>>,
  index: ReadonlyMap<string, number>,
  /** The columns of an earlier fit, in its order: other attributes are ignored, missing ones are null. */
  fittedColumns?: readonly string[],
): CustomerTable {
  const kept: CustomerInput[] = [];
  const rows: number[] = [];
  const seen = new Set<number>();
  let unknownCustomers = 0;
  let duplicateRows = 0;
  for (const c of customers) {
    const row = index.get(c.id);
    if (row === undefined) unknownCustomers++;
    else if (seen.has(row)) duplicateRows++; // the first row of a customer wins
    else {
      seen.add(row);
      kept.push(c);
      rows.push(row);
    }
  }
  const columns = fittedColumns ? fittedColumns.slice() : columnsOf(kept);
  const values: Record<string, CellValue[]> = {};
  const allRoles: Record<string, ColumnRole> = {};
  const inferred: Record<string, ColumnRole> = {};
  for (const name of columns) {
    const col = kept.map((c) => c.attributes[name] ?? null);
    values[name] = col;
    const given = roles[name];
    allRoles[name] = given ?? (inferred[name] = inferRole(name, col));
  }
  return { frame: { columns, roles: allRoles, values, rowCount: kept.length }, rowOf: Int32Array.from(rows), inferred, unknownCustomers, duplicateRows };
}

/** Every attribute name, in order of first appearance. */
function columnsOf(customers: readonly CustomerInput[]): string[] {
  const columns = new Set<string>();
  for (const c of customers) for (const k of Object.keys(c.attributes)) columns.add(k);
  return [...columns];
}

/** A role from the column's name and values, for tables loaded without a column plan. */
export function inferRole(name: string, values: readonly CellValue[]): ColumnRole {
  const snake = snakeName(name);
  if (snake === 'id' || snake.endsWith('_id') || snake === 'customerid') return 'id';
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return 'ignore';
  if (present.every((v) => typeof v === 'number')) return 'numeric';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.every((v) => typeof v === 'string' && isIsoDate(v))) return 'datetime';
  return 'categorical';
}

/** Latest epoch ms in the table's datetime columns, or null. */
export function latestTableTime(frame: Frame): number | null {
  let latest: number | null = null;
  for (const name of frame.columns) {
    if (frame.roles[name] !== 'datetime') continue;
    for (const v of frame.values[name] ?? []) {
      const t = toTime(v);
      if (t !== null && (latest === null || t > latest)) latest = t;
    }
  }
  return latest;
}

/** A cell as a finite number (booleans as 0/1), else NaN. */
export function numberOf(v: CellValue | undefined): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number.NaN;
}
