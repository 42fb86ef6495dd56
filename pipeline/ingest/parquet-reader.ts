/**
 * Parquet through hyparquet, read in row windows so memory stays bounded by the batch size. Values are
 * rendered as the strings a CSV export would hold: integral floats without ".0", dates as ISO.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';

async function load(file: string) {
  try {
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    return { buffer, metadata };
  } catch (err) {
    throw new PersonaError('unsupported_format', `not a readable Parquet file (${(err as Error).message})`, { file });
  }
}

export async function parquetHeader(file: string): Promise<string[]> {
  const { metadata } = await load(file);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  if (Number(metadata.num_rows) === 0) throw new PersonaError('header_only', 'has columns but no rows', { file, row: 1 });
  return names;
}

export function renderParquetValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().replace('.000Z', 'Z');
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
}

export async function* readParquetBatches(file: string, batchSize: number): AsyncGenerator<RawRecord[]> {
  const { buffer, metadata } = await load(file);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const total = Number(metadata.num_rows);
  // Row windows align with batches; hyparquet decodes only the pages a window touches.
  const window = Math.max(batchSize, 50_000);
  for (let start = 0; start < total; start += window) {
    const end = Math.min(total, start + window);
    const rows = await parquetReadObjects({ file: buffer, metadata, rowStart: start, rowEnd: end });
    for (let b = 0; b < rows.length; b += batchSize) {
      yield rows.slice(b, b + batchSize).map((r, i) => ({
        row: start + b + i + 1,
        values: names.map((n) => renderParquetValue((r as Record<string, unknown>)[n])),
      }));
    }
  }
}
