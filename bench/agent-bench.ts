/**
 * The agent under load, offline, on the demo data: latency of "who are my trust skeptics?" answered on a
 * stored run (each question on a fresh thread, so it always finds and explains), and HTTP throughput of
 * /v1/chat/completions under 20 concurrent connections for 20 s (autocannon, loopback only).
 */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createChatService } from '../agent/service.ts';
import { createApp } from '../integrations/http/app.ts';
import { startServer } from '../integrations/http/server.ts';
import { createResidentEmbedder } from '../pipeline/embed/resident-embedder.ts';
import { openDemoFixture } from '../test/demo-fixture.ts';

const question = 'who are my trust skeptics?';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function runAgentBench(): Promise<Record<string, unknown>> {
  const demo = await openDemoFixture();
  const encoder = createResidentEmbedder();
  try {
    const chat = createChatService({ db: demo.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, encoder, exportDir: join(demo.home, 'exports') });
    for (let i = 0; i < 5; i++) await chat.ask({ threadId: `warm-${i}`, text: question });
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const a = await chat.ask({ threadId: `latency-${i}`, text: question });
      times.push(performance.now() - t0);
      if (a.evidence.length < 2) throw new Error(`answer ${i} came without evidence`);
    }
    times.sort((a, b) => a - b);
    const latency = { questions: times.length, p50Ms: +percentile(times, 50).toFixed(1), p95Ms: +percentile(times, 95).toFixed(1), maxMs: +(times.at(-1) as number).toFixed(1) };

    const apiKey = 'bench-key';
    // The per-token rate limit would measure itself, not the endpoint: raised for this run.
    const app = createApp({ db: demo.db, apiKey, chat, rateLimit: { perMinute: 1e9, burst: 1e9 } });
    const server = await startServer(app, { port: 0, host: '127.0.0.1', apiKey });
    try {
      const result = await autocannon({
        url: `${server.url}/v1/chat/completions`,
        method: 'POST',
        connections: 20,
        duration: 20,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'persona', messages: [{ role: 'user', content: question }] }),
      });
      const http = {
        connections: 20,
        seconds: 20,
        requests: result.requests.total,
        requestsPerSecond: result.requests.average,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
      };
      return { question, latency, http };
    } finally {
      await server.close();
    }
  } finally {
    await encoder.close();
    await demo.close();
  }
}
