/**
 * A local fake OpenAI-compatible server for tests: `POST /v1/chat/completions` (plain and SSE streaming)
 * and `GET /v1/models`, answering from a script. Each completion gets a unique id (LangGraph's message
 * reducer would otherwise merge two replies), and every request body is recorded for assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  | { readonly content: string }
  | { readonly toolCalls: readonly { readonly name: string; readonly args: Record<string, unknown> }[] }
  | { readonly status: number; readonly body: unknown };

export interface ChatRequestBody {
  readonly model?: string;
  readonly messages: readonly { role: string; content: unknown; tool_calls?: unknown; tool_call_id?: string; name?: string }[];
  readonly tools?: readonly { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  readonly stream?: boolean;
  readonly response_format?: unknown;
  readonly [key: string]: unknown;
}

/** A queue of replies, or a function of the request (and its index). */
export type FakeScript = readonly FakeReply[] | ((body: ChatRequestBody, index: number) => FakeReply);

export interface FakeOpenAI {
  /** Base URL for clients, ending in /v1. */
  readonly url: string;
  readonly requests: ChatRequestBody[];
  close(): Promise<void>;
}

export async function startFakeOpenAI(script: FakeScript): Promise<FakeOpenAI> {
  const requests: ChatRequestBody[] = [];
  let served = 0;
  const next = (body: ChatRequestBody): FakeReply => {
    const index = served++;
    if (typeof script === 'function') return script(body, index);
    const reply = script[index];
    if (!reply) return { status: 500, body: { error: { message: `fake server: no scripted reply #${index + 1}` } } };
    return reply;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => send(res, 500, { error: { message: String(err) } }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/v1/models') return send(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'test' }] });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
    requests.push(body);
    const reply = next(body);
    if ('status' in reply) return send(res, reply.status, reply.body);
    const id = `chatcmpl-fake-${served}-${Date.now()}`;
    const created = Math.floor(Date.now() / 1000);
    const toolCalls = 'toolCalls' in reply ? reply.toolCalls.map((t, i) => ({ id: `call_${served}_${i}`, type: 'function', function: { name: t.name, arguments: JSON.stringify(t.args) } })) : undefined;
    const content = 'content' in reply ? reply.content : null;
    if (!body.stream) {
      return send(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model ?? 'fake-model',
        choices: [{ index: 0, message: { role: 'assistant', content, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: unknown, finish: string | null) =>
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model ?? 'fake-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    chunk({ role: 'assistant', content: '' }, null);
    if (toolCalls) chunk({ tool_calls: toolCalls.map((t, index) => ({ index, ...t })) }, null);
    if (content) for (const piece of content.match(/[\s\S]{1,16}/g) ?? []) chunk({ content: piece }, null);
    chunk({}, toolCalls ? 'tool_calls' : 'stop');
    res.end('data: [DONE]\n\n');
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
