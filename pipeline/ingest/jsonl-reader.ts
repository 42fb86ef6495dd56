/**
 * JSON Lines: one object per line. The header is the union of keys over the first 64 KiB; a later line
 * with a key outside it is an error (its values would otherwise be lost silently).
 */
import { createInterface } from 'node:readline';
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';

export function jsonlHeader(file: string, sample: string): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const lines = sample.split('\n');
  // The last line of a truncated sample may be cut mid-object.
  const complete = lines.length > 1 ? lines.slice(0, -1) : lines;
  complete.forEach((line, i) => {
    if (!line.trim()) return;
    const obj = parseLine(file, line, i + 1);
    for (const k of Object.keys(obj)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  });
  if (!keys.length) throw new PersonaError('header_only', 'no JSON objects with fields found', { file, row: 1 });
  return keys;
}

function parseLine(file: string, line: string, row: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new PersonaError('bad_value', `invalid JSON (${(err as Error).message})`, { file, row });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PersonaError('bad_value', 'each line must be a JSON object', { file, row });
  }
  return value as Record<string, unknown>;
}

function cell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

export async function* readJsonlBatches(
  file: string,
  open: () => NodeJS.ReadableStream,
  header: readonly string[],
  batchSize: number,
): AsyncGenerator<RawRecord[]> {
  const index = new Map(header.map((h, i) => [h, i]));
  const lines = createInterface({ input: open(), crlfDelay: Infinity });
  let batch: RawRecord[] = [];
  let row = 0;
  for await (const raw of lines) {
    row++;
    const line = row === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    const obj = parseLine(file, line, row);
    const values: (string | null)[] = new Array(header.length).fill(null);
    for (const [k, v] of Object.entries(obj)) {
      const at = index.get(k);
      if (at === undefined) {
        throw new PersonaError('ragged_row', `key "${k}" does not appear in the first lines; known keys: ${header.join(', ')}`, { file, row, column: k });
      }
      values[at] = cell(v);
    }
    batch.push({ row, values });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
