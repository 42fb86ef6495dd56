import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from './server.ts';

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('fake OpenAI-compatible server', () => {
  it('answers scripted tool calls then content, with unique ids, and records requests', async () => {
    fake = await startFakeOpenAI([{ toolCalls: [{ name: 'find_segment', args: { query: 'x' } }] }, { content: 'done' }]);
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'k' });
    const first = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    const second = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'again' }] });
    expect(first.choices[0]!.message.tool_calls![0]).toMatchObject({ type: 'function', function: { name: 'find_segment', arguments: '{"query":"x"}' } });
    expect(second.choices[0]!.message.content).toBe('done');
    expect(first.id).not.toBe(second.id);
    expect(fake.requests.map((r) => r.messages[0]!.content)).toEqual(['hi', 'again']);
  });

  it('streams content as SSE ending with [DONE], and fails loudly past the script', async () => {
    fake = await startFakeOpenAI([{ content: 'a streamed answer that spans chunks' }]);
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'k', maxRetries: 0 });
    let text = '';
    for await (const c of await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true })) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe('a streamed answer that spans chunks');
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'q' }] })).rejects.toMatchObject({ status: 500 });
  });
});
