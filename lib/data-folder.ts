/**
 * The data folder: the one place chat users may import from and upload to. A chat user (HTTP, Slack, a
 * model's tool call) is untrusted, so a path they name is resolved inside the folder, symlinks and ".."
 * included, before anything opens it; the CLI operator is trusted and may name any path. Messages never
 * quote what a refused file contains, and say no more about paths outside the folder than "outside".
 */
import { constants, type WriteStream } from 'node:fs';
import { mkdir, open, realpath, rm, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PersonaError } from './errors.ts';

/** Who may name which files: the operator any path, chat users only files inside `dir`. */
export type FileAccess = { readonly kind: 'any' } | { readonly kind: 'folder'; readonly dir: string };

/** File types the importer reads; uploads of anything else are refused. */
export const importableExtensions = ['.csv', '.tsv', '.txt', '.gz', '.parquet', '.jsonl', '.ndjson'] as const;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' ? false : !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

function outside(requested: string): PersonaError {
  return new PersonaError('forbidden', `"${shortName(requested)}" is outside the data folder: chat can only import files uploaded to the data folder`);
}

/** The requested name as messages show it: never more than the last path segment, clipped. */
export function shortName(requested: string): string {
  const name = basename(requested.replace(/\\/g, '/')) || requested;
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 100);
}

/**
 * The real path of a file a chat user may import, or a clear refusal. Relative names are taken inside
 * the folder; the answer is checked lexically first (so nothing outside is ever touched) and again after
 * resolving symlinks, and must be a regular file.
 */
export async function resolveImportPath(access: FileAccess, requested: string): Promise<string> {
  if (access.kind === 'any') return requested;
  if (!requested || requested.includes('\u0000')) throw new PersonaError('bad_value', 'a file name is required');
  const dir = resolve(access.dir);
  const candidate = resolve(dir, requested);
  if (!inside(dir, candidate)) throw outside(requested);
  let realDir: string;
  try {
    realDir = await realpath(dir);
  } catch {
    throw new PersonaError('file_not_found', `no file "${shortName(requested)}" in the data folder (it is empty: upload a file first)`);
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    // A dangling or looping link inside the folder is refused like a missing file.
    throw new PersonaError('file_not_found', `no file "${shortName(requested)}" in the data folder`);
  }
  if (!inside(realDir, real)) throw outside(requested);
  const info = await stat(real);
  if (!info.isFile()) throw new PersonaError('bad_value', `"${shortName(requested)}" in the data folder is not a regular file`);
  return real;
}

/** A safe file name for an upload: the base name only, plain characters, an importable extension. */
export function uploadName(raw: string): string {
  const base = basename(raw.replace(/\\/g, '/')).normalize('NFKC');
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-120);
  const lower = cleaned.toLowerCase();
  if (!cleaned || !importableExtensions.some((ext) => lower.endsWith(ext))) {
    throw new PersonaError('unsupported_format', `cannot accept "${shortName(raw)}": upload a ${importableExtensions.join(', ')} file`);
  }
  return cleaned;
}

/** Opens a new file in the folder without following or replacing anything there; "x.csv" → "x-2.csv" if taken. */
async function createExclusive(dir: string, name: string): Promise<{ path: string; stream: WriteStream }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ext = name.toLowerCase().endsWith('.csv.gz') ? '.csv.gz' : extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; i < 1000; i++) {
    const path = join(dir, i === 1 ? name : `${stem}-${i}${ext}`);
    try {
      // O_EXCL refuses an existing path, symlinks included, so an upload never writes through a link.
      const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      return { path, stream: handle.createWriteStream() };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new PersonaError('bad_value', `too many uploads named "${name}" in the data folder`);
}

export interface SavedUpload {
  /** The name inside the data folder, to import it by. */
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
}

/**
 * Writes an upload into the data folder, refusing it (and removing what was written) once it passes
 * `maxBytes`. `chunks` is the body as it arrives, so an oversized upload is never held in memory.
 */
export async function saveUpload(dir: string, rawName: string, chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<SavedUpload> {
  const name = uploadName(rawName);
  const { path, stream } = await createExclusive(resolve(dir), name);
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw new PersonaError('bad_value', `upload "${name}" is over the limit of ${maxBytes} bytes`);
      if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
    }
    await new Promise<void>((done, fail) => stream.end((err?: Error | null) => (err ? fail(err) : done())));
  } catch (err) {
    stream.destroy();
    await rm(path, { force: true });
    throw err;
  }
  return { name: basename(path), path, bytes };
}

