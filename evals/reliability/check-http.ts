/**
 * HTTP abuse against the real app and server: brute-forced API keys, spoofed client headers, a flood
 * of new clients, ids that only look like integers, errors that would leak SQL, oversized bodies and a
 * replayed Slack slash command. Each request or scenario is one case; a case fails when the defence
 * did not hold.
 */
import type { ChatAnswer, ChatService } from '../../agent/chat-types.ts';
import type { Db } from '../../db/client.ts';
import { completeRun, createRun } from '../../db/queries/runs.ts';
import { createApp } from '../../integrations/http/app.ts';
import { TokenBuckets } from '../../integrations/http/rate-limit.ts';
import { startServer } from '../../integrations/http/server.ts';
import { slackRoutes } from '../../integrations/slack/routes.ts';
import { errorMessage } from '../../lib/errors.ts';
import { recordingLogger } from '../../test/fake-slack/recording-logger.ts';
import { signSlackRequest, startFakeSlack } from '../../test/fake-slack/server.ts';
import type { EvalFailure } from '../types.ts';

export interface HttpTally {
  readonly cases: number;
  readonly failed: number;
  readonly failures: EvalFailure[];
}

type App = ReturnType<typeof createApp>;

async function withServer<T>(app: App, apiKey: string | null, fn: (url: string) => Promise<T>): Promise<T> {
  const server = await startServer(app, { port: 0, host: '127.0.0.1', apiKey });
  try {
    return await fn(server.url);
  } finally {
    await server.close();
  }
}

const sqlWords = /select |sql|postgres|relation|query/i;

export async function checkHttp(db: Db): Promise<HttpTally> {
  const failures: EvalFailure[] = [];
  let cases = 0;
  const check = async (name: string, run: () => Promise<string | null>) => {
    cases++;
    const problem = await run().catch((err: unknown) => `crashed: ${errorMessage(err)}`);
    if (problem) failures.push({ scope: 'http', case: name, reason: problem });
  };

  await check('failed logins are limited per connection, whatever headers claim', () =>
    withServer(createApp({ db, apiKey: 'right-key', failedAuthLimit: { perMinute: 1, burst: 5 } }), 'right-key', async (url) => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await fetch(`${url}/api/runs`, { headers: { authorization: `Bearer guess-${i}`, 'x-forwarded-for': `10.0.${i}.1`, 'x-real-ip': `10.1.${i}.1` } });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      const guesses = statuses.filter((s) => s === 401).length;
      return guesses > 5 ? `${guesses} of 30 key guesses were answered 401 instead of being limited` : null;
    }),
  );

  await check('the request limit keys on the connection, not on spoofable headers', () =>
    withServer(createApp({ db, rateLimit: { perMinute: 1, burst: 5 } }), null, async (url) => {
      let passed = 0;
      for (let i = 0; i < 30; i++) {
        const res = await fetch(`${url}/api/runs`, { headers: { 'x-forwarded-for': `192.0.2.${i}`, forwarded: `for=198.51.100.${i}` } });
        await res.arrayBuffer();
        if (res.status === 200) passed++;
      }
      return passed > 5 ? `${passed} of 30 requests with spoofed client headers passed a limit of 5` : null;
    }),
  );

  await check('the limiter’s memory stays bounded under a flood of new clients', async () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2, maxClients: 100, now: () => 0 });
    for (let i = 0; i < 20_000; i++) buckets.take(`client-${i}`);
    return buckets.size > 100 ? `${buckets.size} buckets kept for a bound of 100` : null;
  });

  const run = await createRun(db, { status: 'running', datasetIds: [], params: {}, seed: 1 });
  await completeRun(db, run.id, { algorithm: 'kmeans', customers: 1, metrics: {}, stages: [], features: [] }, [
    { segmentIndex: 0, size: 1, share: 1, label: 'All', topFeatures: [], topTerms: [], stability: 1, profile: {} },
  ], [{ customerExternalId: 'a', segmentIndex: 0, probability: 1, wasNoise: false, x: 0, y: 0 }]);
  const app = createApp({ db, log: () => undefined });
  for (const id of ['1e0', '0x1', '1.0', '01', '+1', '-1', '0', '%201', '1%00', 'Infinity', 'NaN', '99999999999999999999', '2147483648', '9007199254740993', '１']) {
    for (const route of ['runs', 'segments']) {
      await check(`GET /api/${route}/${id}`, async () => {
        const res = await app.request(`/api/${route}/${id}`);
        const body = await res.text();
        if (res.status !== 400) return `answered ${res.status}, expected 400`;
        return sqlWords.test(body) ? `the body leaks SQL: ${body.slice(0, 120)}` : null;
      });
    }
  }

  await check('a 500 carries a request id only; details go to the server log', async () => {
    const logged: string[] = [];
    const leaky: ChatService = { ask: async () => { throw new Error('relation "texts" does not exist: SELECT body FROM texts WHERE secret = 1'); } };
    const failing = createApp({ db, chat: leaky, log: (line) => void logged.push(line) });
    const res = await failing.request('/api/chat', { method: 'POST', body: JSON.stringify({ message: 'hi' }), headers: { 'content-type': 'application/json' } });
    const body = await res.text();
    if (res.status !== 500) return `answered ${res.status}`;
    if (/SELECT|relation|secret/.test(body)) return `the body leaks the error: ${body.slice(0, 120)}`;
    const id = res.headers.get('x-request-id');
    return id && body.includes(id) && logged.some((l) => l.includes(id) && l.includes('SELECT body')) ? null : 'no request id tying the answer to the server log';
  });

  await check('an oversized body is refused with 413', async () => {
    const res = await app.request('/api/chat', { method: 'POST', body: JSON.stringify({ message: 'x'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } });
    await res.text();
    return res.status === 413 ? null : `answered ${res.status}`;
  });

  await check('a replayed Slack slash command is answered once', async () => {
    const slack = await startFakeSlack();
    try {
      let asked = 0;
      const chat: ChatService = { ask: async (req): Promise<ChatAnswer> => { asked++; return { threadId: req.threadId, answer: 'ok', evidence: [], cards: [], toolCalls: [], runId: null, segmentId: null }; } };
      const work: Promise<void>[] = [];
      const routes = slackRoutes({ chat, signingSecret: 'sig', botToken: 'xoxb-eval', slackApiUrl: slack.url, logger: recordingLogger(), onWork: (p) => void work.push(p) });
      const body = new URLSearchParams({ command: '/persona', text: 'who are they?', team_id: 'T1', channel_id: 'C1', user_id: 'U1', trigger_id: 'tr1', response_url: slack.responseUrl('r1') }).toString();
      const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(body, 'sig') };
      for (let i = 0; i < 3; i++) {
        await (await routes.request('/slack/events', { method: 'POST', body, headers })).text();
        while (work.length) await Promise.all(work.splice(0));
      }
      return asked === 1 ? null : `answered ${asked} times`;
    } finally {
      await slack.close();
    }
  });

  return { cases, failed: failures.length, failures };
}
