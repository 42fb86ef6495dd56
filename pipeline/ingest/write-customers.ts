/**
 * Customer tables are one row per customer and small enough to hold as a frame: the clean stage runs
 * over the whole table and its changes are recorded per row; raw values are what we store.
 */
import { insertCustomers } from '../../db/queries/rows.ts';
import type { NewCustomer } from '../../db/schema.ts';
import { PersonaError } from '../../lib/errors.ts';
import { cleanFrame } from '../clean/clean.ts';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { attributeColumns, attributesOf } from './record-parser.ts';
import { asString, roleColumn, UniqueIds, type WriteContext, type WriteResult } from './write-context.ts';

export async function writeCustomers(ctx: WriteContext): Promise<WriteResult> {
  const idColumn = roleColumn(ctx.plans, 'id') as string;
  const attrColumns = attributeColumns(ctx.plans, [idColumn]);
  const datetimes = new Set(ctx.plans.filter((p) => p.role === 'datetime').map((p) => p.name));
  const unique = new UniqueIds(ctx.source.file, idColumn);
  const ids: string[] = [];
  const rowsOf: number[] = [];
  const values: Record<string, CellValue[]> = Object.fromEntries(attrColumns.map((c) => [c, []]));

  for await (const batch of ctx.source.batches()) {
    for (const record of batch) {
      const parsed = ctx.parser.parse(record);
      const id = asString(parsed.cells[idColumn]);
      if (!id) throw new PersonaError('bad_value', 'customer id is empty', { file: ctx.source.file, row: record.row, column: idColumn });
      unique.add(id, record.row);
      ids.push(id);
      rowsOf.push(record.row);
      for (const c of attrColumns) (values[c] as CellValue[]).push(parsed.cells[c] ?? null);
    }
    ctx.onProgress?.('write', ids.length, ctx.totalRows);
  }

  const roles: Record<string, ColumnRole> = Object.fromEntries(ctx.plans.map((p) => [p.name, p.role]));
  const frame: Frame = { columns: attrColumns, roles, values, rowCount: ids.length };
  const cleaned = cleanFrame(frame);

  const rows: NewCustomer[] = ids.map((externalId, i) => {
    const raw: Record<string, CellValue> = {};
    for (const c of attrColumns) raw[c] = (values[c] as CellValue[])[i] ?? null;
    return {
      datasetId: ctx.datasetId,
      externalId,
      attributes: attributesOf(raw, attrColumns, datetimes),
      flags: changedCells(frame, cleaned.frame, i),
      sourceRow: rowsOf[i] as number,
    };
  });
  await insertCustomers(ctx.db, rows);
  return {
    counts: { customers: ids.length },
    cleaning: cleaned.report.changes.map((c) => ({ column: c.column, rule: c.rule, count: c.count, detail: c.detail })),
    quality: [],
    stages: [cleaned.report],
  };
}

/** "Income: null → 51381.5" for every cell the clean stage changed in row i. */
function changedCells(before: Frame, after: Frame, i: number): string[] | null {
  const out: string[] = [];
  for (const c of before.columns) {
    const a = before.values[c]?.[i] ?? null;
    const b = after.values[c]?.[i] ?? null;
    if (a !== b) out.push(`${c}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  }
  return out.length ? out : null;
}
