/**
 * The embedder each run recorded, for meaning lookups over its data after the run (the semantic
 * filter, segment search): the bundled encoder for 'use' runs (the resident one, already loaded),
 * else the run's ONNX folder or OpenAI-compatible model, made once and kept. A run whose embedder
 * cannot be made here (no endpoint configured, the model folder gone) gets none: callers fall back
 * to lexical matching or say so, rather than comparing vectors of two different models.
 */
import type { Run } from '../../db/schema.ts';
import { createEmbedder } from '../segment/embed-stage.ts';
import type { ResolvedSegmentOptions } from '../../pipeline/segment/options.ts';
import type { Embedder } from '../../pipeline/types.ts';

export interface RunEmbedders {
  forRun(run: Pick<Run, 'params'>): Embedder | undefined;
  close(): Promise<void>;
}

export function createRunEmbedders(bundled: Embedder, make: (o: ResolvedSegmentOptions) => Embedder = (o) => createEmbedder(o)): RunEmbedders {
  const made = new Map<string, Embedder | undefined>();
  return {
    forRun(run) {
      const params = (run.params ?? {}) as Partial<ResolvedSegmentOptions>;
      const choice = params.embedder ?? 'use';
      if (choice === 'use') return bundled;
      const key = JSON.stringify([choice, params.onnxModelDir ?? null, params.embeddingModel ?? null]);
      if (!made.has(key)) {
        let embedder: Embedder | undefined;
        try {
          embedder = make(params as ResolvedSegmentOptions);
        } catch {
          embedder = undefined;
        }
        made.set(key, embedder);
      }
      return made.get(key);
    },
    async close() {
      await Promise.all([...made.values()].map((e) => e?.close?.()));
      made.clear();
    },
  };
}
