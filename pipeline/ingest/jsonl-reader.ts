/**
 * JSON Lines: one object per line. The header is the union of keys, in first-seen order, over the
 * first lines; a later line with a key outside it is an error, because its values would otherwise be
 * dropped silently. Lines are split on raw bytes (a line feed is never inside a UTF-8 character) and
 * each is decoded strictly, so a bad byte is reported on its own line.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { RawRecord } from '../types.ts';
import type { ByteSource } from './file-bytes.ts';

export const jsonlDefaults = {
  /** Lines read to build the header. */
  headerLines: 1000,
  /** A line may hold this many maximum-size fields before it counts as too large. */
  fieldsPerLine: 64,
  /** Deeper objects/arrays are refused: nothing in a customer record nests this deep, and parsing it would exhaust the stack. */
  maxDepth: 100,
} as const;

interface Line {
  /** 1-based line number; blank lines are skipped but counted. */
  readonly row: number;
  readonly text: string;
}

/** Union of keys in first-seen order over the first lines (raw names; the caller normalises). */
export async function readJsonlHeader(file: string, bytes: ByteSource, maxFieldBytes: number): Promise<string[]> {
  const keys = new Set<string>();
  let seen = 0;
  outer: for await (const lines of readLines(file, bytes, maxFieldBytes * jsonlDefaults.fieldsPerLine)) {
    for (const line of lines) {
      for (const k of Object.keys(parseLine(file, line))) keys.add(k);
      if (++seen >= jsonlDefaults.headerLines) break outer;
    }
  }
  if (!keys.size) throw new PersonaError('empty_file', 'no fields found: every object in the first lines is empty', { file, row: 1 });
  return [...keys];
}

export interface JsonlStreamOptions {
  readonly file: string;
  readonly bytes: ByteSource;
  /** Raw keys in column order, as returned by readJsonlHeader. */
  readonly keys: readonly string[];
  /** The normalised names, for messages. */
  readonly header: readonly string[];
  readonly maxFieldBytes: number;
  readonly batchSize: number;
}

export async function* readJsonlBatches(o: JsonlStreamOptions): AsyncGenerator<RawRecord[]> {
  const index = new Map(o.keys.map((k, i) => [k, i]));
  const maxLineBytes = o.maxFieldBytes * Math.max(o.keys.length, jsonlDefaults.fieldsPerLine);
  let batch: RawRecord[] = [];
  for await (const lines of readLines(o.file, o.bytes, maxLineBytes)) {
    for (const line of lines) {
      const values: (string | null)[] = new Array<string | null>(o.keys.length).fill(null);
      for (const [k, v] of Object.entries(parseLine(o.file, line))) {
        const at = index.get(k);
        if (at === undefined) {
          throw new PersonaError(
            'ragged_row',
            `key "${k}" is not in the first ${jsonlDefaults.headerLines.toLocaleString('en-US')} lines, which set the columns ` +
              `(${o.keys.join(', ')}); add it to an early line (null is fine) so it is kept`,
            { file: o.file, row: line.row, column: k },
          );
        }
        const value = cell(v);
        if (value !== null && value.length * 3 > o.maxFieldBytes && Buffer.byteLength(value) > o.maxFieldBytes) {
          throw new PersonaError('field_too_large', `a value is larger than ${o.maxFieldBytes.toLocaleString('en-US')} bytes`, {
            file: o.file,
            row: line.row,
            column: o.header[at] ?? k,
          });
        }
        values[at] = value;
      }
      batch.push({ row: line.row, values });
      if (batch.length >= o.batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/** Strings as-is except '' (absent, as an empty CSV field); numbers and booleans as text; nested values as JSON. */
export function cell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A JSON string, or an integer too long for a double (ids such as tweet ids), outside strings. */
const longInteger = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![.eE\d])/g;

function parseLine(file: string, line: Line): Record<string, unknown> {
  // JSON.parse would round 1180000000000000001 to a double; quoting it first keeps every digit.
  const text = /\d{16}/.test(line.text) ? line.text.replace(longInteger, (m) => (m.startsWith('"') ? m : `"${m}"`)) : line.text;
  const depth = nestingDepth(text, jsonlDefaults.maxDepth);
  if (depth > jsonlDefaults.maxDepth) {
    throw new PersonaError('bad_value', `values nested more than ${jsonlDefaults.maxDepth} levels deep (objects or arrays inside each other); flatten the record`, { file, row: line.row });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PersonaError('bad_value', `invalid JSON (${(err as Error).message})`, { file, row: line.row });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PersonaError('bad_value', `each line must be a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)?.slice(0, 40)}`, { file, row: line.row });
  }
  return value as Record<string, unknown>;
}

/** Non-blank lines, one array per chunk read; a line longer than maxLineBytes stops the read. */
async function* readLines(file: string, bytes: ByteSource, maxLineBytes: number): AsyncGenerator<Line[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let row = 0;
  const finish = (out: Line[]): void => {
    row++;
    const raw = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
    parts = [];
    size = 0;
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      throw new PersonaError('bad_encoding', 'not UTF-8 text; re-save the file as UTF-8', { file, row });
    }
    if (row === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim()) out.push({ row, text });
  };
  for await (const chunk of bytes()) {
    const out: Line[] = [];
    let pos = 0;
    while (pos <= chunk.length) {
      const nl = chunk.indexOf(10, pos);
      const end = nl < 0 ? chunk.length : nl;
      if (end > pos) {
        size += end - pos;
        if (size > maxLineBytes) {
          throw new PersonaError('field_too_large', `line is longer than ${maxLineBytes.toLocaleString('en-US')} bytes`, { file, row: row + 1 });
        }
        parts.push(chunk.subarray(pos, end));
      }
      if (nl < 0) break;
      finish(out);
      pos = nl + 1;
    }
    if (out.length) yield out;
  }
  if (parts.length) {
    const out: Line[] = [];
    finish(out);
    if (out.length) yield out;
  }
}

/** Deepest nesting of [ and { outside strings, counting stops once past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
