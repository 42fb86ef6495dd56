/**
 * Threads own their run: two HTTP conversations and two Slack threads on one server. A re-segmentation
 * in one conversation becomes that conversation's run only; the others keep answering from theirs, new
 * conversations start on the default run, and marking a run default changes only new conversations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatService } from '../agent/service.ts';
import { createResidentEmbedder, type ClosableEmbedder } from '../pipeline/embed/resident-embedder.ts';
import { prepareDataset, sharedDataDir, type PreparedDataset } from '../evals/agent/datasets.ts';
import { openEmptyDatabase } from '../test/empty-database.ts';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../test/fake-slack/server.ts';
import { recordingLogger } from '../test/fake-slack/recording-logger.ts';
import { createApp } from './http/app.ts';
import { startServer } from './http/server.ts';
import { slackRoutes } from './slack/routes.ts';

const secret = 'slack-signing-secret';
const apiKey = 'api-key';
let workDir: string;
let data: PreparedDataset;
let encoder: ClosableEmbedder;
let slack: FakeSlack;
let server: { url: string; close(): Promise<void> };
const work: Promise<void>[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'persona-threads-'));
  data = await prepareDataset('generated', workDir, sharedDataDir, openEmptyDatabase);
  encoder = createResidentEmbedder();
  slack = await startFakeSlack();
  const chat = createChatService({ db: data.handle.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, encoder, exportDir: join(workDir, 'exports') });
  const routes = slackRoutes({ chat, signingSecret: secret, botToken: 'xoxb-test', slackApiUrl: slack.url, logger: recordingLogger(), progressIntervalMs: 0, onWork: (p) => void work.push(p) });
  server = await startServer(createApp({ db: data.handle.db, apiKey, chat, unauthenticated: routes }), { port: 0, host: '127.0.0.1', apiKey });
});

afterAll(async () => {
  await server?.close();
  await slack?.close();
  await encoder?.close();
  await data?.handle.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function http(thread: string, text: string): Promise<{ answer: string; runId: number | null }> {
  const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ threadId: thread, message: text }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { answer: string; runId: number | null };
}

let ts = 1_700_000_100;
async function slackAsk(threadTs: string, text: string, channel = 'C1'): Promise<string> {
  const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `E${ts}`, event: { type: 'app_mention', channel, user: 'U1', text: `<@UBOT> ${text}`, ts: `${ts++}.000100`, thread_ts: threadTs } });
  const res = await fetch(`${server.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signSlackRequest(body, secret) } });
  expect(res.status).toBe(200);
  while (work.length) await Promise.all(work.splice(0));
  const posts = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === threadTs && c.body.channel === channel);
  return JSON.stringify(posts[posts.length - 1]?.body.blocks ?? posts[posts.length - 1]?.body.text ?? '');
}

const question = 'rank the segments by size';

describe('threads own their run', () => {
  it('keeps other conversations on their run when one re-segments, and starts new ones on the default', async () => {
    const beforeA = await http('http-a', question);
    const beforeB = await http('http-b', question);
    const slackOne = await slackAsk('1700000001.000100', question);
    const slackTwo = await slackAsk('1700000002.000100', question);
    expect(beforeA.answer).toBe(beforeB.answer);
    expect(beforeA.runId).toBe(data.runId);

    const reseg = await http('http-a', 're-segment the UK members into 2 groups');
    expect(reseg.runId).not.toBe(data.runId);
    expect(reseg.answer).toMatch(/region United Kingdom/);
    const afterA = await http('http-a', question);
    expect(afterA.runId).toBe(reseg.runId);
    expect(afterA.answer).not.toBe(beforeA.answer);

    // The other HTTP conversation, both Slack threads and a brand-new conversation are unchanged.
    expect((await http('http-b', question)).answer).toBe(beforeB.answer);
    expect(await slackAsk('1700000001.000100', question)).toBe(slackOne);
    expect(await slackAsk('1700000002.000100', question)).toBe(slackTwo);
    const fresh = await http('http-new', question);
    expect(fresh.runId).toBe(data.runId);
    expect(fresh.answer).toBe(beforeB.answer);

    // Marking the new run as the default moves only conversations that start afterwards.
    const marked = await fetch(`${server.url}/api/runs/default`, { method: 'PUT', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ runId: reseg.runId }) });
    expect(await marked.json()).toEqual({ defaultRunId: reseg.runId });
    expect((await http('http-later', question)).runId).toBe(reseg.runId);
    expect((await http('http-b', question)).answer).toBe(beforeB.answer);
    expect(await slackAsk('1700000002.000100', question)).toBe(slackTwo);
  });

  it('starts new threads in a channel on the run pinned there, leaving other channels and running threads alone', async () => {
    const setDefault = (runId: number) =>
      fetch(`${server.url}/api/runs/default`, { method: 'PUT', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ runId }) });
    await setDefault(data.runId);
    const reseg = await http('http-pin', 're-segment the UK members into 2 groups');
    expect(reseg.runId).not.toBe(data.runId);
    const onDefault = await http('http-pin-default', question);
    const onReseg = await http('http-pin', question);
    expect(onReseg.answer).not.toBe(onDefault.answer);

    const running = '1700000020.000100';
    const before = await slackAsk(running, question, 'C2');
    expect(await slackAsk('1700000021.000100', `pin run ${reseg.runId}`, 'C2')).toContain(`start on run ${reseg.runId}`);
    expect(await slackAsk('1700000022.000100', 'which run is pinned?', 'C2')).toContain(`start on run ${reseg.runId}`);

    // A new thread in the pinned channel answers from the pinned run; the running thread and another channel do not move.
    const pinned = await slackAsk('1700000023.000100', question, 'C2');
    const elsewhere = await slackAsk('1700000024.000100', question, 'C3');
    expect(pinned).not.toBe(before);
    expect(elsewhere).toBe(before);
    expect(await slackAsk(running, question, 'C2')).toBe(before);
    expect(pinned).toContain(JSON.stringify(onReseg.answer.split('\n')[0]).slice(1, 30));

    expect(await slackAsk('1700000025.000100', 'unpin', 'C2')).toContain('default run');
    expect(await slackAsk('1700000026.000100', question, 'C2')).toBe(before);
    expect(await slackAsk('1700000027.000100', 'pin run 999', 'C2')).toContain('no run 999');
  });
});
