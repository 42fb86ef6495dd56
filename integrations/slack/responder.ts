/**
 * Answers one question in a Slack thread: asks the agent under the thread's conversation id, shows
 * progress in one message (posted on the first status, then edited at most every couple of seconds),
 * and posts the answer once, as threaded Block Kit messages. Failures become a short apology in the
 * thread, never a crash. The /persona command posts the question to the channel and answers under it,
 * so follow-ups in that thread continue the same conversation.
 */
import type { Logger, RespondFn, webApi } from '@slack/bolt';
import type { ChatService } from '../../agent/chat-types.ts';
import { errorMessage } from '../../lib/errors.ts';
import { answerMessages, type SlackMessage } from './blocks.ts';
import { clip, neutraliseInline } from './mrkdwn.ts';
import { channelKey, pinCommand, runPinCommand } from './pin.ts';

type WebClient = webApi.WebClient;

export interface ResponderOptions {
  readonly chat: ChatService;
  readonly logger: Logger;
  /** Least time between two progress edits. */
  readonly progressIntervalMs?: number;
  /** The clock the progress throttle reads (tests pass their own). */
  readonly now?: () => number;
}

export const responderDefaults = { progressIntervalMs: 2000 } as const;

export interface ThreadQuestion {
  readonly team: string;
  readonly channel: string;
  /** The thread to answer in: the message's thread_ts, or its own ts when it starts one. */
  readonly threadTs: string;
  readonly text: string;
}

export interface CommandQuestion {
  readonly team: string;
  readonly channel: string;
  readonly user: string;
  readonly text: string;
}

/** The agent's conversation id for a Slack thread: the same thread always continues one conversation. */
export function conversationId(team: string, channel: string, threadTs: string): string {
  return `slack:${team}:${channel}:${threadTs}`;
}

/** Slack's error code ("not_in_channel") from a failed Web API call, when it was Slack that refused. */
export function slackErrorCode(err: unknown): string | null {
  const data = (err as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
}

const refusedBlocks = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'too_many_blocks']);
const cannotPost = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export interface Responder {
  answerInThread(client: WebClient, question: ThreadQuestion, options?: { readonly broadcastFirst?: boolean }): Promise<void>;
  answerCommand(client: WebClient, question: CommandQuestion, respond?: RespondFn): Promise<void>;
}

export function createResponder(options: ResponderOptions): Responder {
  const interval = options.progressIntervalMs ?? responderDefaults.progressIntervalMs;
  const now = options.now ?? (() => Date.now());
  const log = options.logger;

  async function post(client: WebClient, channel: string, threadTs: string, message: SlackMessage, broadcast: boolean): Promise<void> {
    const base = { channel, thread_ts: threadTs, text: message.text, unfurl_links: false, unfurl_media: false, reply_broadcast: broadcast };
    try {
      await client.chat.postMessage({ ...base, blocks: message.blocks });
    } catch (err) {
      // Blocks Slack refuses still leave the text: answer in plain text rather than not at all.
      if (!refusedBlocks.has(slackErrorCode(err) ?? '')) throw err;
      log.warn(`Slack refused the answer's blocks (${slackErrorCode(err)}); posting text only`);
      await client.chat.postMessage(base);
    }
  }

  async function answerInThread(client: WebClient, q: ThreadQuestion, o: { readonly broadcastFirst?: boolean } = {}): Promise<void> {
    let progressTs: string | null = null;
    let lastProgress = Number.NEGATIVE_INFINITY;
    let finished = false;
    // Progress calls run one after another, so the first post's ts is known before any edit.
    let progress: Promise<void> = Promise.resolve();
    const onProgress = (status: string) => {
      if (finished || now() - lastProgress < interval) return;
      lastProgress = now();
      const text = `:hourglass_flowing_sand: ${clip(neutraliseInline(status), 300)}`;
      progress = progress
        .then(async () => {
          if (finished) return;
          if (progressTs === null) progressTs = ((await client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, text })).ts as string | undefined) ?? null;
          else await client.chat.update({ channel: q.channel, ts: progressTs, text });
        })
        .catch((err: unknown) => log.warn(`Slack progress update failed: ${errorMessage(err)}`));
    };
    const settle = async (text: string) => {
      finished = true;
      await progress;
      if (progressTs !== null) await client.chat.update({ channel: q.channel, ts: progressTs, text }).catch(() => undefined);
    };

    const channel = channelKey(q.team, q.channel);
    const pin = pinCommand(q.text);
    if (pin) {
      await client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, text: await runPinCommand(options.chat, channel, pin) });
      return;
    }
    let messages: SlackMessage[];
    try {
      const answer = await options.chat.ask({ threadId: conversationId(q.team, q.channel, q.threadTs), text: q.text, onProgress, channel });
      messages = answerMessages(answer);
    } catch (err) {
      log.warn(`answering "${clip(q.text, 80)}" failed: ${errorMessage(err)}`);
      const apology = `:warning: Sorry, I could not answer that: ${clip(neutraliseInline(errorMessage(err)), 500)}`;
      finished = true;
      await progress;
      // The progress message becomes the apology, so the thread never keeps a spinner.
      if (progressTs !== null) await client.chat.update({ channel: q.channel, ts: progressTs, text: apology }).catch(() => undefined);
      else await client.chat.postMessage({ channel: q.channel, thread_ts: q.threadTs, text: apology }).catch((e: unknown) => log.error(`Slack refused the apology: ${errorMessage(e)}`));
      return;
    }
    await settle(':white_check_mark: Done.');
    try {
      for (const [i, message] of messages.entries()) await post(client, q.channel, q.threadTs, message, i === 0 && o.broadcastFirst === true);
    } catch (err) {
      log.error(`posting the answer to ${q.channel} failed: ${errorMessage(err)}`);
      await client.chat
        .postMessage({ channel: q.channel, thread_ts: q.threadTs, text: `:warning: Sorry, I could not post the whole answer: ${clip(neutraliseInline(errorMessage(err)), 300)}` })
        .catch(() => undefined);
    }
  }

  async function answerCommand(client: WebClient, q: CommandQuestion, respond?: RespondFn): Promise<void> {
    const asked = `<@${q.user}> asked: “${clip(neutraliseInline(q.text), 2000)}”`;
    let rootTs: string | undefined;
    try {
      rootTs = (await client.chat.postMessage({ channel: q.channel, text: asked, unfurl_links: false })).ts as string | undefined;
    } catch (err) {
      if (!cannotPost.has(slackErrorCode(err) ?? '') || !respond) {
        log.error(`/persona could not post to ${q.channel}: ${errorMessage(err)}`);
        await respond?.({ response_type: 'ephemeral', text: `:warning: Sorry, I could not post here: ${neutraliseInline(errorMessage(err))}` }).catch(() => undefined);
        return;
      }
      return answerByResponseUrl(q, respond);
    }
    if (!rootTs) return log.warn(`/persona: Slack returned no ts for the question posted to ${q.channel}`);
    await answerInThread(client, { team: q.team, channel: q.channel, threadTs: rootTs, text: q.text }, { broadcastFirst: true });
  }

  /** Channels the bot is not in: the command's response_url can still post there (up to five times). */
  async function answerByResponseUrl(q: CommandQuestion, respond: RespondFn): Promise<void> {
    try {
      const pin = pinCommand(q.text);
      if (pin) {
        await respond({ response_type: 'ephemeral', text: await runPinCommand(options.chat, channelKey(q.team, q.channel), pin) });
        return;
      }
      const answer = await options.chat.ask({ threadId: conversationId(q.team, q.channel, `user-${q.user}`), text: q.text, userId: `slack:${q.team}:${q.user}`, channel: channelKey(q.team, q.channel) });
      const messages = answerMessages(answer).slice(0, 5);
      for (const m of messages) await respond({ response_type: 'in_channel', text: m.text, blocks: m.blocks });
    } catch (err) {
      log.warn(`/persona by response_url failed: ${errorMessage(err)}`);
      await respond({ response_type: 'ephemeral', text: `:warning: Sorry, I could not answer that: ${clip(neutraliseInline(errorMessage(err)), 500)}` }).catch(() => undefined);
    }
  }

  return { answerInThread, answerCommand };
}
