/**
 * Slack end to end: signed events to our running server (beside the bearer-protected API), the real
 * offline agent on the demo data, and a local fake Slack Web API receiving the threaded Block Kit replies
 * (it refuses any message over Block Kit's limits, as Slack does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createChatService } from '../../agent/service.ts';
import { createResidentEmbedder, type ClosableEmbedder } from '../../pipeline/embed/resident-embedder.ts';
import { openDemoFixture, type DemoFixture } from '../../test/demo-fixture.ts';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../../test/fake-slack/server.ts';
import { recordingLogger } from '../../test/fake-slack/recording-logger.ts';
import { createApp } from '../http/app.ts';
import { startServer } from '../http/server.ts';
import { slackRoutes } from './routes.ts';

const secret = 'slack-signing-secret';
let demo: DemoFixture;
let encoder: ClosableEmbedder;
let slack: FakeSlack;
let server: { url: string; close(): Promise<void> };
const work: Promise<void>[] = [];

beforeAll(async () => {
  demo = await openDemoFixture();
  encoder = createResidentEmbedder();
  slack = await startFakeSlack();
  const chat = createChatService({ db: demo.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, encoder, exportDir: join(demo.home, 'exports') });
  const routes = slackRoutes({ chat, signingSecret: secret, botToken: 'xoxb-test', slackApiUrl: slack.url, logger: recordingLogger(), progressIntervalMs: 0, onWork: (p) => void work.push(p) });
  server = await startServer(createApp({ db: demo.db, apiKey: 'api-key', chat, unauthenticated: routes }), { port: 0, host: '127.0.0.1', apiKey: 'api-key' });
});

afterAll(async () => {
  await server?.close();
  await slack?.close();
  await encoder?.close();
  await demo?.close();
});

async function send(payload: unknown, headers: Record<string, string> = {}, sign = true): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${server.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(sign ? signSlackRequest(body, secret) : {}), ...headers } });
}

async function settled(): Promise<void> {
  while (work.length) await Promise.all(work.splice(0));
}

const mention = (id: string, ts: string, text: string, thread?: string) => ({
  type: 'event_callback',
  team_id: 'T1',
  event_id: id,
  event: { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@UBOT> ${text}`, ts, ...(thread ? { thread_ts: thread } : {}) },
});
const posts = (thread: string) => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === thread);

describe('Slack events on the server', () => {
  it('answers the URL verification challenge', async () => {
    const res = await send({ type: 'url_verification', challenge: 'abc123' });
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers a mention in its thread with a Block Kit persona card and quotes', async () => {
    const res = await send(mention('Ev1', '1700000001.000100', 'who are my trust skeptics?'));
    expect(res.status).toBe(200);
    await settled();
    const [reply] = posts('1700000001.000100');
    expect(reply?.reply.ok).toBe(true);
    const blocks = reply!.body.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    // The persona and the trust theme's label, its “&” escaped for mrkdwn.
    expect(blocks[0]!.text!.text).toMatch(/^Wary \w+, the wary buyer \(Trust &amp; safety concerns: [^)]+\): \d+ customers/);
    expect(blocks.some((b) => b.type === 'header' && /^Wary \w+, the wary buyer$/.test(b.text!.text))).toBe(true);
    // Card quotes are context blocks: the quote, then the pseudonymised customer it came from.
    const quotes = blocks.filter((b) => b.type === 'context' && b.elements!.length === 2 && b.elements![0]!.text.startsWith('“') && b.elements![1]!.text.startsWith('— '));
    expect(quotes.length).toBeGreaterThanOrEqual(1);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(String(reply!.body.text)).toMatch(/Trust &amp; safety concerns/);
  });

  it('refuses a bad or stale signature with 401 and posts nothing', async () => {
    const before = slack.calls.length;
    expect((await send(mention('Ev2', '1700000002.000100', 'hi'), { 'x-slack-signature': 'v0=deadbeef', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) }, false)).status).toBe(401);
    const body = JSON.stringify(mention('Ev3', '1700000003.000100', 'hi'));
    const stale = signSlackRequest(body, secret, Math.floor(Date.now() / 1000) - 3600);
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...stale } })).status).toBe(401);
    await settled();
    expect(slack.calls.length).toBe(before);
  });

  it('answers a retried event once', async () => {
    const event = mention('Ev4', '1700000004.000100', 'what segments do I have?');
    expect((await send(event)).status).toBe(200);
    expect((await send(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await settled();
    expect(posts('1700000004.000100')).toHaveLength(1);
  });

  it('keeps a DM thread as one conversation, and shows progress while re-segmenting', async () => {
    const dm = (id: string, text: string, ts: string) => ({ type: 'event_callback', team_id: 'T1', event_id: id, event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts, thread_ts: '1700000010.000100' } });
    await send(dm('Ev5', 'who are my trust skeptics?', '1700000010.000100'));
    await settled();
    await send(dm('Ev6', 'which channels should I use for them?', '1700000011.000100'));
    await settled();
    const replies = posts('1700000010.000100');
    expect(String(replies.at(-1)!.body.text)).toMatch(/^How to reach Wary \w+, the wary buyer:/);

    await send(dm('Ev7', 're-segment only customers with at least 3 orders into 4 groups', '1700000012.000100'));
    await settled();
    const thread = posts('1700000010.000100');
    expect(thread.some((c) => String(c.body.text).includes(':hourglass_flowing_sand: re-segmenting'))).toBe(true);
    expect(slack.calls.some((c) => c.method === 'chat.update' && c.body.text === ':white_check_mark: Done.')).toBe(true);
    expect(String(thread.at(-1)!.body.text)).toMatch(/^I re-segmented the \d+ customers matching number of orders at least 3 into 4 segments/);
  });

  it('acknowledges /persona at once and answers under the question it posts to the channel', async () => {
    const body = new URLSearchParams({ command: '/persona', text: 'who are my trust skeptics?', team_id: 'T1', channel_id: 'C9', user_id: 'U1' }).toString();
    const res = await fetch(`${server.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(body, secret) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: 'Working on it…' });
    await settled();
    const [root, answer] = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'C9');
    expect(root?.body.thread_ts).toBeUndefined();
    expect(answer?.body).toMatchObject({ thread_ts: root?.reply.ts, reply_broadcast: 'true' });
    expect(String(answer?.body.text)).toMatch(/^Wary \w+, the wary buyer \(Trust &amp; safety concerns/);
  });

  it('leaves the bearer-protected API protected', async () => {
    expect((await fetch(`${server.url}/api/runs`)).status).toBe(401);
  });
});
