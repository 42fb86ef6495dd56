/**
 * Answers one Slack message: asks the agent under a thread-stable conversation id, posts progress while
 * long work runs (one message, updated at most every few seconds), then the answer as threaded Block Kit
 * messages. Failures become a short reply in the thread, never a crash.
 */
import { webApi } from '@slack/bolt';
import type { ChatService } from '../../agent/chat-types.ts';
import { errorMessage } from '../../lib/errors.ts';
import { answerMessages, escapeSlack } from './blocks.ts';

export interface SlackResponderOptions {
  readonly chat: ChatService;
  readonly botToken: string;
  /** The Web API base, e.g. a local fake in tests; default Slack's. */
  readonly slackApiUrl?: string;
  readonly progressIntervalMs?: number;
}

export const responderDefaults = { progressIntervalMs: 2000 } as const;

export interface IncomingMessage {
  readonly team: string;
  readonly channel: string;
  /** The thread to answer in; null posts to the channel (slash commands). */
  readonly threadTs: string | null;
  /** Conversation memory key (same thread → same conversation). */
  readonly conversation: string;
  readonly text: string;
}

export function createSlackResponder(options: SlackResponderOptions) {
  const client = new webApi.WebClient(options.botToken, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
  });
  const interval = options.progressIntervalMs ?? responderDefaults.progressIntervalMs;

  async function respond(m: IncomingMessage): Promise<void> {
    const thread = m.threadTs ? { thread_ts: m.threadTs } : {};
    let progressTs: string | null = null;
    let lastUpdate = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const onProgress = (status: string) => {
      const now = Date.now();
      if (progressTs !== null && now - lastUpdate < interval) return;
      lastUpdate = now;
      const text = `:hourglass_flowing_sand: ${escapeSlack(status)}`;
      pending = pending.then(async () => {
        if (progressTs === null) progressTs = ((await client.chat.postMessage({ channel: m.channel, text, ...thread })).ts as string | undefined) ?? null;
        else await client.chat.update({ channel: m.channel, ts: progressTs, text });
      }).catch(() => undefined);
    };
    try {
      const answer = await options.chat.ask({ threadId: m.conversation, text: m.text, onProgress });
      await pending;
      if (progressTs) await client.chat.update({ channel: m.channel, ts: progressTs, text: ':white_check_mark: done' });
      for (const message of answerMessages(answer)) {
        await client.chat.postMessage({ channel: m.channel, text: message.text, blocks: message.blocks as never, unfurl_links: false, ...thread });
      }
    } catch (err) {
      await pending;
      await client.chat
        .postMessage({ channel: m.channel, text: `Sorry, I could not answer that: ${escapeSlack(errorMessage(err))}`, ...thread })
        .catch(() => undefined);
    }
  }

  return { respond, client };
}

/** "<@U123ABC> who are my trust skeptics?" → "who are my trust skeptics?" */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, '').replace(/\s+/g, ' ').trim();
}
