import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import { runEmbedderConformance } from './embedder-conformance.ts';
import { TINY_DIM, tinyTable, writeTinyModelDir } from './fixtures/tiny-onnx.ts';
import { createOnnxEmbedder, type OnnxEmbedder } from './onnx-embedder.ts';

const dirs: string[] = [];
const modelDir = (typeTable?: Float32Array): string => {
  const dir = writeTinyModelDir(typeTable ? { typeTable } : {});
  dirs.push(dir);
  return dir;
};
const opened: OnnxEmbedder[] = [];
const embedder = (...args: Parameters<typeof createOnnxEmbedder>): OnnxEmbedder => {
  const e = createOnnxEmbedder(...args);
  opened.push(e);
  return e;
};
afterAll(async () => {
  for (const e of opened) await e.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const table = tinyTable();
/** Mean of the table rows of the given ids, then L2-normalised: the expected embedding. */
function expected(ids: readonly number[], shift: readonly number[] = [0, 0, 0, 0]): number[] {
  const sum = [0, 0, 0, 0];
  for (const id of ids) for (let j = 0; j < TINY_DIM; j++) sum[j] = (sum[j] as number) + (table[id * TINY_DIM + j] as number) + (shift[j] as number);
  const norm = Math.hypot(...sum);
  return sum.map((v) => v / norm);
}
const rows = (data: ArrayLike<number>, cols: number): number[][] =>
  Array.from({ length: data.length / cols }, (_, i) => Array.from(data).slice(i * cols, (i + 1) * cols));

describe('onnx embedder on a hand-built model', () => {
  it('mean-pools over the attention mask and normalises (hand-computed)', async () => {
    const e = embedder({ modelDir: modelDir() });
    expect(e.model).toBe(`onnx:${basename(dirs[dirs.length - 1] as string)}`);
    // "a" = [CLS] a [SEP] = rows 2, 19, 3 = (3,5,1,0) + (-2,2,1,1) + (-1,-1,1,1) = (0,6,3,2), |.| = 7.
    const m = await e.embed(['a', 'My card was charged twice!']); // one batch: "a" is padded with [PAD]
    expect(m.cols).toBe(TINY_DIM);
    const [a, card] = rows(m.data, m.cols);
    [0, 6 / 7, 3 / 7, 2 / 7].forEach((v, j) => expect(a?.[j]).toBeCloseTo(v, 7));
    expected([2, 21, 5, 6, 7, 8, 14, 3]).forEach((v, j) => expect(card?.[j]).toBeCloseTo(v, 7));
  });

  it('takes the [CLS] vector with pooling "cls"', async () => {
    const m = await embedder({ modelDir: modelDir(), pooling: 'cls' }).embed(['the dress', 'late order !']);
    for (const r of rows(m.data, m.cols)) expected([2]).forEach((v, j) => expect(r[j]).toBeCloseTo(v, 7));
  });

  it('feeds token_type_ids only when the model declares them', async () => {
    const typeTable = new Float32Array([1, 0, 0, 0, 9, 9, 9, 9]); // type 0 adds (1,0,0,0) to every token
    const m = await embedder({ modelDir: modelDir(typeTable) }).embed(['a']);
    expected([2, 19, 3], [1, 0, 0, 0]).forEach((v, j) => expect(m.data[j]).toBeCloseTo(v, 7));
  });

  it('truncates to maxTokens', async () => {
    const m = await embedder({ modelDir: modelDir(), maxTokens: 3 }).embed(['My card was charged twice!']);
    expected([2, 21, 3]).forEach((v, j) => expect(m.data[j]).toBeCloseTo(v, 7));
  });

  it('names the missing folder or file in a bad_config error', async () => {
    const missing = join(tmpdir(), 'persona-no-such-model');
    const err = await embedder({ modelDir: missing }).embed(['x']).catch((e: unknown) => e);
    expect(isPersonaError(err) && err.code).toBe('bad_config');
    expect((err as Error).message).toContain(missing);

    const half = mkdtempSync(join(tmpdir(), 'persona-onnx-half-'));
    dirs.push(half);
    writeFileSync(join(half, 'model.onnx'), new Uint8Array([0]));
    const err2 = await embedder({ modelDir: half }).embed(['x']).catch((e: unknown) => e);
    expect(isPersonaError(err2) && err2.code).toBe('bad_config');
    expect((err2 as Error).message).toContain(join(half, 'tokenizer.json'));
  });

  it('validates options in embed, not in the factory', async () => {
    const e = embedder({ modelDir: modelDir(), batchSize: 0 });
    await expect(e.embed(['x'])).rejects.toThrow(/batchSize/);
  });
});

runEmbedderConformance('onnx (tiny fixture model)', (batchSize) => embedder({ modelDir: modelDir(), batchSize }), { batchTolerance: 0 });
