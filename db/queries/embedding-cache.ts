import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { embeddings } from '../schema.ts';

/** The database-backed embedding cache, keyed by (model, sha256 of the text). */
export function createDbEmbeddingCache(db: Db) {
  return {
    async get(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
      const out = new Map<string, Float32Array>();
      for (let i = 0; i < hashes.length; i += 1000) {
        const chunk = hashes.slice(i, i + 1000);
        const rows = await db
          .select()
          .from(embeddings)
          .where(and(eq(embeddings.model, model), inArray(embeddings.textHash, chunk)));
        for (const r of rows) {
          const bytes = new Uint8Array(r.vector);
          out.set(r.textHash, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
        }
      }
      return out;
    },
    async put(model: string, entries: readonly { hash: string; vector: Float32Array }[]): Promise<void> {
      for (let i = 0; i < entries.length; i += 500) {
        const rows = entries.slice(i, i + 500).map((e) => ({
          model,
          textHash: e.hash,
          dim: e.vector.length,
          vector: new Uint8Array(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength),
        }));
        await db.insert(embeddings).values(rows).onConflictDoNothing();
      }
    },
  };
}
