/**
 * Embedding throughput. The bundled encoder: sentences per second with one and two worker threads. The
 * OpenAI-compatible path: texts per second through our client against the fake server running in its
 * own process (answers at once, or after a fixed delay standing in for the model), by batch size and
 * batches in flight — our side's ceiling, not any real endpoint's speed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAiEmbedder } from '../pipeline/embed/openai-embedder.ts';
import { createUseEmbedder } from '../pipeline/embed/use-embedder.ts';
import { generateSample } from '../pipeline/sample/generate.ts';
import { writeScaleData } from './scale-data.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Starts the fake server in a child process; resolves with its URL and a stop function. */
async function startFakeServer(dimensions: number, delayMs: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/fake-embeddings-child.ts'), String(dimensions), String(delayMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n')) done(out.trim());
    });
    child.on('exit', (code) => fail(new Error(`fake embeddings server exited with ${code}`)));
  });
  return { url, stop: () => new Promise<void>((done) => (child.on('exit', () => done()), child.stdin.end())) };
}

/** Texts of the scale generator (support messages, ~80 characters). */
function generatedTexts(count: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'persona-embed-bench-'));
  try {
    const files = writeScaleData({ dir, customers: 1000, texts: count, seed: 7 });
    return readFileSync(files.texts as string, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.slice(line.indexOf('"') + 1, line.lastIndexOf('"')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runOpenAiEmbedBench(texts = 100_000, dimensions = 384): Promise<Record<string, unknown>> {
  const input = generatedTexts(texts);
  const out: Record<string, unknown> = { texts: input.length, dimensions, server: 'test/fake-openai in a child process' };
  const cases: [delayMs: number, batchSize: number, concurrency: number][] = [
    [0, 64, 1],
    [0, 64, 4],
    [0, 256, 4],
    [50, 64, 1],
    [50, 64, 4],
    [50, 64, 16],
  ];
  for (const [delayMs, batchSize, concurrency] of cases) {
    const server = await startFakeServer(dimensions, delayMs);
    try {
      // With a delay, a tenth of the texts is enough: the time is the server's waiting, not our work.
      const slice = delayMs ? input.slice(0, Math.round(input.length / 10)) : input;
      const embedder = createOpenAiEmbedder({ baseUrl: server.url, model: 'bench', batchSize, concurrency });
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const m = await embedder.embed(slice);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      out[`delay${delayMs}ms-batch${batchSize}-concurrency${concurrency}`] = {
        texts: m.rows,
        seconds: +seconds.toFixed(2),
        textsPerSecond: Math.round(m.rows / seconds),
        clientCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      };
    } finally {
      await server.stop();
    }
  }
  return out;
}

export async function runEmbedBench(): Promise<Record<string, unknown>> {
  const sentences = generateSample({ customers: 200, seed: 99 }).texts.map((t) => t.text).slice(0, 600);
  const bundled: Record<string, unknown> = { sentences: sentences.length, meanChars: Math.round(sentences.reduce((s, t) => s + t.length, 0) / sentences.length) };
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    await createUseEmbedder({ workers }).embed(sentences);
    const seconds = (performance.now() - t0) / 1000;
    bundled[`workers${workers}`] = { seconds: +seconds.toFixed(2), sentencesPerSecond: Math.round(sentences.length / seconds) };
  }
  return { bundled, openAiCompatible: await runOpenAiEmbedBench() };
}
