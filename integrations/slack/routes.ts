/**
 * Slack's Events API and the /persona slash command on our HTTP server at POST /slack/events. Requests
 * are verified with the signing secret (Bolt's verifier: HMAC-SHA256, 5-minute window), acknowledged at
 * once, and answered afterwards. Deliveries are de-duplicated by event id, so Slack's retries
 * (X-Slack-Retry-Num) are answered once.
 */
import { isValidSlackRequest } from '@slack/bolt';
import { Hono } from 'hono';
import type { ChatService } from '../../agent/chat-types.ts';
import { createSlackResponder, stripMentions, type IncomingMessage } from './responder.ts';
import { RecentSet } from './recent-set.ts';

export interface SlackOptions {
  readonly chat: ChatService;
  readonly signingSecret: string;
  readonly botToken: string;
  readonly slackApiUrl?: string;
  readonly progressIntervalMs?: number;
  /** Called with each background answer, so tests and shutdown can wait for them. */
  readonly onWork?: (work: Promise<void>) => void;
}

interface SlackEvent {
  type?: string;
  subtype?: string;
  bot_id?: string;
  channel?: string;
  channel_type?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
}

export function slackRoutes(options: SlackOptions): Hono {
  const responder = createSlackResponder(options);
  const seen = new RecentSet(5000);
  const work = (m: IncomingMessage) => {
    const p = responder.respond(m);
    options.onWork?.(p);
  };
  const app = new Hono();

  app.post('/slack/events', async (c) => {
    const body = await c.req.text();
    const valid = isValidSlackRequest({
      signingSecret: options.signingSecret,
      body,
      headers: { 'x-slack-signature': c.req.header('x-slack-signature') ?? '', 'x-slack-request-timestamp': Number(c.req.header('x-slack-request-timestamp') ?? 0) },
    });
    if (!valid) return c.json({ error: { code: 'unauthorized', message: 'bad Slack signature' } }, 401);

    if ((c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(body);
      const payload = form.get('payload');
      if (payload) return c.body(null, 200); // interactive payloads: nothing to do yet
      const text = (form.get('text') ?? '').trim();
      const team = form.get('team_id') ?? 'T';
      const channel = form.get('channel_id') ?? '';
      if (!text) return c.json({ response_type: 'ephemeral', text: 'Ask me about your customers, e.g. `/persona who are my trust skeptics?`' });
      work({ team, channel, threadTs: null, conversation: `slack:${team}:${channel}:command:${form.get('user_id') ?? ''}`, text });
      return c.json({ response_type: 'ephemeral', text: `Working on it: “${text.slice(0, 200)}”` });
    }

    let envelope: { type?: string; challenge?: string; event_id?: string; team_id?: string; event?: SlackEvent };
    try {
      envelope = JSON.parse(body) as typeof envelope;
    } catch {
      return c.json({ error: { code: 'bad_request', message: 'body is not JSON' } }, 400);
    }
    if (envelope.type === 'url_verification') return c.json({ challenge: envelope.challenge ?? '' });
    if (envelope.type !== 'event_callback' || !envelope.event) return c.body(null, 200);
    if (envelope.event_id && !seen.add(envelope.event_id)) return c.body(null, 200); // a retry we already took

    const e = envelope.event;
    const team = envelope.team_id ?? 'T';
    const isDm = e.type === 'message' && e.channel_type === 'im' && !e.subtype && !e.bot_id;
    if ((e.type === 'app_mention' || isDm) && e.channel && e.ts) {
      // A message can arrive as both a mention and a DM event: answer it once.
      if (!seen.add(`${e.channel}:${e.ts}`)) return c.body(null, 200);
      const threadTs = e.thread_ts ?? e.ts;
      const text = stripMentions(e.text ?? '');
      if (text) work({ team, channel: e.channel, threadTs, conversation: `slack:${team}:${e.channel}:${threadTs}`, text });
    }
    return c.body(null, 200);
  });
  return app;
}
