/**
 * Byte-level access to a data file: stat with readable reasons, the first bytes, a (gunzipped) byte
 * stream, a bounded sample, and the binary-content check done before any parsing.
 */
import { createReadStream } from 'node:fs';
import { lstat, open, readlink, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PersonaError } from '../../lib/errors.ts';
import * as sniff from './sniff.ts';

export type ByteSource = () => AsyncIterable<Uint8Array>;

export const fileBytesDefaults = {
  readChunkBytes: 65_536,
  /** Above this share of control characters in the first bytes, a file is binary, not text. */
  maxControlShare: 0.05,
} as const;

/** stat() with the reason a path cannot be read spelled out: a symlink loop or a dangling link is not "not found". */
export async function statFile(file: string): Promise<Stats> {
  try {
    return await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new PersonaError('file_not_found', 'a symbolic link loop: the link points back to itself through other links', { file });
    if (code === 'EACCES') throw new PersonaError('file_not_found', 'permission denied: this user cannot read the file', { file });
    const link = await lstat(file).catch(() => null);
    if (link?.isSymbolicLink()) {
      const target = await readlink(file).catch(() => '?');
      throw new PersonaError('file_not_found', `a symbolic link to a missing file (${target})`, { file });
    }
    throw new PersonaError('file_not_found', 'file not found', { file });
  }
}

export function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}

export function checkText(file: string, bytes: Uint8Array): void {
  if (sniff.utf16Bom(bytes)) throw new PersonaError('not_text', 'this is UTF-16 text; re-save it as UTF-8', { file });
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const row = nul > 0 ? countLines(bytes.subarray(0, nul)) + 1 : 1;
    throw new PersonaError('not_text', 'contains binary bytes (NUL); expected a text file such as CSV, TSV or JSON Lines', { file, ...(row > 1 ? { row } : {}) });
  }
  // Text has few control characters besides tab, CR, LF and form feed; binary data is full of them.
  let controls = 0;
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  if (bytes.length >= 16 && controls / bytes.length > fileBytesDefaults.maxControlShare) {
    throw new PersonaError(
      'not_text',
      `looks binary: ${Math.round((controls / bytes.length) * 100)}% of the first ${bytes.length.toLocaleString('en-US')} bytes are control characters; expected a text file such as CSV, TSV or JSON Lines`,
      { file },
    );
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0x0a) n++;
  return n;
}

export async function readHead(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's bytes, gunzipped when compressed; stopping early closes the file. */
export async function* readBytes(file: string, compressed: boolean): AsyncGenerator<Uint8Array> {
  const raw = createReadStream(file, { highWaterMark: fileBytesDefaults.readChunkBytes });
  // pipeline (not pipe) so that destroying the gunzip end also closes the file.
  const stream = compressed ? pipeline(raw, createGunzip(), () => undefined) : raw;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    if (compressed && (err as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new PersonaError('bad_encoding', `the gzip data is damaged or cut short (${(err as Error).message})`, { file });
    }
    throw err;
  } finally {
    stream.destroy();
    raw.destroy();
  }
}

/** The first `limit` (decompressed) bytes, and whether that was the whole file. */
export async function readSample(file: string, bytes: ByteSource, limit: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bytes()) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) return { bytes: Buffer.concat(chunks).subarray(0, limit), complete: false };
  }
  if (!size) throw new PersonaError('empty_file', 'the file is empty (0 bytes after decompressing)', { file });
  return { bytes: Buffer.concat(chunks), complete: true };
}
