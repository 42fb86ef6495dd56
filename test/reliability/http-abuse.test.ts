/**
 * HTTP abuse: brute-forcing the API key, spoofing headers to dodge the rate limit, flooding the limiter
 * with new clients, ids that only look like integers, errors that leak SQL, and replayed Slack commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../empty-database.ts';
import { completeRun, createRun } from '../../db/queries/runs.ts';
import type { ChatAnswer, ChatService } from '../../agent/chat-types.ts';
import { createApp } from '../../integrations/http/app.ts';
import { TokenBuckets } from '../../integrations/http/rate-limit.ts';
import { startServer } from '../../integrations/http/server.ts';
import { slackRoutes } from '../../integrations/slack/routes.ts';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../fake-slack/server.ts';
import { recordingLogger } from '../fake-slack/recording-logger.ts';

let handle: DbHandle;
let runId: number;
let slack: FakeSlack;

beforeAll(async () => {
  handle = await openEmptyDatabase();
  const run = await createRun(handle.db, { status: 'running', datasetIds: [], params: {}, seed: 1 });
  runId = run.id;
  await completeRun(handle.db, run.id, { algorithm: 'kmeans', customers: 1, metrics: {}, stages: [], features: [] }, [
    { segmentIndex: 0, size: 1, share: 1, label: 'All', topFeatures: [], topTerms: [], stability: 1, profile: {} },
  ], [{ customerExternalId: 'a', segmentIndex: 0, probability: 1, wasNoise: false, x: 0, y: 0 }]);
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack?.close();
  await handle?.close();
});

async function withServer<T>(app: ReturnType<typeof createApp>, apiKey: string | null, fn: (url: string) => Promise<T>): Promise<T> {
  const server = await startServer(app, { port: 0, host: '127.0.0.1', apiKey });
  try {
    return await fn(server.url);
  } finally {
    await server.close();
  }
}

describe('authentication and rate limits', () => {
  it('limits failed logins per connection address, whatever headers claim', async () => {
    const app = createApp({ db: handle.db, apiKey: 'the-right-key', failedAuthLimit: { perMinute: 1, burst: 5 } });
    await withServer(app, 'the-right-key', async (url) => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`${url}/api/runs`, { headers: { authorization: `Bearer guess-${i}`, 'x-forwarded-for': `10.0.${i}.1`, 'x-real-ip': `10.1.${i}.1` } });
        statuses.push(res.status);
      }
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(35);
      // Locked out: even the right key waits until the allowance refills.
      const right = await fetch(`${url}/api/runs`, { headers: { authorization: 'Bearer the-right-key' } });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  it('keys the request limit on the connection, not on spoofable headers', async () => {
    const app = createApp({ db: handle.db, rateLimit: { perMinute: 1, burst: 5 } });
    await withServer(app, null, async (url) => {
      let passed = 0;
      for (let i = 0; i < 40; i++) {
        const res = await fetch(`${url}/api/runs`, { headers: { 'x-forwarded-for': `192.0.2.${i}`, authorization: `Bearer random-${i}`, forwarded: `for=198.51.100.${i}` } });
        if (res.status === 200) passed++;
      }
      expect(passed).toBe(5);
    });
  });

  it('keeps the limiter’s memory bounded under a flood of new clients', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2, maxClients: 100, now: () => 0 });
    for (let i = 0; i < 50_000; i++) buckets.take(`client-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
    // The most recent clients are the ones remembered.
    buckets.take('client-49999');
    expect(buckets.take('client-49999')).toBeGreaterThan(0);
  });
});

describe('ids and errors', () => {
  it('accepts only plain decimal ids; everything else is a 400, never a 500', async () => {
    const app = createApp({ db: handle.db, log: () => undefined });
    expect((await app.request(`/api/runs/${runId}`)).status).toBe(200);
    const tricks = ['1e0', '0x1', '1.0', '01', '+1', '-1', '0', '%201', '1%20', '1%00', 'Infinity', 'NaN', '99999999999999999999', '2147483648', '9007199254740993', '１'];
    for (const id of tricks) {
      for (const route of ['runs', 'segments']) {
        const res = await app.request(`/api/${route}/${id}`);
        expect(res.status, `${route}/${id}`).toBe(400);
        expect(await res.text()).not.toMatch(/select |sql|postgres|relation|query/i);
      }
    }
    expect((await app.request('/api/runs/2147483647')).status).toBe(404);
  });

  it('answers a failure with a request id only; the details go to the server log', async () => {
    const logged: string[] = [];
    const leaky: ChatService = {
      ask: async () => {
        throw new Error('relation "customers" does not exist: SELECT body FROM texts WHERE secret = \'x\'');
      },
    };
    const app = createApp({ db: handle.db, chat: leaky, log: (line) => void logged.push(line) });
    const res = await app.request('/api/chat', { method: 'POST', body: JSON.stringify({ message: 'hi' }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toMatch(/SELECT|relation|secret/);
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-request-id')).toBe(body.error.requestId);
    expect(logged.some((l) => l.includes(body.error.requestId) && l.includes('SELECT body FROM texts'))).toBe(true);

    const stream = await app.request('/v1/chat/completions', { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }), headers: { 'content-type': 'application/json' } });
    const text = await stream.text();
    expect(text).not.toMatch(/SELECT|relation|secret/);
    expect(text).toMatch(/see the server log for request [0-9a-f-]{36}/);

    const plain = await app.request('/v1/chat/completions', { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }), headers: { 'content-type': 'application/json' } });
    expect(plain.status).toBe(500);
    expect(await plain.text()).not.toMatch(/SELECT|relation|secret/);
  });
});

describe('Slack replays', () => {
  it('answers a replayed slash command once', async () => {
    let asked = 0;
    const chat: ChatService = {
      ask: async (req): Promise<ChatAnswer> => {
        asked++;
        return { threadId: req.threadId, answer: 'ok', evidence: [], cards: [], toolCalls: [], runId: null, segmentId: null };
      },
    };
    const work: Promise<void>[] = [];
    const routes = slackRoutes({ chat, signingSecret: 'sig', botToken: 'xoxb-test', slackApiUrl: slack.url, logger: recordingLogger(), onWork: (p) => void work.push(p) });
    const body = new URLSearchParams({ command: '/persona', text: 'who are my skeptics?', team_id: 'T1', channel_id: 'C1', user_id: 'U1', trigger_id: 'tr1', response_url: slack.responseUrl('r1') }).toString();
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(body, 'sig') };
    for (let i = 0; i < 3; i++) {
      const res = await routes.request('/slack/events', { method: 'POST', body, headers });
      expect(res.status).toBe(200);
      while (work.length) await Promise.all(work.splice(0));
    }
    // Upper-case hex is the same signature.
    const upper = { ...headers, 'x-slack-signature': String(headers['x-slack-signature']).toUpperCase().replace('V0=', 'v0=') };
    await routes.request('/slack/events', { method: 'POST', body, headers: upper });
    while (work.length) await Promise.all(work.splice(0));
    expect(asked).toBe(1);
  });
});
