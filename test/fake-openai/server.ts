/**
 * A local fake OpenAI-compatible server for tests: `POST /v1/chat/completions` (plain JSON, and SSE
 * streaming ending with `data: [DONE]`), `POST /v1/embeddings` (deterministic vectors from hashed
 * character trigrams, so similar texts get similar vectors; failures scriptable) and `GET /v1/models`,
 * answering chat from a script: a queue of
 * replies or a function of the request. Replies can be content, tool calls (each with a unique id),
 * content that is not valid JSON, a raw malformed body, or an HTTP error. Every completion has a unique
 * id (LangGraph's message reducer would merge two replies with the same id), and every request body is
 * recorded for assertions. Binds 127.0.0.1 on a free port.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeToolCall {
  readonly name: string;
  /** Arguments as an object (sent as JSON), or a string sent as is (e.g. to test malformed arguments). */
  readonly args: Readonly<Record<string, unknown>> | string;
  /** Defaults to a fresh unique id. */
  readonly id?: string;
}

export type FakeReply =
  | { readonly content: string; readonly toolCalls?: readonly FakeToolCall[] }
  | { readonly toolCalls: readonly FakeToolCall[]; readonly content?: string }
  /** An HTTP error with an OpenAI-style (or any) JSON body, and optional headers (e.g. retry-after). */
  | { readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> }
  /** A body sent verbatim, e.g. truncated JSON. */
  | { readonly raw: string; readonly status?: number; readonly contentType?: string };

export interface ChatMessage {
  readonly role: string;
  readonly content: unknown;
  readonly tool_calls?: readonly { id: string; type: string; function: { name: string; arguments: string } }[];
  readonly tool_call_id?: string;
  readonly name?: string;
}

export interface ChatRequestBody {
  readonly model?: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  readonly stream?: boolean;
  readonly stream_options?: { include_usage?: boolean };
  readonly response_format?: unknown;
  readonly [key: string]: unknown;
}

/** A queue of replies (one per request, in order), or a function of the request and its 0-based index. */
export type FakeScript = readonly FakeReply[] | ((body: ChatRequestBody, index: number) => FakeReply | Promise<FakeReply>);

export interface EmbeddingRequestBody {
  readonly model?: string;
  readonly input: string | readonly string[];
  readonly [key: string]: unknown;
}

export interface FakeEmbeddingOptions {
  /** Width of the vectors (default 16). */
  readonly dimensions?: number;
  /** A reply that replaces request #index (0-based), e.g. a 429; null = answer normally. */
  readonly fail?: (body: EmbeddingRequestBody, index: number) => FakeReply | null;
  /** Milliseconds to wait before answering, to let concurrent requests overlap. */
  readonly delayMs?: number;
}

export interface FakeOpenAI {
  /** Base URL for clients, ending in /v1. */
  readonly url: string;
  /** Every chat completion request body, in arrival order. */
  readonly requests: ChatRequestBody[];
  /** The headers of those requests, same order. */
  readonly headers: IncomingHttpHeaders[];
  /** Every embeddings request body and its headers, in arrival order (failed ones included). */
  readonly embeddingRequests: EmbeddingRequestBody[];
  readonly embeddingHeaders: IncomingHttpHeaders[];
  /** Most embeddings requests that were in progress at once. */
  readonly maxConcurrentEmbeddings: () => number;
  close(): Promise<void>;
}

// Process-wide counters: ids stay unique across servers started by the same test file.
let completions = 0;
let toolCalls = 0;

export async function startFakeOpenAI(script: FakeScript, embeddings: FakeEmbeddingOptions = {}): Promise<FakeOpenAI> {
  const embeddingRequests: EmbeddingRequestBody[] = [];
  const embeddingHeaders: IncomingHttpHeaders[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: ChatRequestBody[] = [];
  const headers: IncomingHttpHeaders[] = [];
  let served = 0;
  const next = async (body: ChatRequestBody): Promise<FakeReply> => {
    const index = served++;
    if (typeof script === 'function') return script(body, index);
    return script[index] ?? { status: 500, body: { error: { message: `fake server: no scripted reply #${index + 1} (the script has ${script.length})`, type: 'server_error' } } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      return send(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'test' }] });
    }
    if (req.method === 'POST' && path === '/v1/embeddings') {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await handleEmbeddings(req, res);
      } finally {
        inFlight--;
      }
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return send(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: ChatRequestBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
    } catch {
      return send(res, 400, { error: { message: 'request body is not JSON', type: 'invalid_request_error' } });
    }
    if (!Array.isArray(body?.messages)) return send(res, 400, { error: { message: 'messages must be an array', type: 'invalid_request_error' } });
    requests.push(body);
    headers.push(req.headers);
    const reply = await next(body);
    if ('raw' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
      return void res.end(reply.raw);
    }
    if ('status' in reply) return send(res, reply.status, reply.body, reply.headers);
    completions++;
    const id = `chatcmpl-fake-${completions}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'fake-model';
    const calls = (reply.toolCalls ?? []).map((t) => ({
      id: t.id ?? `call_fake_${++toolCalls}`,
      type: 'function' as const,
      function: { name: t.name, arguments: typeof t.args === 'string' ? t.args : JSON.stringify(t.args) },
    }));
    const content = reply.content ?? null;
    const finish = calls.length ? 'tool_calls' : 'stop';
    const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
    if (!body.stream) {
      return send(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content, ...(calls.length ? { tool_calls: calls } : {}) }, logprobs: null, finish_reason: finish }],
        usage,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const event = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`);
    const delta = (d: unknown, finishReason: string | null = null) => event([{ index: 0, delta: d, logprobs: null, finish_reason: finishReason }]);
    delta({ role: 'assistant', content: '' });
    for (const piece of pieces(content ?? '')) delta({ content: piece });
    calls.forEach((c, index) => {
      // As OpenAI streams them: id, type and name first, then the arguments in pieces.
      delta({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.function.name, arguments: '' } }] });
      for (const piece of pieces(c.function.arguments)) delta({ tool_calls: [{ index, function: { arguments: piece } }] });
    });
    delta({}, finish);
    if (body.stream_options?.include_usage) event([], { usage });
    res.end('data: [DONE]\n\n');
  };

  const handleEmbeddings = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: EmbeddingRequestBody;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EmbeddingRequestBody;
    } catch {
      return send(res, 400, { error: { message: 'request body is not JSON', type: 'invalid_request_error' } });
    }
    const index = embeddingRequests.length;
    embeddingRequests.push(body);
    embeddingHeaders.push(req.headers);
    if (embeddings.delayMs) await new Promise((r) => setTimeout(r, embeddings.delayMs));
    const failure = embeddings.fail?.(body, index) ?? null;
    if (failure) {
      if ('raw' in failure) {
        res.writeHead(failure.status ?? 200, { 'content-type': failure.contentType ?? 'application/json' });
        return void res.end(failure.raw);
      }
      if ('status' in failure) return send(res, failure.status, failure.body, failure.headers);
    }
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(inputs) || inputs.some((t) => typeof t !== 'string' || t === '')) {
      return send(res, 400, { error: { message: "'input' must be a non-empty string or an array of non-empty strings", type: 'invalid_request_error' } });
    }
    const dims = embeddings.dimensions ?? 16;
    return send(res, 200, {
      object: 'list',
      // Reversed on purpose: clients must place vectors by index, not by position.
      data: inputs.map((t, i) => ({ object: 'embedding', index: i, embedding: fakeEmbedding(t, dims) })).reverse(),
      model: body.model ?? 'fake-embedding',
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: `fake server: ${String(err)}`, type: 'server_error' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    headers,
    embeddingRequests,
    embeddingHeaders,
    maxConcurrentEmbeddings: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients keep connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

/** Splits text into chunks of up to 16 characters (code points kept whole). */
function pieces(text: string): string[] {
  return text.match(/[\s\S]{1,16}/gu) ?? [];
}

/** Hashed character trigrams with signs: a deterministic bag-of-trigrams vector, not normalised. */
export function fakeEmbedding(text: string, dims: number): number[] {
  const v: number[] = new Array<number>(dims).fill(0);
  const padded = `  ${text.toLowerCase()}  `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + 3; j++) h = Math.imul(h ^ padded.charCodeAt(j), 0x01000193) >>> 0;
    v[h % dims] = (v[h % dims] as number) + ((h >>> 16) & 1 ? 1 : -1);
  }
  // An all-zero vector has no direction: give it one.
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
