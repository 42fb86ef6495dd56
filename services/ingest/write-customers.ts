/**
 * Customer tables are one row per customer and small enough to hold as a frame: the clean stage runs
 * over the whole table and its changes are recorded per row; raw values are what we store.
 */
import { insertCustomers } from '../../db/queries/rows.ts';
import type { NewCustomer } from '../../db/schema.ts';
import { PersonaError } from '../../lib/errors.ts';
import { cleanFrame } from '../../pipeline/clean/clean.ts';
import type { CellValue, ColumnRole, Frame } from '../../pipeline/types.ts';
import { asString, attributeWriter, roleColumn, UniqueIds, type WriteContext, type WriteResult } from './write-context.ts';

export async function writeCustomers(ctx: WriteContext): Promise<WriteResult> {
  const fromRow = ctx.settings?.idFromRow === true;
  const aggregate = ctx.settings?.repeatedRows === 'aggregate';
  const idColumn = fromRow ? null : (roleColumn(ctx.plans, 'id') as string);
  const attributes = attributeWriter(ctx.plans, [idColumn]);
  const attrColumns = attributes.columns;
  const unique = new UniqueIds(ctx.source.file, idColumn ?? 'row');
  const ids: string[] = [];
  const rowsOf: number[] = [];
  const values: Record<string, CellValue[]> = Object.fromEntries(attrColumns.map((c) => [c, []]));
  const rowsById = new Map<string, number[]>();

  for await (const batch of ctx.source.batches()) {
    for (const record of batch) {
      const parsed = ctx.parser.parse(record);
      const id = idColumn ? asString(parsed.cells[idColumn]) : `row-${ids.length + 1}`;
      if (!id) throw new PersonaError('bad_value', 'customer id is empty', { file: ctx.source.file, row: record.row, column: idColumn ?? '' });
      if (aggregate) {
        const seen = rowsById.get(id);
        if (seen) seen.push(ids.length);
        else rowsById.set(id, [ids.length]);
      } else unique.add(id, record.row);
      ids.push(id);
      rowsOf.push(record.row);
      for (const c of attrColumns) (values[c] as CellValue[]).push(parsed.cells[c] ?? null);
    }
    ctx.onProgress?.('write', ids.length, ctx.totalRows);
  }
  if (aggregate) return writeAggregated(ctx, rowsById, values, attributes, rowsOf);

  const roles: Record<string, ColumnRole> = Object.fromEntries(ctx.plans.map((p) => [p.name, p.role]));
  const frame: Frame = { columns: attrColumns, roles, values, rowCount: ids.length };
  const cleaned = cleanFrame(frame);

  const rows: NewCustomer[] = ids.map((externalId, i) => {
    const raw: Record<string, CellValue> = {};
    for (const c of attrColumns) raw[c] = (values[c] as CellValue[])[i] ?? null;
    return {
      datasetId: ctx.datasetId,
      externalId,
      attributes: attributes.of(raw),
      flags: changedCells(frame, cleaned.frame, i),
      sourceRow: rowsOf[i] as number,
    };
  });
  await insertCustomers(ctx.db, rows);
  return {
    counts: { customers: ids.length, ...(fromRow ? { idsFromRowNumbers: ids.length } : {}) },
    cleaning: cleaned.report.changes.map((c) => ({ column: c.column, rule: c.rule, count: c.count, detail: c.detail })),
    quality: [],
    stages: [cleaned.report],
  };
}

/**
 * Rows repeating one person's id (a customers-per-order export) become one customer: numbers are
 * averaged, other values take the most frequent one (ties: the first seen), and `source_rows` counts
 * the rows merged. The rule is reported with the import.
 */
async function writeAggregated(
  ctx: WriteContext,
  rowsById: ReadonlyMap<string, readonly number[]>,
  values: Record<string, CellValue[]>,
  writer: ReturnType<typeof attributeWriter>,
  rowsOf: readonly number[],
): Promise<WriteResult> {
  const rows: NewCustomer[] = [];
  let merged = 0;
  for (const [externalId, at] of rowsById) {
    if (at.length > 1) merged += at.length - 1;
    const raw: Record<string, CellValue> = {};
    for (const c of writer.columns) raw[c] = combine(at.map((i) => (values[c] as CellValue[])[i] ?? null));
    const attributes = writer.of(raw);
    rows.push({ datasetId: ctx.datasetId, externalId, attributes: { ...attributes, source_rows: at.length }, flags: null, sourceRow: rowsOf[at[0] as number] as number });
  }
  await insertCustomers(ctx.db, rows);
  const rule = 'repeated rows of one id merged: numbers averaged, other values the most frequent (ties: first seen); source_rows counts them';
  return {
    counts: { customers: rows.length, customerRowsMerged: merged },
    cleaning: merged ? [{ column: roleColumn(ctx.plans, 'id') ?? '', rule: 'rows_aggregated', count: merged, detail: rule }] : [],
    quality: [],
    stages: [],
  };
}

function combine(cells: readonly CellValue[]): CellValue {
  const present = cells.filter((v) => v !== null);
  if (!present.length) return null;
  if (present.every((v) => typeof v === 'number')) return (present as number[]).reduce((a, b) => a + b, 0) / present.length;
  const counts = new Map<string, { v: CellValue; n: number; first: number }>();
  present.forEach((v, i) => {
    const k = JSON.stringify(v);
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { v, n: 1, first: i });
  });
  return [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first)[0]!.v;
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
