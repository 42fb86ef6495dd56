/**
 * Sentence embeddings for the run's kept texts, through the database cache (a second run over the same
 * texts embeds nothing), pooled into one vector per customer.
 */
import type { Db } from '../../db/client.ts';
import { createDbEmbeddingCache } from '../../db/queries/embedding-cache.ts';
import { readEnvironment, type Environment } from '../../lib/config.ts';
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { embedWithCache } from '../../pipeline/embed/embedding-cache.ts';
import { createOnnxEmbedder } from '../../pipeline/embed/onnx-embedder.ts';
import { createOpenAiEmbedder } from '../../pipeline/embed/openai-embedder.ts';
import { poolByCustomer } from '../../pipeline/embed/pool.ts';
import { createUseEmbedder } from '../../pipeline/embed/use-embedder.ts';
import type { Embedder, StageReport } from '../../pipeline/types.ts';
import type { ResolvedSegmentOptions } from '../../pipeline/segment/options.ts';

/**
 * The run's embedder. The OpenAI-compatible endpoint's URL and key come from the environment (never
 * stored with the run); its model is the run's embeddingModel, else the configured one.
 */
export function createEmbedder(
  o: Pick<ResolvedSegmentOptions, 'embedder' | 'onnxModelDir' | 'embeddingModel'>,
  onProgress?: (f: number) => void,
  env: Pick<Environment, 'embeddings'> = readEnvironment(),
): Embedder {
  switch (o.embedder) {
    case 'openai': {
      const { baseUrl, apiKey, model } = env.embeddings;
      if (!baseUrl) throw new PersonaError('bad_option', 'the openai embedder needs an endpoint: set PERSONA_EMBEDDINGS_URL (or OPENAI_BASE_URL) to a base URL ending in /v1');
      return createOpenAiEmbedder({
        baseUrl,
        apiKey,
        model: o.embeddingModel ?? model,
        ...(onProgress ? { onProgress: (done: number, total: number) => onProgress(total ? done / total : 1) } : {}),
      });
    }
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
