/**
 * POST /slack/events end to end against the local fake Slack Web API: signatures, acknowledgement
 * before work, retries, mentions, DMs, /persona and progress. The agent is replaced by a scripted
 * ChatService (its interface boundary); slack.test.ts runs the same surface with the real agent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { ChatAnswer, ChatRequest, ChatService } from '../../agent/chat-types.ts';
import { recordingLogger } from '../../test/fake-slack/recording-logger.ts';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../../test/fake-slack/server.ts';
import { slackRoutes } from './routes.ts';

const secret = 'test-signing-secret';
let slack: FakeSlack;
const work: Promise<void>[] = [];
const asked: ChatRequest[] = [];
/** What the scripted agent does with the next question; default: a fixed answer with a persona card. */
let behaviour: (req: ChatRequest) => Promise<ChatAnswer> | ChatAnswer;
let clock = 0;

const card = {
  runId: 3, segmentId: 2, label: 'Trust skeptics', size: 120, share: 0.3, name: 'Tessa, the trust skeptic', archetype: 'Trust skeptic', bio: 'Checks everything.',
  goals: ['Genuine products'], frustrations: ['Fake reviews'], preferredChannels: ['email'], quotes: ['is this <!here> real?'], keyStats: [{ label: 'share', display: '30.0%' }],
};
const fixed: ChatAnswer = {
  threadId: '', answer: '**Tessa, the trust skeptic** (segment 2): “is this <!here> real?” [1]', cards: [card], toolCalls: [], runId: 3, segmentId: 2,
  evidence: [{ n: 1, text: 'is this <!here> real? *sigh*', textId: 'x1', customerId: 'cust-5d1e', segmentId: 2, runId: 3, at: null }],
};
const chat: ChatService = {
  ask: async (req) => {
    asked.push(req);
    return { ...(await behaviour(req)), threadId: req.threadId };
  },
};
const logger = recordingLogger();
const app = slackRoutes({ chat, signingSecret: secret, botToken: 'xoxb-test', slackApiUrl: 'http://127.0.0.1:9/api/', logger, now: () => clock, onWork: (p) => void work.push(p) });
let routes: typeof app;

beforeAll(async () => {
  slack = await startFakeSlack();
  routes = slackRoutes({ chat, signingSecret: secret, botToken: 'xoxb-test', slackApiUrl: slack.url, logger, now: () => clock, onWork: (p) => void work.push(p) });
});
afterAll(async () => slack?.close());
beforeEach(() => {
  slack.calls.length = 0;
  asked.length = 0;
  behaviour = () => fixed;
});

async function settled(): Promise<void> {
  while (work.length) await Promise.all(work.splice(0));
}

function send(body: string, o: { contentType?: string; headers?: Record<string, string>; sign?: boolean } = {}): Promise<Response> {
  const headers = { 'content-type': o.contentType ?? 'application/json', ...(o.sign === false ? {} : signSlackRequest(body, secret)), ...o.headers };
  return Promise.resolve(routes.request('/slack/events', { method: 'POST', body, headers }));
}
const sendJson = (payload: unknown, o: Parameters<typeof send>[1] = {}) => send(JSON.stringify(payload), o);

let seq = 0;
function envelope(event: Record<string, unknown>, eventId = `Ev${++seq}`) {
  return { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: 1700000000, event };
}
const mention = (ts: string, text: string, extra: Record<string, unknown> = {}) => envelope({ type: 'app_mention', channel: 'C1', user: 'U1', text, ts, event_ts: ts, ...extra });
const dm = (ts: string, text: string, extra: Record<string, unknown> = {}) => envelope({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts, event_ts: ts, ...extra });
const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');

describe('POST /slack/events', () => {
  it('answers Slack’s URL verification challenge, signed only', async () => {
    const res = await sendJson({ type: 'url_verification', token: 't', challenge: 'c4allenge' });
    expect([res.status, await res.json()]).toEqual([200, { challenge: 'c4allenge' }]);
    expect((await sendJson({ type: 'url_verification', challenge: 'x' }, { sign: false })).status).toBe(401);
  });

  it('answers a mention in its thread with Block Kit, the mention stripped and customer text inert', async () => {
    const res = await sendJson(mention('1700000001.000100', '<@UBOT> who are my trust skeptics?'));
    expect(res.status).toBe(200);
    await settled();
    expect(asked.map((r) => [r.threadId, r.text])).toEqual([['slack:T1:C1:1700000001.000100', 'who are my trust skeptics?']]);
    const [reply] = posts();
    expect(reply!.body).toMatchObject({ channel: 'C1', thread_ts: '1700000001.000100', unfurl_links: 'false' });
    expect(reply!.reply.ok).toBe(true); // the fake accepted the blocks (it refuses any over Block Kit's limits)
    const blocks = JSON.stringify(reply!.body.blocks);
    expect(blocks).toContain('"type":"header"');
    expect(blocks).toContain('cust-5d1e');
    expect(blocks).not.toMatch(/<!here>|\*sigh\*/);
    expect(slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it('keeps one conversation per thread: a mention inside a thread answers there', async () => {
    await sendJson(mention('1700000002.000200', '<@UBOT> which channels for them?', { thread_ts: '1700000001.000100' }));
    await settled();
    expect(asked[0]!.threadId).toBe('slack:T1:C1:1700000001.000100');
    expect(posts()[0]!.body.thread_ts).toBe('1700000001.000100');
  });

  it('refuses bad, missing, stale and future signatures with 401 and does nothing', async () => {
    const body = JSON.stringify(mention('1700000003.000100', '<@UBOT> hi'));
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      { 'x-slack-signature': 'v0=' + '0'.repeat(64), 'x-slack-request-timestamp': String(now) },
      {},
      signSlackRequest(body, 'wrong-secret'),
      signSlackRequest(body, secret, now - 3600),
      signSlackRequest(body, secret, now + 3600),
    ];
    for (const headers of attempts) expect((await send(body, { sign: false, headers })).status).toBe(401);
    await settled();
    expect([slack.calls.length, asked.length]).toEqual([0, 0]);
  });

  it('answers an event once when Slack redelivers it, and a message once when it comes as mention and DM', async () => {
    const event = mention('1700000004.000100', '<@UBOT> what segments do I have?');
    expect((await sendJson(event)).status).toBe(200);
    const retry = await sendJson(event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect([retry.status, await retry.text()]).toEqual([200, '']);
    await sendJson(envelope({ type: 'message', channel_type: 'im', channel: 'C1', user: 'U1', text: '<@UBOT> what segments do I have?', ts: '1700000004.000100' }));
    await settled();
    expect(asked).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('acknowledges /persona before the answer exists, then posts the question and the answer to the channel', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    behaviour = async () => {
      await gate;
      return fixed;
    };
    const form = new URLSearchParams({ command: '/persona', text: 'who are my trust skeptics?', team_id: 'T1', channel_id: 'C9', user_id: 'U7', response_url: slack.responseUrl('c1'), trigger_id: 'tr1' });
    const res = await send(form.toString(), { contentType: 'application/x-www-form-urlencoded' });
    // The agent is still blocked on the gate: this response cannot be waiting for the answer.
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: 'Working on it…' });
    release();
    await settled();
    const [root, answer] = posts();
    expect(root!.body).toMatchObject({ channel: 'C9', text: '<@U7> asked: “who are my trust skeptics?”' });
    expect(answer!.body).toMatchObject({ channel: 'C9', thread_ts: root!.reply.ts, reply_broadcast: 'true' });
    expect(asked[0]!.threadId).toBe(`slack:T1:C9:${String(root!.reply.ts)}`);
    // A follow-up mention in that thread continues the same conversation.
    await sendJson(mention('1700000009.000100', '<@UBOT> which channels for them?', { channel: 'C9', thread_ts: root!.reply.ts }));
    await settled();
    expect(asked[1]!.threadId).toBe(asked[0]!.threadId);
  });

  it('replies to an empty /persona or a bare mention with help, without asking the agent', async () => {
    const form = new URLSearchParams({ command: '/persona', text: ' ', team_id: 'T1', channel_id: 'C9', user_id: 'U7' });
    const res = await send(form.toString(), { contentType: 'application/x-www-form-urlencoded' });
    expect(((await res.json()) as { text: string }).text).toMatch(/^Ask me about your customers/);
    await sendJson(mention('1700000010.000100', '<@UBOT>'));
    await settled();
    expect(asked).toHaveLength(0);
    expect(String(posts()[0]!.body.text)).toMatch(/^Ask me about your customers/);
  });

  it('answers a direct message in its thread and ignores bots, edits, its own messages and channels', async () => {
    await sendJson(dm('1700000020.000100', 'who spends the most?'));
    await sendJson(dm('1700000021.000100', 'bot talk', { bot_id: 'B9' }));
    await sendJson(dm('1700000022.000100', 'edited', { subtype: 'message_changed' }));
    await sendJson(dm('1700000023.000100', 'my own answer', { user: 'UBOT' }));
    await sendJson(dm('1700000024.000100', 'channel chatter', { channel_type: 'channel', channel: 'C1' }));
    await settled();
    expect(asked.map((r) => [r.threadId, r.text])).toEqual([['slack:T1:D1:1700000020.000100', 'who spends the most?']]);
    expect(posts().map((c) => [c.body.channel, c.body.thread_ts])).toEqual([['D1', '1700000020.000100']]);
  });

  it('shows progress in the thread while a slow answer is computed, and the answer once', async () => {
    behaviour = async (req) => {
      for (const [t, status, shown] of [[0, 're-segmenting: embedding', 1], [900, 're-segmenting: reducing', 1], [2100, 're-segmenting: clustering', 2]] as const) {
        clock = t;
        req.onProgress?.(status);
        await slack.waitFor((calls) => calls.filter((c) => c.method !== 'auth.test').length === shown);
      }
      return { ...fixed, answer: 'Created run 4 with 4 segments.', cards: [], evidence: [] };
    };
    await sendJson(dm('1700000030.000100', 're-segment into 4 groups'));
    await settled();
    const thread = slack.calls.filter((c) => c.method !== 'auth.test').map((c) => `${c.method} ${String(c.body.text)}`);
    expect(thread).toEqual([
      'chat.postMessage :hourglass_flowing_sand: re-segmenting: embedding',
      'chat.update :hourglass_flowing_sand: re-segmenting: clustering',
      'chat.update :white_check_mark: Done.',
      'chat.postMessage Created run 4 with 4 segments.',
    ]);
  });

  it('turns an agent failure into an apology in the thread', async () => {
    behaviour = () => Promise.reject(new Error('no segmentation run yet; run `persona segment` first'));
    await sendJson(mention('1700000040.000100', '<@UBOT> who are my skeptics?'));
    await settled();
    expect(posts().map((c) => [c.body.thread_ts, c.body.text])).toEqual([
      ['1700000040.000100', ':warning: Sorry, I could not answer that: no segmentation run yet; run \u02cbpersona segment\u02cb first'],
    ]);
  });

  it('acks interactive payloads and SSL checks, and rejects unreadable bodies', async () => {
    const interactive = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: 'T1' }, actions: [] }) }).toString();
    expect((await send(interactive, { contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
    expect((await send('ssl_check=1&token=x', { contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
    expect((await send('{not json')).status).toBe(400);
    await settled();
    expect(asked).toHaveLength(0);
  });

  it('serves the same over a real socket', async () => {
    const server = await new Promise<{ url: string; close(): void }>((resolve) => {
      const s = serve({ fetch: routes.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }));
    });
    try {
      const body = JSON.stringify(mention('1700000050.000100', '<@UBOT> who are my trust skeptics?'));
      const res = await fetch(`${server.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signSlackRequest(body, secret) } });
      expect(res.status).toBe(200);
      await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === '1700000050.000100'));
    } finally {
      server.close();
      await settled();
    }
  });
});

// An app pointed at a closed port: Slack's API being unreachable must not break acknowledging events.
describe('POST /slack/events with Slack unreachable', () => {
  it('still acknowledges the event and logs the failure', async () => {
    const body = JSON.stringify(mention('1700000060.000100', '<@UBOT> hi'));
    const res = await app.request('/slack/events', { method: 'POST', body, headers: { 'content-type': 'application/json', ...signSlackRequest(body, secret) } });
    expect(res.status).toBe(200);
    await settled();
    expect(asked).toHaveLength(0);
    expect(logger.lines.some((l) => l.level === 'warn' && l.text.includes('Authorization of incoming event did not succeed'))).toBe(true);
  });
});
