/**
 * A local fake Slack Web API for tests: answers auth.test, chat.postMessage, chat.update and
 * chat.postEphemeral with ok:true and records every call (method and parsed body), and signs requests
 * the way Slack does so tests can send events to our server.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
}

export interface FakeSlack {
  /** Web API base URL, ending in /api/. */
  readonly url: string;
  readonly calls: SlackCall[];
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  let ts = 1_700_000_000;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] as string;
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = parseBody(raw, req.headers['content-type'] ?? '');
      calls.push({ method, body });
      const reply: Record<string, unknown> = { ok: true };
      if (method === 'auth.test') Object.assign(reply, { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
      if (method === 'chat.postMessage' || method === 'chat.update') Object.assign(reply, { channel: body.channel, ts: body.ts ?? `${ts++}.000100` });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The WebClient sends form-encoded bodies, with JSON-encoded values for arrays and objects. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export function signSlackRequest(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}
