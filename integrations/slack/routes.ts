/**
 * Slack on our HTTP server: POST /slack/events takes the Events API, the /persona slash command and
 * interactive payloads. Every request must carry a valid signature made with the app's signing secret
 * (else 401); it is acknowledged at once and answered afterwards by the Bolt app, so Slack never waits
 * past its 3 s limit. Redeliveries (X-Slack-Retry-Num) of an event already taken are acked and dropped.
 * Mount before bearer auth: Slack authenticates with its signature, not our API key.
 */
import type { Logger } from '@slack/bolt';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ChatService } from '../../agent/chat-types.ts';
import { createSlackApp } from './bolt-app.ts';
import { ForwardingReceiver, type Acknowledgement } from './receiver.ts';
import { verifySlackSignature } from './verify.ts';
import { RecentSet } from './recent-set.ts';

export interface SlackOptions {
  readonly chat: ChatService;
  readonly signingSecret: string;
  /** The bot token (xoxb-…). */
  readonly botToken: string;
  /** Web API base URL ending in "/api/"; default Slack's. Tests point it at a local fake. */
  readonly slackApiUrl?: string;
  /** Bolt's logger interface; default Bolt's console logger at warn level. */
  readonly logger?: Logger;
  /** Least time between two progress edits in a thread. */
  readonly progressIntervalMs?: number;
  /** Clock for the progress throttle. */
  readonly now?: () => number;
  /** Receives each request's background work, so shutdown (and tests) can wait for answers. */
  readonly onWork?: (work: Promise<void>) => void;
  /** The data folder files shared with the bot are saved to, and the upload size limit. */
  readonly files?: { readonly dir: string; readonly maxBytes: number };
}

export const slackDefaults = {
  path: '/slack/events',
  maxBodyBytes: 1024 * 1024,
  /** Respond by this time even if no listener has acked, inside Slack's 3 s. */
  ackTimeoutMs: 2500,
  /** Signatures remembered against replays; Slack refuses timestamps older than 5 minutes anyway. */
  rememberedRequests: 10_000,
} as const;

const interactiveTypes = new Set(['block_actions', 'block_suggestion', 'interactive_message', 'message_action', 'shortcut', 'view_submission', 'view_closed']);

function parseBody(raw: string, contentType: string): Record<string, unknown> | null {
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(raw);
      const payload = form.get('payload');
      // Interactive components send their JSON in a "payload" field.
      return payload !== null ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(form);
    }
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function withTimeout(acked: Promise<Acknowledgement>, ms: number): Promise<Acknowledgement> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Acknowledgement>((resolve) => {
    timer = setTimeout(() => resolve({ status: 200 }), ms);
  });
  return Promise.race([acked, late]).finally(() => clearTimeout(timer));
}

export function slackRoutes(options: SlackOptions): Hono {
  const receiver = new ForwardingReceiver();
  const bolt = createSlackApp({
    chat: options.chat,
    botToken: options.botToken,
    receiver,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.files ? { files: options.files } : {}),
  });
  // A signature covers the body and its timestamp, so the same signature twice is the same request
  // replayed (a slash command has no event id to de-duplicate by): it is acknowledged and dropped.
  const seenSignatures = new RecentSet(slackDefaults.rememberedRequests);
  const app = new Hono();

  app.post(
    slackDefaults.path,
    bodyLimit({
      maxSize: slackDefaults.maxBodyBytes,
      onError: (c) => c.json({ error: { code: 'payload_too_large', message: `Slack request body over ${slackDefaults.maxBodyBytes} bytes` } }, 413),
    }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const check = verifySlackSignature({
        signingSecret: options.signingSecret,
        body: raw,
        signature: c.req.header('x-slack-signature'),
        timestamp: c.req.header('x-slack-request-timestamp'),
      });
      if (!check.ok) {
        bolt.logger.warn(`refused a Slack request: ${check.reason}`);
        return c.json({ error: { code: 'unauthorized', message: 'invalid Slack signature' } }, 401);
      }
      if (!seenSignatures.add((c.req.header('x-slack-signature') ?? '').toLowerCase())) {
        bolt.logger.warn('dropped a replayed Slack request (a signature seen before)');
        return c.body(null, 200);
      }
      const body = parseBody(new TextDecoder().decode(raw), c.req.header('content-type') ?? '');
      if (!body) return c.json({ error: { code: 'bad_request', message: 'unreadable Slack request body' } }, 400);
      if (body.type === 'url_verification') return c.json({ challenge: String(body.challenge ?? '') });
      if (body.ssl_check !== undefined) return c.body(null, 200);
      // The app sends no buttons or menus yet, so interactive payloads have nothing to do.
      if (typeof body.type === 'string' && interactiveTypes.has(body.type)) return c.body(null, 200);

      const retryNum = Number(c.req.header('x-slack-retry-num'));
      const retryReason = c.req.header('x-slack-retry-reason');
      const { acked, done } = receiver.dispatch(body, {
        ...(Number.isInteger(retryNum) && retryNum > 0 ? { num: retryNum } : {}),
        ...(retryReason ? { reason: retryReason } : {}),
      });
      options.onWork?.(done);
      const ack = await withTimeout(acked, slackDefaults.ackTimeoutMs);
      if (ack.body === undefined || ack.body === '') return c.body(null, ack.status as 200 | 500);
      return typeof ack.body === 'string' ? c.text(ack.body, ack.status as 200) : c.json(ack.body as object, ack.status as 200);
    },
  );
  return app;
}
