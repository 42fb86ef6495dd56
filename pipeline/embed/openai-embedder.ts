/**
 * Sentence embeddings from any OpenAI-compatible `POST /v1/embeddings` endpoint (OpenAI, vLLM, Text
 * Embeddings Inference, Ollama): texts go in batches, several batches in flight at once, and a batch
 * that meets a 429, a 5xx or a dropped connection is retried with exponential backoff (Retry-After is
 * honoured, capped). Rows come back in input order whatever order the batches finish in, L2-normalised.
 * The API key is a constructor argument only: it is never part of `options`, so never stored with a run.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Embedder } from '../types.ts';

export type OpenAiEmbedderSettings = {
  /** Base URL ending in /v1, e.g. https://api.openai.com/v1 or http://localhost:8080/v1. */
  readonly baseUrl: string;
  readonly model: string;
  readonly batchSize: number;
  /** Batches in flight at once. */
  readonly concurrency: number;
  /** Retries per batch after the first attempt. */
  readonly maxRetries: number;
  /** First backoff; doubles on every retry. */
  readonly retryBaseMs: number;
  /** Longest single wait, Retry-After included. */
  readonly maxRetryMs: number;
  readonly timeoutMs: number;
};

export type OpenAiEmbedderOptions = Pick<OpenAiEmbedderSettings, 'baseUrl' | 'model'> &
  Partial<Omit<OpenAiEmbedderSettings, 'baseUrl' | 'model'>> & {
    readonly apiKey?: string | null;
    readonly onProgress?: (done: number, total: number) => void;
  };

export const openAiEmbedderDefaults = Object.freeze({ batchSize: 64, concurrency: 4, maxRetries: 5, retryBaseMs: 500, maxRetryMs: 20_000, timeoutMs: 60_000 });

export interface OpenAiEmbedder extends Embedder {
  readonly options: OpenAiEmbedderSettings;
}

export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): OpenAiEmbedder {
  const { apiKey, onProgress, ...rest } = options;
  const settings: OpenAiEmbedderSettings = Object.freeze({ ...openAiEmbedderDefaults, ...rest });
  let width: number | null = null;
  const post = (input: readonly string[]) => postWithRetry(settings, apiKey ?? null, input);
  return {
    model: `openai:${settings.model}`,
    options: settings,
    async embed(texts) {
      checkSettings(settings);
      texts.forEach((t, i) => {
        if (typeof t !== 'string') throw new PersonaError('bad_value', `openai embedder: text ${i} is not a string`);
      });
      if (texts.length === 0) {
        // The width is only known from the endpoint: one tiny request tells it, once.
        width ??= (await post([' '])).cols;
        return { rows: 0, cols: width, data: new Float32Array(0) };
      }
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += settings.batchSize) batches.push(texts.slice(i, i + settings.batchSize).map((t) => (t === '' ? ' ' : t)));
      const results = new Array<Matrix>(batches.length);
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < batches.length) {
          const b = next++;
          results[b] = await post(batches[b] as string[]);
          done += (batches[b] as string[]).length;
          onProgress?.(done, texts.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(settings.concurrency, batches.length) }, worker));
      const cols = (results[0] as Matrix).cols;
      const data = new Float32Array(texts.length * cols);
      let row = 0;
      for (const r of results) {
        if (r.cols !== cols) throw new PersonaError('bad_value', `openai embedder: the endpoint returned vectors of ${r.cols} and ${cols} values`);
        data.set(r.data, row * cols);
        row += r.rows;
      }
      width = cols;
      return { rows: texts.length, cols, data };
    },
  };
}

function checkSettings(s: OpenAiEmbedderSettings): void {
  const bad = (m: string): never => {
    throw new PersonaError('bad_option', `openai embedder: ${m}`);
  };
  if (!/^https?:\/\//.test(s.baseUrl)) bad(`baseUrl must be an http(s) URL ending in /v1, got "${s.baseUrl}"`);
  if (!s.model) bad('model is required (PERSONA_EMBEDDINGS_MODEL)');
  for (const [name, v, min] of [
    ['batchSize', s.batchSize, 1],
    ['concurrency', s.concurrency, 1],
    ['maxRetries', s.maxRetries, 0],
    ['retryBaseMs', s.retryBaseMs, 0],
    ['maxRetryMs', s.maxRetryMs, 0],
    ['timeoutMs', s.timeoutMs, 1],
  ] as const) {
    if (!Number.isInteger(v) || v < min) bad(`${name} must be an integer ≥ ${min}, got ${v}`);
  }
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

async function postWithRetry(s: OpenAiEmbedderSettings, apiKey: string | null, input: readonly string[]): Promise<Matrix> {
  const url = `${s.baseUrl.replace(/\/+$/, '')}/embeddings`;
  for (let attempt = 0; ; attempt++) {
    try {
      return await postOnce(url, s, apiKey, input);
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      if (attempt >= s.maxRetries) throw new PersonaError('upstream_error', `openai embedder: ${err.message}, still failing after ${attempt + 1} attempts`);
      const backoff = Math.min(s.maxRetryMs, err.retryAfterMs ?? s.retryBaseMs * 2 ** attempt);
      await new Promise((r) => setTimeout(r, backoff));
    }
  }
}

async function postOnce(url: string, s: OpenAiEmbedderSettings, apiKey: string | null, input: readonly string[]): Promise<Matrix> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({ model: s.model, input, encoding_format: 'float' }),
      signal: AbortSignal.timeout(s.timeoutMs),
    });
  } catch (err) {
    throw new Retryable(`POST ${url} failed (${(err as Error).message})`, null);
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429 || res.status >= 500) throw new Retryable(`POST ${url} answered ${res.status}`, retryAfter(res.headers.get('retry-after')));
  if (!res.ok) throw new PersonaError('upstream_error', `openai embedder: POST ${url} answered ${res.status}: ${errorMessage(text)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PersonaError('upstream_error', `openai embedder: POST ${url} answered ${res.status} with a body that is not JSON`);
  }
  return parseEmbeddings(body, input.length);
}

/** The `data` array of an embeddings response, by index, as unit rows. */
export function parseEmbeddings(body: unknown, expected: number): Matrix {
  const data = (body as { data?: unknown })?.data;
  if (!Array.isArray(data) || data.length !== expected) {
    throw new PersonaError('upstream_error', `openai embedder: expected ${expected} embeddings, the endpoint returned ${Array.isArray(data) ? data.length : 'none'}`);
  }
  const rows = new Array<readonly number[]>(expected);
  for (const [pos, item] of data.entries()) {
    const index = typeof item?.index === 'number' ? item.index : pos;
    const vector = item?.embedding;
    if (!Number.isInteger(index) || index < 0 || index >= expected || rows[index] || !Array.isArray(vector) || vector.length === 0) {
      throw new PersonaError('upstream_error', `openai embedder: embedding ${pos} of the response is malformed`);
    }
    rows[index] = vector as number[];
  }
  const cols = (rows[0] as readonly number[]).length;
  const out = new Float32Array(expected * cols);
  rows.forEach((v, i) => {
    if (v.length !== cols) throw new PersonaError('upstream_error', `openai embedder: embeddings of ${v.length} and ${cols} values in one response`);
    let norm = 0;
    for (const x of v) {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new PersonaError('upstream_error', `openai embedder: embedding ${i} holds a non-number`);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < cols; j++) out[i * cols + j] = (v[j] as number) / norm;
  });
  return { rows: expected, cols, data: out };
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

function errorMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } })?.error?.message;
    if (typeof m === 'string') return m.slice(0, 300);
  } catch {
    // Not JSON: show the start of the body.
  }
  return text.slice(0, 300);
}
