/**
 * Embeds texts with a sentence-transformers model exported to ONNX (e.g. all-MiniLM-L6-v2) from a local
 * folder holding `model.onnx` and `tokenizer.json`. Never touches the network. Texts are batched by
 * token length so little padding is computed; token vectors are mean-pooled over the attention mask
 * (or the [CLS] vector is taken) and L2-normalised. The session opens on first use; close() frees it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { PersonaError } from '../../lib/errors.ts';
import { createMatrix, type Matrix } from '../../lib/matrix.ts';
import type { Embedder } from '../types.ts';
import { checkTexts, normaliseRows } from './normalise.ts';
import { createWordPiece, type WordPieceTokenizer } from './wordpiece.ts';

export type OnnxEmbedderSettings = {
  readonly modelDir: string;
  /** Sequence length cap including [CLS] and [SEP]; longer texts are truncated. */
  readonly maxTokens: number;
  readonly batchSize: number;
  readonly pooling: 'mean' | 'cls';
};

export type OnnxEmbedderOptions = Pick<OnnxEmbedderSettings, 'modelDir'> & Partial<Omit<OnnxEmbedderSettings, 'modelDir'>>;

export const onnxEmbedderDefaults = Object.freeze({ maxTokens: 256, batchSize: 32, pooling: 'mean' as const });

export interface OnnxEmbedder extends Embedder {
  /** Releases the ONNX session; a later embed() opens it again. */
  close(): Promise<void>;
}

interface Loaded {
  readonly ort: typeof Ort;
  readonly session: Ort.InferenceSession;
  readonly tokenizer: WordPieceTokenizer;
  readonly output: string;
  dim?: number;
}

const KNOWN_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'];

export function createOnnxEmbedder(options: OnnxEmbedderOptions): OnnxEmbedder {
  const settings: OnnxEmbedderSettings = Object.freeze({
    modelDir: options.modelDir,
    maxTokens: options.maxTokens ?? onnxEmbedderDefaults.maxTokens,
    batchSize: options.batchSize ?? onnxEmbedderDefaults.batchSize,
    pooling: options.pooling ?? onnxEmbedderDefaults.pooling,
  });
  let loading: Promise<Loaded> | undefined;
  const load = (): Promise<Loaded> => {
    loading ??= open(settings).catch((err: unknown) => {
      loading = undefined; // let a later call retry, e.g. after the files were put in place
      throw err;
    });
    return loading;
  };
  return {
    model: `onnx:${basename(String(settings.modelDir ?? ''))}`,
    options: settings,
    async embed(texts: readonly string[]): Promise<Matrix> {
      checkSettings(settings);
      checkTexts(texts, 'onnx embedder');
      const loaded = await load();
      if (texts.length === 0) {
        // The width is only known from a run; learn it once from an empty text.
        loaded.dim ??= (await embedAll(loaded, [''], settings)).cols;
        return createMatrix(0, loaded.dim, new Float32Array(0));
      }
      const out = await embedAll(loaded, texts, settings);
      loaded.dim ??= out.cols;
      return out;
    },
    async close(): Promise<void> {
      const pending = loading;
      loading = undefined;
      if (pending) await (await pending.catch(() => undefined))?.session.release();
    },
  };
}

function checkSettings(s: OnnxEmbedderSettings): void {
  if (typeof s.modelDir !== 'string' || s.modelDir === '') {
    throw new PersonaError('bad_config', 'onnx embedder: modelDir must name a folder holding model.onnx and tokenizer.json');
  }
  if (!Number.isInteger(s.maxTokens) || s.maxTokens < 3 || s.maxTokens > 8192) {
    throw new PersonaError('bad_option', `onnx embedder: maxTokens must be an integer in 3..8192, got ${s.maxTokens}`);
  }
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > 4096) {
    throw new PersonaError('bad_option', `onnx embedder: batchSize must be an integer in 1..4096, got ${s.batchSize}`);
  }
  if (s.pooling !== 'mean' && s.pooling !== 'cls') {
    throw new PersonaError('bad_option', `onnx embedder: pooling must be "mean" or "cls", got "${String(s.pooling)}"`);
  }
}

async function open(s: OnnxEmbedderSettings): Promise<Loaded> {
  if (!existsSync(s.modelDir) || !statSync(s.modelDir).isDirectory()) {
    throw new PersonaError('bad_config', `onnx embedder: model folder not found: ${s.modelDir}`);
  }
  const modelPath = join(s.modelDir, 'model.onnx');
  const tokenizerPath = join(s.modelDir, 'tokenizer.json');
  for (const p of [modelPath, tokenizerPath]) {
    if (!existsSync(p)) throw new PersonaError('bad_config', `onnx embedder: missing file ${p}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(tokenizerPath, 'utf8'));
  } catch (err) {
    throw new PersonaError('bad_config', `onnx embedder: cannot parse ${tokenizerPath}: ${(err as Error).message}`);
  }
  const tokenizer = createWordPiece(json, tokenizerPath);
  // Loaded on first use so importing this module does not load the native runtime.
  const ort = await import('onnxruntime-node');
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'], logSeverityLevel: 3 });
  } catch (err) {
    throw new PersonaError('bad_config', `onnx embedder: cannot load ${modelPath}: ${(err as Error).message}`);
  }
  const unknown = session.inputNames.filter((n) => !KNOWN_INPUTS.includes(n));
  if (!session.inputNames.includes('input_ids') || unknown.length) {
    await session.release();
    throw new PersonaError(
      'bad_config',
      `onnx embedder: ${modelPath} takes inputs [${session.inputNames.join(', ')}]; expected input_ids plus optional attention_mask, token_type_ids`,
    );
  }
  const names = session.outputNames;
  const output = ['last_hidden_state', 'token_embeddings'].find((n) => names.includes(n)) ?? names[0];
  if (output === undefined) throw new PersonaError('bad_config', `onnx embedder: ${modelPath} declares no outputs`);
  return { ort, session, tokenizer, output };
}

async function embedAll(loaded: Loaded, texts: readonly string[], s: OnnxEmbedderSettings): Promise<Matrix> {
  const ids = texts.map((t) => loaded.tokenizer.encode(t, s.maxTokens));
  // Batch texts of similar length together; a stable sort keeps the batching deterministic.
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] as Int32Array).length - (ids[b] as Int32Array).length || a - b);
  let raw: Float64Array | undefined;
  let dim = 0;
  for (let start = 0; start < order.length; start += s.batchSize) {
    const members = order.slice(start, start + s.batchSize);
    const pooled = await runBatch(loaded, members.map((i) => ids[i] as Int32Array), s.pooling);
    if (!raw) {
      dim = pooled.length / members.length;
      raw = new Float64Array(texts.length * dim);
    } else if (pooled.length !== members.length * dim) {
      throw new PersonaError('internal', `onnx embedder: batch returned ${pooled.length / members.length}-dim vectors, expected ${dim}`);
    }
    members.forEach((row, k) => (raw as Float64Array).set(pooled.subarray(k * dim, (k + 1) * dim), row * dim));
  }
  return normaliseRows(raw ?? new Float64Array(0), texts.length, dim);
}

/** Runs one padded batch and returns its pooled vectors, row-major. */
async function runBatch(loaded: Loaded, seqs: readonly Int32Array[], pooling: 'mean' | 'cls'): Promise<Float64Array> {
  const { ort, session, tokenizer, output } = loaded;
  const b = seqs.length;
  const len = Math.max(...seqs.map((q) => q.length));
  const inputIds = new BigInt64Array(b * len).fill(BigInt(tokenizer.padId));
  const mask = new BigInt64Array(b * len);
  seqs.forEach((q, i) => {
    for (let t = 0; t < q.length; t++) {
      inputIds[i * len + t] = BigInt(q[t] as number);
      mask[i * len + t] = 1n;
    }
  });
  const available: Record<string, BigInt64Array> = { input_ids: inputIds, attention_mask: mask, token_type_ids: new BigInt64Array(b * len) };
  const feeds: Record<string, Ort.Tensor> = {};
  for (const name of session.inputNames) feeds[name] = new ort.Tensor('int64', available[name] as BigInt64Array, [b, len]);
  const result = await session.run(feeds, [output]);
  const tensor = result[output];
  if (!tensor || (tensor.type !== 'float32' && tensor.type !== 'float64')) {
    throw new PersonaError('bad_config', `onnx embedder: output "${output}" is ${tensor?.type ?? 'missing'}, expected float32`);
  }
  const data = tensor.data as Float32Array | Float64Array;
  const dims = tensor.dims;
  if (dims.length === 2 && dims[0] === b) return Float64Array.from(data); // already one vector per text
  if (dims.length !== 3 || dims[0] !== b || dims[1] !== len) {
    throw new PersonaError('bad_config', `onnx embedder: output "${output}" has shape [${dims.join(', ')}], expected [${b}, ${len}, hidden]`);
  }
  const h = dims[2] as number;
  const out = new Float64Array(b * h);
  for (let i = 0; i < b; i++) {
    const n = pooling === 'cls' ? 1 : (seqs[i] as Int32Array).length;
    for (let t = 0; t < n; t++) {
      const off = (i * len + t) * h;
      for (let j = 0; j < h; j++) out[i * h + j] = (out[i * h + j] as number) + (data[off + j] as number);
    }
    for (let j = 0; j < h; j++) out[i * h + j] = (out[i * h + j] as number) / n;
  }
  return out;
}
