/**
 * A local fake of Slack's Web API for tests (node:http on 127.0.0.1, a free port). It answers auth.test,
 * chat.postMessage, chat.update, chat.postEphemeral, chat.delete and conversations.replies like Slack
 * does (ok:true with ts values; messages whose blocks break Block Kit's limits are refused with
 * invalid_blocks, as Slack refuses them), accepts posts to response URLs, records every call with its parsed
 * body (form-encoded or JSON) and bearer token, and can be told to fail a method with a Slack error.
 * It also holds shared files: `files.info` describes one, and its url_private_download serves the bytes
 * to a caller with the bot token (401 otherwise), as Slack's file server does.
 * `signSlackRequest` signs request bodies the way Slack does, so tests can send events to our server.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitProblems } from './block-kit.ts';

export interface SlackCall {
  /** Web API method ("chat.postMessage"), or "response_url" for posts to a response URL. */
  readonly method: string;
  readonly body: Record<string, unknown>;
  /** The bearer token the call carried, if any. */
  readonly token: string | null;
  /** For response_url calls: the id in the URL. */
  readonly id?: string;
  /** What the fake answered (ts of a posted message, or ok:false with an error). */
  readonly reply: Record<string, unknown>;
}

export interface FakeSlack {
  /** Web API base URL, ending in /api/ (for WebClient's slackApiUrl). */
  readonly url: string;
  readonly calls: SlackCall[];
  /** A response URL on this server, as Slack puts in slash command payloads. */
  responseUrl(id: string): string;
  /** Makes the next `times` calls of `method` fail with Slack's `error` code (ok:false). */
  fail(method: string, error: string, times?: number): void;
  /** Shares a file: files.info will describe it and its download URL serve `content`; returns Slack's file object. */
  addFile(id: string, name: string, content: string | Buffer, extra?: Record<string, unknown>): Record<string, unknown>;
  /** Downloads of shared files, with the bearer token each carried. */
  readonly downloads: { readonly id: string; readonly token: string | null }[];
  /** Polls until `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  waitFor(predicate: (calls: readonly SlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const fakeSlackIdentity = { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test team', user: 'persona' } as const;

const known = new Set(['files.info', 'auth.test', 'chat.postMessage', 'chat.update', 'chat.postEphemeral', 'chat.delete', 'conversations.replies']);

/** The WebClient sends form-encoded bodies, with JSON-encoded values for arrays and objects. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
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

/** `botToken`: the only token shared files are served to. */
export async function startFakeSlack(options: { readonly botToken?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-test';
  const calls: SlackCall[] = [];
  const failures = new Map<string, { error: string; times: number }>();
  const posted: Record<string, unknown>[] = [];
  const files = new Map<string, { info: Record<string, unknown>; content: Buffer }>();
  const downloads: { id: string; token: string | null }[] = [];
  let clock = 1_700_000_000;
  let base = '';

  const reply = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return { ok: false, error: failure.error };
    }
    if (!known.has(method)) return { ok: false, error: 'unknown_method' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', ...fakeSlackIdentity };
      case 'chat.postMessage': {
        const problems = body.blocks === undefined ? [] : blockKitProblems(body.blocks);
        if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
        if (typeof body.text !== 'string' && body.blocks === undefined) return { ok: false, error: 'no_text' };
        const message = { ...body, ts: `${clock++}.000100`, user: fakeSlackIdentity.user_id, bot_id: fakeSlackIdentity.bot_id };
        posted.push(message);
        return { ok: true, channel: body.channel, ts: message.ts, message };
      }
      case 'files.info': {
        const file = files.get(String(body.file));
        return file ? { ok: true, file: file.info } : { ok: false, error: 'file_not_found' };
      }
      case 'chat.update':
      case 'chat.delete':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${clock++}.000200` };
      default: // conversations.replies
        return { ok: true, has_more: false, messages: posted.filter((m) => m.channel === body.channel && (m.thread_ts === body.ts || m.ts === body.ts)) };
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] as string;
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
      let body: Record<string, unknown>;
      try {
        body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
      } catch {
        res.writeHead(400).end();
        return;
      }
      const download = /^\/files\/([^/]+)\/download$/.exec(path);
      if (download) {
        const id = decodeURIComponent(download[1] as string);
        downloads.push({ id, token });
        const file = files.get(id);
        if (!file || token !== botToken) res.writeHead(file ? 401 : 404).end();
        else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.content);
        return;
      }
      const response = /^\/response\/([^/]+)$/.exec(path);
      if (response) {
        calls.push({ method: 'response_url', body, token, id: decodeURIComponent(response[1] as string), reply: { ok: true } });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const answer = reply(method, body);
      calls.push({ method, body, token: token ?? (typeof body.token === 'string' ? body.token : null), reply: answer });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/api/`,
    calls,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    fail: (method, error, times = 1) => void failures.set(method, { error, times }),
    downloads,
    addFile: (id, name, content, extra = {}) => {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const info = { id, name, title: name, size: bytes.length, mimetype: 'text/csv', url_private_download: `${base}/files/${encodeURIComponent(id)}/download`, ...extra };
      files.set(id, { info, content: bytes });
      return info;
    },
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Headers Slack would send with `body`: X-Slack-Signature (v0 HMAC-SHA256) and X-Slack-Request-Timestamp. */
export function signSlackRequest(body: string, secret: string, timestamp: number = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}
