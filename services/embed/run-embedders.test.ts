import { describe, expect, it } from 'vitest';
import type { Run } from '../../db/schema.ts';
import { runEmbedder } from '../../tools/types.ts';
import type { Embedder } from '../../pipeline/types.ts';
import { createRunEmbedders } from './run-embedders.ts';

const fake = (model: string): Embedder => ({ model, options: {}, embed: async (texts) => ({ rows: texts.length, cols: 1, data: new Float64Array(texts.length).fill(1) }) });
const run = (params: Record<string, unknown>) => ({ params }) as unknown as Run;

describe("the run's own embedder for lookups over its data", () => {
  const bundled = fake('use-lite-512');

  it('gives the bundled encoder to runs that used it, and makes the recorded one for the rest, once', () => {
    const made: string[] = [];
    const embedders = createRunEmbedders(bundled, (o) => (made.push(o.embedder), fake(`remote:${o.embeddingModel}`)));
    expect(embedders.forRun(run({ embedder: 'use' }))).toBe(bundled);
    expect(embedders.forRun(run({}))).toBe(bundled);
    const remote = embedders.forRun(run({ embedder: 'openai', embeddingModel: 'e5-multilingual' }));
    expect(remote?.model).toBe('remote:e5-multilingual');
    expect(embedders.forRun(run({ embedder: 'openai', embeddingModel: 'e5-multilingual' }))).toBe(remote);
    expect(embedders.forRun(run({ embedder: 'openai', embeddingModel: 'other' }))?.model).toBe('remote:other');
    expect(made).toEqual(['openai', 'openai']);
  });

  it('gives none when the recorded embedder cannot be made here, never the bundled one instead', () => {
    const embedders = createRunEmbedders(bundled, () => {
      throw new Error('no endpoint configured');
    });
    expect(embedders.forRun(run({ embedder: 'onnx', onnxModelDir: '/gone' }))).toBeUndefined();
  });

  it("tools fall back to the agent's encoder only for runs made with the bundled one", () => {
    expect(runEmbedder({ encoder: bundled }, run({ embedder: 'use' }))).toBe(bundled);
    expect(runEmbedder({ encoder: bundled }, run({ embedder: 'openai' }))).toBeUndefined();
    const remote = fake('remote');
    expect(runEmbedder({ encoder: bundled, embedderFor: () => remote }, run({ embedder: 'openai' }))).toBe(remote);
  });
});
