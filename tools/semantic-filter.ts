/**
 * The semantic subset filter: customers with at least one kept text whose sentence embedding is close to
 * a description ("worried about fraud"). Texts and description go through the same embedder, the one
 * the run recorded, so the texts come from the embeddings its segmentation cached (missing ones are
 * embedded once and cached) and a multilingual or remote model is never compared with the bundled one.
 */
import type { Db } from '../db/client.ts';
import { keptCustomerTextsOf } from '../db/queries/customer-data.ts';
import { createDbEmbeddingCache } from '../db/queries/embedding-cache.ts';
import type { Dataset } from '../db/schema.ts';
import { PersonaError } from '../lib/errors.ts';
import { embedWithCache } from '../pipeline/embed/embedding-cache.ts';
import type { Embedder } from '../pipeline/types.ts';

export const semanticDefaults = { similarity: 0.5, cachedDatasets: 4 } as const;

type TextMatrix = { texts: Awaited<ReturnType<typeof keptCustomerTextsOf>>; matrix: Awaited<ReturnType<typeof embedWithCache>>['matrix'] };

/**
 * Imported datasets never change (a re-import is a new dataset), so their texts and embeddings are read
 * from the database once per database and kept: reading every text's vector again for each question was
 * most of a text-filter answer's time.
 */
const matrices = new WeakMap<Db, Map<string, Promise<TextMatrix>>>();

function textMatrix(db: Db, datasets: readonly Dataset[], embedder: Embedder): Promise<TextMatrix> {
  const textSets = datasets.filter((d) => d.kind === 'texts');
  const key = `${embedder.model}|${textSets.map((d) => `${d.id}:${d.checksum}`).join(',')}`;
  let perDb = matrices.get(db);
  if (!perDb) matrices.set(db, (perDb = new Map()));
  let found = perDb.get(key);
  if (!found) {
    found = (async () => {
      const texts = (await Promise.all(textSets.map((d) => keptCustomerTextsOf(db, d.id)))).flat();
      if (!texts.length) throw new PersonaError('not_found', 'the semantic filter needs customer texts, and these datasets have none');
      const { matrix } = await embedWithCache(embedder, createDbEmbeddingCache(db), texts.map((t) => t.body));
      return { texts, matrix };
    })();
    const cache = perDb;
    found.catch(() => cache.delete(key));
    perDb.set(key, found);
    while (perDb.size > semanticDefaults.cachedDatasets) perDb.delete(perDb.keys().next().value as string);
  }
  return found;
}

export async function customersSimilarTo(
  db: Db,
  datasets: readonly Dataset[],
  description: string,
  embedder: Embedder | undefined,
  similarity: number = semanticDefaults.similarity,
): Promise<{ customerIds: string[]; texts: number }> {
  if (!embedder) throw new PersonaError('bad_option', "the semantic filter needs the run's sentence embedder, which is not available here; use textContains instead");
  const [{ texts, matrix }, asked] = await Promise.all([textMatrix(db, datasets, embedder), embedder.embed([description])]);
  const q = asked.data.subarray(0, asked.cols);
  const ids = new Set<string>();
  let matched = 0;
  for (let i = 0; i < matrix.rows; i++) {
    let dot = 0;
    for (let j = 0; j < matrix.cols; j++) dot += (matrix.data[i * matrix.cols + j] as number) * ((q as Float32Array)[j] as number);
    if (dot >= similarity) {
      matched++;
      ids.add(texts[i]!.customerId as string);
    }
  }
  return { customerIds: [...ids].sort(), texts: matched };
}
