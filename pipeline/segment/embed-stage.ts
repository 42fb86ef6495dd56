/**
 * Sentence embeddings for the run's kept texts, through the database cache (a second run over the same
 * texts embeds nothing), pooled into one vector per customer.
 */
import type { Db } from '../../db/client.ts';
import { createDbEmbeddingCache } from '../../db/queries/embedding-cache.ts';
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { embedWithCache } from '../embed/embedding-cache.ts';
import { createOnnxEmbedder } from '../embed/onnx-embedder.ts';
import { poolByCustomer } from '../embed/pool.ts';
import { createUseEmbedder } from '../embed/use-embedder.ts';
import type { Embedder, StageReport } from '../types.ts';
import type { ResolvedSegmentOptions } from './options.ts';

export function createEmbedder(o: Pick<ResolvedSegmentOptions, 'embedder' | 'onnxModelDir'>, onProgress?: (f: number) => void): Embedder {
  switch (o.embedder) {
    case 'use':
      return createUseEmbedder(onProgress ? { onProgress: (done: number, total: number) => onProgress(total ? done / total : 1) } : {});
    case 'onnx':
      if (!o.onnxModelDir) throw new PersonaError('bad_option', 'the onnx embedder needs a model folder (--onnx-model DIR or PERSONA_ONNX_MODEL)');
      return createOnnxEmbedder({ modelDir: o.onnxModelDir });
    default: {
      const never: never = o.embedder;
      throw new PersonaError('bad_option', `unknown embedder ${String(never)}`);
    }
  }
}

export async function embedStage(
  db: Db,
  texts: readonly { customerId: string; body: string }[],
  customerIds: readonly string[],
  o: ResolvedSegmentOptions,
  onProgress?: (f: number) => void,
): Promise<{ matrix: Matrix; report: StageReport }> {
  const started = performance.now();
  const embedder = createEmbedder(o, onProgress);
  const { matrix, hits, misses } = await embedWithCache(embedder, createDbEmbeddingCache(db), texts.map((t) => t.body));
  const pooled = poolByCustomer(matrix, texts.map((t) => t.customerId), customerIds);
  let withoutText = 0;
  for (const c of pooled.counts) if (c === 0) withoutText++;
  return {
    matrix: pooled.matrix,
    report: {
      stage: 'embed',
      ms: Math.round(performance.now() - started),
      rowsIn: texts.length,
      rowsOut: customerIds.length,
      params: { model: embedder.model, ...embedder.options },
      counts: { cacheHits: hits, embedded: misses, customersWithoutText: withoutText },
    },
  };
}
