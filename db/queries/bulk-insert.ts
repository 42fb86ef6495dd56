/**
 * Multi-row INSERT for hundreds of thousands of rows. drizzle's query builder spends most of an import
 * type-checking every parameter, so this builds the statement text once per batch from the schema's own
 * column definitions and sends it through the driver of the session it is given (which, inside a
 * transaction, is the transaction's connection).
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from '../client.ts';

interface DriverClient {
  query(text: string, params: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

const maxParams = 65_000;

function clientOf(db: Db): DriverClient {
  const session = (db as unknown as { session?: { client?: DriverClient } }).session;
  if (!session?.client || typeof session.client.query !== 'function') {
    throw new Error('bulkInsert: the database session exposes no driver client');
  }
  return session.client;
}

export async function bulkInsert<T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(columns).filter((k) => rows.some((r) => (r as Record<string, unknown>)[k] !== undefined));
  const names = keys.map((k) => `"${(columns[k] as { name: string }).name}"`).join(', ');
  const { name: tableName, schema } = getTableConfig(table);
  const target = schema ? `"${schema}"."${tableName}"` : `"${tableName}"`;
  const perStatement = Math.max(1, Math.floor(maxParams / keys.length));
  const client = clientOf(db);
  // Outside a transaction the node-postgres session holds the pool (no escapeLiteral), so test the class.
  const server = client instanceof pg.Pool || client instanceof pg.Client;
  if (!server) {
    // Embedded PGlite: COPY from an in-memory CSV is about twice as fast as multi-row INSERT.
    const csv = rows.map((row) => keys.map((k) => csvCell(columns[k] as unknown as DriverColumn, (row as Record<string, unknown>)[k])).join(',')).join('\n');
    await client.query(`copy ${target} (${names}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
    return;
  }
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const k of keys) {
        const column = columns[k] as unknown as DriverColumn;
        const v = (row as Record<string, unknown>)[k];
        params.push(v === undefined || v === null ? null : column.mapToDriverValue(v));
        marks.push(`$${params.length}`);
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await client.query(`insert into ${target} (${names}) values ${tuples.join(', ')}`, params);
  }
}

interface DriverColumn {
  mapToDriverValue(v: unknown): unknown;
}

/** One CSV cell for COPY: unquoted empty is NULL, everything else quoted. */
function csvCell(column: DriverColumn, value: unknown): string {
  if (value === undefined || value === null) return '';
  const v = column.mapToDriverValue(value);
  let text: string;
  if (v instanceof Date) text = v.toISOString();
  else if (typeof v === 'boolean') text = v ? 't' : 'f';
  else if (v instanceof Uint8Array) text = `\\x${Buffer.from(v).toString('hex')}`;
  else text = String(v);
  return `"${text.replace(/"/g, '""')}"`;
}
