/**
 * Chat cannot read the server's files. A chat user (HTTP /api/chat, /v1/chat/completions, Slack, or a
 * model's tool call) may import only from the data folder, checked after resolving symlinks and "..";
 * errors that reach chat never quote a file. Users add files by an authenticated upload or a Slack file
 * share; the CLI operator still imports any path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../empty-database.ts';
import { listDatasets } from '../../db/queries/datasets.ts';
import { createChatService } from '../../agent/service.ts';
import type { ChatService } from '../../agent/chat-types.ts';
import { createApp } from '../../integrations/http/app.ts';
import { slackRoutes } from '../../integrations/slack/routes.ts';
import { runTool } from '../../tools/define.ts';
import { loadData } from '../../tools/data-tools.ts';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI, type FakeReply } from '../fake-openai/server.ts';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../fake-slack/server.ts';
import { recordingLogger } from '../fake-slack/recording-logger.ts';

const marker = 'S3CRET-LINE-7731';
let root: string;
let inbox: string;
let outside: string;
let handle: DbHandle;
let fake: FakeOpenAI;
let slack: FakeSlack;
let offline: ChatService;
let llm: ChatService;
const toolMessages: string[] = [];

/** A model that imports whatever path the user names, then repeats the tool's result word for word. */
function model(body: ChatRequestBody): FakeReply {
  const last = body.messages[body.messages.length - 1]!;
  if (last.role === 'tool') {
    toolMessages.push(String(last.content));
    return { content: `The tool said: ${String(last.content)}` };
  }
  const path = /^load (.+)$/.exec(String(last.content))?.[1] ?? '';
  return { toolCalls: [{ name: 'load_data', args: { file: path } }] };
}

const customersCsv = (prefix: string) => `customer_id,age,city\n${Array.from({ length: 6 }, (_, i) => `${prefix}${i},${30 + i},Lyon`).join('\n')}\n`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'persona-files-'));
  inbox = join(root, 'home', 'inbox');
  outside = join(root, 'outside');
  mkdirSync(inbox, { recursive: true });
  mkdirSync(outside, { recursive: true });
  // Outside the folder: a passwd-like file, and a perfectly importable customers file.
  writeFileSync(join(outside, 'secret.csv'), `root:x:0:0:${marker}:/root:/bin/bash\ndaemon:x:1:1:${marker}:/usr/sbin\n`);
  writeFileSync(join(outside, 'customers.csv'), customersCsv(`${marker}-`));
  symlinkSync(join(outside, 'secret.csv'), join(inbox, 'link.csv'));
  symlinkSync(join(outside, 'customers.csv'), join(inbox, 'good-link.csv'));
  symlinkSync(outside, join(inbox, 'linkdir'));
  // Inside the folder: a file the importer refuses, whose first line must not reach chat.
  writeFileSync(join(inbox, 'passwd-copy.csv'), `root:x:0:0:${marker}:/root:/bin/bash\n`);
  handle = await openEmptyDatabase();
  fake = await startFakeOpenAI(model);
  slack = await startFakeSlack();
  const files = { kind: 'folder', dir: inbox } as const;
  offline = createChatService({ db: handle.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, exportDir: join(root, 'exports'), files });
  llm = createChatService({ db: handle.db, configuration: { model: { kind: 'openai', baseUrl: fake.url, apiKey: 'k', model: 'fake' }, maxSteps: 4 }, exportDir: join(root, 'exports'), files });
});

afterAll(async () => {
  await fake?.close();
  await slack?.close();
  await handle?.close();
  rmSync(root, { recursive: true, force: true });
});

const attacks = () => [
  '/etc/passwd',
  '/etc/shadow',
  '/proc/self/environ',
  join(outside, 'secret.csv'),
  join(outside, 'customers.csv'),
  '../../outside/customers.csv',
  '../outside/secret.csv',
  'sub/../../outside/customers.csv',
  `${inbox}/../../outside/customers.csv`,
  'link.csv',
  'good-link.csv',
  'linkdir/customers.csv',
  'linkdir/secret.csv',
  'passwd-copy.csv',
];

describe('chat imports only from the data folder', () => {
  it('refuses every path outside it, through a model’s tool call, and never quotes a file', async () => {
    const app = createApp({ db: handle.db, apiKey: 'key', chat: llm, log: () => undefined });
    let readOutside = 0;
    for (const [i, path] of attacks().entries()) {
      const route = i % 2 === 0 ? '/api/chat' : '/v1/chat/completions';
      const body = route === '/api/chat' ? { message: `load ${path}` } : { messages: [{ role: 'user', content: `load ${path}` }] };
      const res = await app.request(route, { method: 'POST', body: JSON.stringify(body), headers: { authorization: 'Bearer key', 'content-type': 'application/json' } });
      const text = await res.text();
      expect(res.status, path).toBe(200);
      if (text.includes(marker) || text.includes('root:') || text.includes('daemon')) readOutside++;
      expect(text, path).toMatch(/outside the data folder|no file|could not import|not a regular file/);
    }
    expect(readOutside).toBe(0);
    expect(toolMessages.some((m) => m.includes(marker) || m.includes('root:'))).toBe(false);
    expect(await listDatasets(handle.db)).toHaveLength(0);
  });

  it('refuses a symlink named through the offline planner too', async () => {
    const answer = await offline.ask({ threadId: 'planner', text: 'import the file link.csv' });
    expect(answer.answer).toMatch(/outside the data folder/);
    expect(answer.answer).not.toContain(marker);
    const inside = await offline.ask({ threadId: 'planner', text: 'import the file passwd-copy.csv' });
    expect(inside.answer).toMatch(/could not import "passwd-copy.csv"/);
    expect(inside.answer).not.toMatch(new RegExp(`${marker}|root`));
  });

  it('the CLI operator (access "any") still imports any path', async () => {
    const ctx = { db: handle.db, focus: { runId: null, segmentId: null, segmentRunId: null }, exportDir: join(root, 'exports'), files: { kind: 'any' } as const };
    const result = await runTool(loadData, ctx, { file: join(outside, 'customers.csv'), kind: 'customers' });
    expect(result).toMatchObject({ ok: true, data: { status: 'imported', rows: 6 } });
    const none = await runTool(loadData, { ...ctx, files: undefined }, { file: join(outside, 'customers.csv') });
    expect(none).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('users add files to the data folder', () => {
  it('by an authenticated HTTP upload with a size limit, then import it from chat', async () => {
    const app = createApp({ db: handle.db, apiKey: 'key', chat: offline, uploads: { dir: inbox, maxBytes: 4096 }, log: () => undefined });
    const auth = { authorization: 'Bearer key' };
    expect((await app.request('/api/uploads?name=a.csv', { method: 'POST', body: 'x' })).status).toBe(401);
    const up = await app.request('/api/uploads?name=../../../evil%2Fup.csv', { method: 'POST', body: customersCsv('u-'), headers: auth });
    expect(up.status).toBe(201);
    const saved = (await up.json()) as { name: string; bytes: number };
    expect(saved.name).toBe('up.csv');
    expect(readFileSync(join(inbox, 'up.csv'), 'utf8')).toBe(customersCsv('u-'));
    expect(existsSync(join(root, 'evil'))).toBe(false);
    // The same name again never replaces the first upload, nor writes through a link planted in the folder.
    expect(((await (await app.request('/api/uploads?name=up.csv', { method: 'POST', body: 'a,b\n1,2\n', headers: auth })).json()) as { name: string }).name).toBe('up-2.csv');
    expect(((await (await app.request('/api/uploads?name=link.csv', { method: 'POST', body: 'a,b\n1,2\n', headers: auth })).json()) as { name: string }).name).toBe('link-2.csv');
    expect(readFileSync(join(outside, 'secret.csv'), 'utf8')).toContain(marker);
    const big = await app.request('/api/uploads?name=big.csv', { method: 'POST', body: 'x'.repeat(5000), headers: auth });
    expect(big.status).toBe(413);
    const streamed = await app.request('/api/uploads?name=big2.csv', {
      method: 'POST',
      headers: auth,
      body: new ReadableStream({ start(c) { for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('y'.repeat(1000))); c.close(); } }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(readdirSync(inbox).filter((f) => f.startsWith('big'))).toEqual([]);
    expect((await app.request('/api/uploads?name=run.sh', { method: 'POST', body: 'echo', headers: auth })).status).toBe(400);
    const noKey = createApp({ db: handle.db, chat: offline, uploads: { dir: inbox, maxBytes: 4096 } });
    expect((await noKey.request('/api/uploads?name=a.csv', { method: 'POST', body: 'a' })).status).toBe(403);

    const answer = await offline.ask({ threadId: 'upload', text: 'import the file up.csv' });
    expect(answer.toolCalls).toContainEqual({ name: 'load_data', args: { file: 'up.csv' } });
    // Business language: what was imported, as what, how many rows and customers; no raw JSON or tool names.
    expect(answer.answer).toMatch(/^Imported up\.csv as a customer table: 6 rows, 6 customers\./);
    expect(answer.answer).not.toMatch(/[{}"]|load_data|datasetId/);
  });

  it('by a Slack file share, downloaded through the Web API with the bot token', async () => {
    const work: Promise<void>[] = [];
    const routes = slackRoutes({ chat: offline, signingSecret: 'sig', botToken: 'xoxb-test', slackApiUrl: slack.url, logger: recordingLogger(), onWork: (p) => void work.push(p), files: { dir: inbox, maxBytes: 4096 } });
    const share = async (eventId: string, ts: string, files: { id: string }[]) => {
      const body = JSON.stringify({
        type: 'event_callback', team_id: 'T1', event_id: eventId,
        event: { type: 'message', subtype: 'file_share', channel: 'D1', channel_type: 'im', user: 'U1', text: '', ts, files },
      });
      const res = await routes.request('/slack/events', { method: 'POST', body, headers: { 'content-type': 'application/json', ...signSlackRequest(body, 'sig') } });
      expect(res.status).toBe(200);
      while (work.length) await Promise.all(work.splice(0));
    };
    slack.addFile('F1', 'shared customers.csv', customersCsv('s-'));
    await share('Ev1', '1.1', [{ id: 'F1' }]);
    expect(readFileSync(join(inbox, 'shared_customers.csv'), 'utf8')).toBe(customersCsv('s-'));
    expect(slack.downloads).toEqual([{ id: 'F1', token: 'xoxb-test' }]);
    const reply = slack.calls.filter((c) => c.method === 'chat.postMessage').at(-1)!;
    expect(String(reply.body.text)).toMatch(/Saved `shared_customers\.csv` .* to the data folder/);

    // Not hosted by Slack: the bot token is never sent elsewhere. Too large: refused before download.
    slack.addFile('F2', 'x.csv', 'a,b\n', { url_private_download: 'http://127.0.0.2:9/steal' });
    slack.addFile('F3', 'huge.csv', 'a'.repeat(5000));
    await share('Ev2', '1.2', [{ id: 'F2' }, { id: 'F3' }]);
    expect(slack.downloads).toHaveLength(1);
    const refusal = String(slack.calls.filter((c) => c.method === 'chat.postMessage').at(-1)!.body.text);
    expect(refusal).toMatch(/Could not take x\.csv: the file is not hosted by Slack/);
    expect(refusal).toMatch(/Could not take huge\.csv: it is over the upload limit/);
    expect(existsSync(join(inbox, 'huge.csv'))).toBe(false);
  });
});
