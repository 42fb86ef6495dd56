/**
 * The ONNX path for non-English text. No multilingual encoder ships with the product or is on this
 * machine, so these tests use a tiny hand-built WordPiece model: a run's embed stage on Portuguese and
 * German texts uses the ONNX model it is configured with (never the bundled English encoder), and the
 * configurations that cannot work fail with a message that says what to do instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { writeTinyModelDir } from '../embed/fixtures/tiny-onnx.ts';
import { createEmbedder, embedStage } from '../../services/segment/embed-stage.ts';
import { resolveSegmentOptions } from './options.ts';

const texts = [
  { customerId: 'c1', body: 'O pedido chegou atrasado e a embalagem estava rasgada' },
  { customerId: 'c1', body: 'Não recomendo, o atendimento não respondeu' },
  { customerId: 'c2', body: 'Die Lieferung war schnell und das Produkt ist super' },
  { customerId: 'c3', body: 'Produto excelente, chegou antes do prazo' },
];

describe('multilingual text through a configured ONNX model', () => {
  let handle: DbHandle;
  const dirs: string[] = [];
  beforeAll(async () => {
    handle = await openEmptyDatabase();
  });
  afterAll(async () => {
    await handle.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('embeds non-English texts with the configured model folder, one vector per customer', async () => {
    const dir = writeTinyModelDir();
    dirs.push(dir);
    const options = resolveSegmentOptions({ embedder: 'onnx', onnxModelDir: dir });
    const { matrix, report } = await embedStage(handle.db, texts, ['c1', 'c2', 'c3'], options);
    expect(report.params).toMatchObject({ model: expect.stringMatching(/^onnx:persona-onnx-/), modelDir: dir });
    expect(report.counts).toMatchObject({ embedded: 4, customersWithoutText: 0 });
    expect(matrix.rows).toBe(3);
  });

  it('a multilingual export with a SentencePiece (Unigram) tokenizer fails with what to use instead', async () => {
    const dir = writeTinyModelDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ model: { type: 'Unigram', vocab: [['<unk>', 0], ['▁pedido', -3.2]] } }));
    const embedder = createEmbedder(resolveSegmentOptions({ embedder: 'onnx', onnxModelDir: dir }));
    await expect(embedder.embed(texts.map((t) => t.body))).rejects.toThrow(/model type "Unigram": Unigram tokenizers .* not supported; use a BERT-family model with a WordPiece tokenizer/);
  });

  it('choosing the onnx embedder without a model folder says how to give one', () => {
    expect(() => createEmbedder(resolveSegmentOptions({ embedder: 'onnx' }))).toThrow(/needs a model folder \(--onnx-model DIR or PERSONA_ONNX_MODEL\)/);
  });
});
