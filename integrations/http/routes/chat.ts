/**
 * Chat over HTTP: an OpenAI-compatible `POST /v1/chat/completions` (plain JSON or SSE streaming, the
 * answer's evidence as an `evidence` array and numbered citations in the text) and a simple
 * `POST /api/chat`. The conversation id comes from the `X-Conversation-Id` header or the `user` field.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { ChatAnswer, ChatService } from '../../../agent/chat-types.ts';
import { errorMessage, isPersonaError } from '../../../lib/errors.ts';
import { withCitations } from './citations.ts';

const contentPart = z.object({ type: z.string().describe('Part type; only "text" parts are read'), text: z.string().optional().describe('The text of a text part') });
const completionRequest = z.object({
  model: z.string().max(200).optional().describe('Ignored: the server answers with its configured agent'),
  messages: z
    .array(
      z.object({
        role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']).describe('Who wrote the message'),
        content: z.union([z.string(), z.array(contentPart), z.null()]).describe('The message text or its parts'),
      }).passthrough(),
    )
    .min(1)
    .describe('The conversation; the last user message is the question'),
  stream: z.boolean().optional().describe('Answer as server-sent events'),
  user: z.string().min(1).max(200).optional().describe('Conversation id (memory is kept per id)'),
}).passthrough();

const simpleRequest = z.object({
  message: z.string().min(1).max(8000).describe('The question'),
  threadId: z.string().min(1).max(200).optional().describe('Conversation id; a new one is made when omitted'),
  context: z
    .object({
      runId: z.number().int().positive().describe('The run the question is about'),
      segmentId: z.number().int().min(0).nullable().optional().describe('The segment of that run "they" refers to'),
    })
    .strict()
    .optional()
    .describe('What the asker is looking at: sets the conversation focus before the question is answered'),
}).strict();

export const chatDefaults = { maxQuestionChars: 8000, streamChunkWords: 6 } as const;

export function chatRoutes(chat: ChatService, log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`)): Hono {
  const app = new Hono();
  const failure = (c: Context, err: unknown) => failed(c, err, log);

  app.post('/v1/chat/completions', async (c) => {
    const parsed = completionRequest.safeParse(await readJson(c));
    if (!parsed.success) return badRequest(c, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const lastUser = [...parsed.data.messages].reverse().find((m) => m.role === 'user');
    const question = lastUser ? textOf(lastUser.content) : '';
    if (!question.trim()) return badRequest(c, 'messages: no user message with text');
    if (question.length > chatDefaults.maxQuestionChars) return badRequest(c, `the question is over ${chatDefaults.maxQuestionChars} characters`);
    // Without an id every request is its own conversation: history in `messages` is not replayed.
    const threadId = c.req.header('x-conversation-id') ?? parsed.data.user ?? `http-${randomUUID()}`;
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const model = 'persona-explorer';

    if (!parsed.data.stream) {
      try {
        const answer = await chat.ask({ threadId, text: question });
        return c.json({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: withCitations(answer), evidence: answer.evidence }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
          evidence: answer.evidence,
          persona: personaExtras(answer),
        });
      } catch (err) {
        return failure(c, err);
      }
    }

    return streamSSE(c, async (sse) => {
      const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
        sse.writeSSE({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra }) });
      await chunk({ role: 'assistant', content: '' }, null);
      try {
        // Progress as SSE comments: clients ignore them, proxies see a live connection.
        const answer = await chat.ask({ threadId, text: question, onProgress: (status) => void sse.write(`: ${status.replace(/[\r\n]/g, ' ')}\n\n`) });
        const words = withCitations(answer).split(/(?<=\s)/);
        for (let i = 0; i < words.length; i += chatDefaults.streamChunkWords) await chunk({ content: words.slice(i, i + chatDefaults.streamChunkWords).join('') }, null);
        await chunk({ evidence: answer.evidence }, 'stop', { evidence: answer.evidence, persona: personaExtras(answer) });
      } catch (err) {
        const requestId = logFailure(c, err, log);
        await chunk({ content: `\n\nError: ${clientMessage(err, requestId)}` }, 'stop');
      }
      await sse.writeSSE({ data: '[DONE]' });
    });
  });

  app.post('/api/chat', async (c) => {
    const parsed = simpleRequest.safeParse(await readJson(c));
    if (!parsed.success) return badRequest(c, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    try {
      const { context } = parsed.data;
      const answer = await chat.ask({
        threadId: parsed.data.threadId ?? `api-${randomUUID()}`,
        text: parsed.data.message,
        ...(context ? { context: { runId: context.runId, segmentId: context.segmentId ?? null } } : {}),
      });
      return c.json({ ...answer, answer: withCitations(answer) });
    } catch (err) {
      return failure(c, err);
    }
  });
  return app;
}

function personaExtras(a: ChatAnswer) {
  return { threadId: a.threadId, runId: a.runId, segmentId: a.segmentId, toolCalls: a.toolCalls, cards: a.cards };
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return Symbol('unreadable');
  }
}

function textOf(content: string | { type: string; text?: string | undefined }[] | null): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');
}

function badRequest(c: Context, message: string) {
  return c.json({ error: { code: 'bad_request', message, type: 'invalid_request_error' } }, 400);
}

/** Bad input is the caller's to fix and is said; anything else is logged under a request id, which is all the caller sees. */
function isBadInput(err: unknown): boolean {
  return isPersonaError(err) && (err.code === 'bad_value' || err.code === 'bad_option');
}

function logFailure(c: Context, err: unknown, log: (line: string) => void): string {
  const requestId = (c.get('requestId') as string | undefined) ?? randomUUID();
  if (!isBadInput(err)) log(`persona: request ${requestId} ${c.req.method} ${c.req.path} failed: ${errorMessage(err)}${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
  return requestId;
}

function clientMessage(err: unknown, requestId: string): string {
  return isBadInput(err) ? errorMessage(err) : `internal error; see the server log for request ${requestId}`;
}

function failed(c: Context, err: unknown, log: (line: string) => void) {
  const requestId = logFailure(c, err, log);
  if (isBadInput(err)) return c.json({ error: { code: (err as { code: string }).code, message: errorMessage(err) } }, 400);
  return c.json({ error: { code: 'internal', message: clientMessage(err, requestId), requestId } }, 500);
}
