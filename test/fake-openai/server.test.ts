import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { ChatOpenAI } from '@langchain/openai';
import { AIMessageChunk, HumanMessage } from '@langchain/core/messages';
import { startFakeOpenAI, type FakeOpenAI } from './server.ts';

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const client = (f: FakeOpenAI) => new OpenAI({ baseURL: f.url, apiKey: 'k', maxRetries: 0 });
const ask = (f: FakeOpenAI, content: string) => client(f).chat.completions.create({ model: 'm', messages: [{ role: 'user', content }] });

describe('fake OpenAI-compatible server', () => {
  it('answers a queue of tool calls then content, with unique ids, and records every request', async () => {
    fake = await startFakeOpenAI([
      { toolCalls: [{ name: 'find_segment', args: { query: 'x' } }, { name: 'get_evidence', args: { segmentId: 2 } }] },
      { toolCalls: [{ name: 'find_segment', args: { query: 'y' } }] },
      { content: 'done' },
    ]);
    const first = await ask(fake, 'hi');
    const second = await ask(fake, 'again');
    const third = await ask(fake, 'last');
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(first.choices[0]!.message.tool_calls).toMatchObject([
      { type: 'function', function: { name: 'find_segment', arguments: '{"query":"x"}' } },
      { type: 'function', function: { name: 'get_evidence', arguments: '{"segmentId":2}' } },
    ]);
    const callIds = [...first.choices[0]!.message.tool_calls!, ...second.choices[0]!.message.tool_calls!].map((c) => c.id);
    expect(new Set(callIds).size).toBe(3);
    expect(third.choices[0]!.message.content).toBe('done');
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    expect(fake.requests.map((r) => r.messages[0]!.content)).toEqual(['hi', 'again', 'last']);
    expect(fake.headers[0]!.authorization).toBe('Bearer k');
  });

  it('fails loudly past the end of the script, and lists a model', async () => {
    fake = await startFakeOpenAI([{ content: 'only one' }]);
    await ask(fake, 'q');
    await expect(ask(fake, 'q')).rejects.toMatchObject({ status: 500 });
    const models = await client(fake).models.list();
    expect(models.data.map((m) => m.id)).toEqual(['fake-model']);
  });

  it('answers from a handler function of the request, including content that is not valid JSON', async () => {
    fake = await startFakeOpenAI((body, index) => ({ content: index === 0 ? '{"name": "broken"' : `echo ${String(body.messages.at(-1)!.content)}` }));
    expect((await ask(fake, 'a')).choices[0]!.message.content).toBe('{"name": "broken"');
    expect((await ask(fake, 'b')).choices[0]!.message.content).toBe('echo b');
  });

  it('sends a raw malformed body or an HTTP error when scripted', async () => {
    fake = await startFakeOpenAI([{ raw: '{"id": "x", "choices": [' }, { status: 429, body: { error: { message: 'slow down' } } }]);
    await expect(ask(fake, 'q')).rejects.toThrow();
    await expect(ask(fake, 'q')).rejects.toMatchObject({ status: 429 });
  });

  it('streams content as SSE chunks ending with data: [DONE], with usage when asked', async () => {
    fake = await startFakeOpenAI([{ content: 'a streamed answer that spans several chunks' }]);
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'q' }] }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')) as { id: string; choices: { delta: { content?: string }; finish_reason: string | null }[]; usage?: unknown });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('a streamed answer that spans several chunks');
    expect(chunks.filter((c) => c.choices[0]?.finish_reason === 'stop')).toHaveLength(1);
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 });
  });

  it('streams tool calls the way OpenAI does: id and name first, arguments in pieces', async () => {
    const args = { query: 'customers who worry about fraud and fake reviews', limit: 3 };
    fake = await startFakeOpenAI([{ toolCalls: [{ name: 'find_segment', args }] }]);
    const stream = await client(fake).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true });
    let name = '';
    let argText = '';
    let id = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const d = chunk.choices[0]?.delta.tool_calls?.[0];
      id ||= d?.id ?? '';
      name += d?.function?.name ?? '';
      argText += d?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect({ name, args: JSON.parse(argText), finish }).toEqual({ name: 'find_segment', args, finish: 'tool_calls' });
    expect(id).toMatch(/^call_fake_\d+$/);
  });

  it('works with ChatOpenAI: tool calls on invoke, content on stream', async () => {
    fake = await startFakeOpenAI([{ toolCalls: [{ name: 'list_segments', args: {} }] }, { content: 'streamed through langchain' }]);
    const model = new ChatOpenAI({ model: 'fake-model', apiKey: 'k', configuration: { baseURL: fake.url }, temperature: 0, maxRetries: 0 });
    const tools = model.bindTools([{ type: 'function', function: { name: 'list_segments', description: 'list', parameters: { type: 'object', properties: {} } } }]);
    const reply = await tools.invoke([new HumanMessage('which segments?')]);
    expect(reply.tool_calls).toMatchObject([{ name: 'list_segments', args: {} }]);
    expect(reply.tool_calls![0]!.id).toMatch(/^call_fake_/);
    let text = '';
    for await (const chunk of await model.stream([new HumanMessage('tell me')])) text += (chunk as AIMessageChunk).content as string;
    expect(text).toBe('streamed through langchain');
    expect(fake.requests[0]!.tools!.map((t) => t.function.name)).toEqual(['list_segments']);
    expect(fake.requests[1]!.stream).toBe(true);
  });
});
