/** Sentence-encoder throughput (sentences per second) with one and two worker threads. */
import { createUseEmbedder } from '../pipeline/embed/use-embedder.ts';
import { generateSample } from '../pipeline/sample/generate.ts';

export async function runEmbedBench(): Promise<Record<string, unknown>> {
  const sentences = generateSample({ customers: 200, seed: 99 }).texts.map((t) => t.text).slice(0, 600);
  const out: Record<string, unknown> = { sentences: sentences.length, meanChars: Math.round(sentences.reduce((s, t) => s + t.length, 0) / sentences.length) };
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    await createUseEmbedder({ workers }).embed(sentences);
    const seconds = (performance.now() - t0) / 1000;
    out[`workers${workers}`] = { seconds: +seconds.toFixed(2), sentencesPerSecond: Math.round(sentences.length / seconds) };
  }
  return out;
}
