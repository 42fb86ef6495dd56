/**
 * What the Slack app listens to, shared by the HTTP endpoint and Socket Mode: mentions in channels and
 * direct messages are answered in their thread, and /persona answers in the channel. Bots (this one
 * included), edits and other message subtypes are ignored, and a message that arrives twice (as a
 * mention and as a DM, or redelivered) is answered once.
 */
import type { App, webApi } from '@slack/bolt';
import { RecentSet } from './recent-set.ts';
import type { Responder } from './responder.ts';
import { saveSharedFile, type SlackFileOptions } from './files.ts';
import { neutraliseInline } from './mrkdwn.ts';

export const handlerDefaults = { rememberedMessages: 5000 } as const;

export const helpText =
  'Ask me about your customers, e.g. “who are my trust skeptics?”, “which channels work for them?” or “re-segment only customers with at least 3 orders into 5 groups”.';

/** Slack's message text → the question: our mention removed, Slack's markup turned back into plain text. */
export function questionText(text: string, botUserId?: string): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return text
    .replace(mention, ' ')
    .replace(/<@([UW][A-Z0-9]+)\|([^>]+)>/g, '@$2')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface HandlerOptions {
  readonly responder: Responder;
  /** Remembers answered messages by channel and ts. */
  readonly answered?: RecentSet;
  /** Where files shared with the bot are saved; absent → shared files are not taken. */
  readonly files?: SlackFileOptions;
}

type SharedFiles = readonly { readonly id?: string }[] | undefined;

/** Saves the files shared in a message to the data folder and says in the thread what became of each. */
async function takeFiles(client: webApi.WebClient, shared: SharedFiles, files: SlackFileOptions | undefined, channel: string, threadTs: string): Promise<void> {
  const ids = (shared ?? []).map((f) => f.id).filter((id): id is string => typeof id === 'string');
  if (!ids.length) return;
  if (!files) {
    await client.chat.postMessage({ channel, thread_ts: threadTs, text: 'I cannot take files here: the server has no data folder for uploads.' });
    return;
  }
  const lines: string[] = [];
  for (const id of ids) {
    const outcome = await saveSharedFile(client, id, files);
    lines.push(
      outcome.ok
        ? // Saved names are plain (letters, digits, . _ -), shown as code so "_" stays literal.
          `Saved \`${outcome.name}\` (${outcome.bytes.toLocaleString('en-US')} bytes) to the data folder: ask “import ${outcome.name}” to import it.`
        : `Could not take ${neutraliseInline(outcome.name)}: ${neutraliseInline(outcome.reason)}.`,
    );
  }
  await client.chat.postMessage({ channel, thread_ts: threadTs, text: lines.join('\n'), unfurl_links: false });
}

export function registerHandlers(app: App, options: HandlerOptions): void {
  const answered = options.answered ?? new RecentSet(handlerDefaults.rememberedMessages);
  const { responder } = options;

  app.event('app_mention', async ({ event, context, client, body }) => {
    if (event.bot_id || !event.channel || !event.ts) return;
    if (!answered.add(`${event.channel}:${event.ts}`)) return;
    const threadTs = event.thread_ts ?? event.ts;
    const text = questionText(event.text ?? '', context.botUserId);
    const team = context.teamId ?? body.team_id ?? 'unknown';
    const shared = (event as { files?: SharedFiles }).files;
    if (shared?.length) {
      await takeFiles(client, shared, options.files, event.channel, threadTs);
      if (!text) return;
    }
    if (!text) {
      await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text: helpText });
      return;
    }
    await responder.answerInThread(client, { team, channel: event.channel, threadTs, text });
  });

  app.message(async ({ message, context, client, body }) => {
    // Only a person's new message in a DM: no edits, deletions, joins or bot posts (ours or others').
    if ((message.subtype !== undefined && message.subtype !== 'file_share') || message.channel_type !== 'im') return;
    if ((message as { bot_id?: string }).bot_id || !message.user || message.user === context.botUserId) return;
    const shared = (message as { files?: SharedFiles }).files;
    if (!message.text && !shared?.length) return;
    if (!answered.add(`${message.channel}:${message.ts}`)) return;
    const threadTs = message.thread_ts ?? message.ts;
    if (shared?.length) await takeFiles(client, shared, options.files, message.channel, threadTs);
    const text = questionText(message.text ?? '', context.botUserId);
    if (!text) return;
    await responder.answerInThread(client, { team: context.teamId ?? body.team_id ?? 'unknown', channel: message.channel, threadTs, text });
  });

  app.command('/persona', async ({ command, ack, client, respond }) => {
    const text = questionText(command.text ?? '');
    if (!text) {
      await ack({ response_type: 'ephemeral', text: helpText });
      return;
    }
    await ack({ response_type: 'ephemeral', text: 'Working on it…' });
    await responder.answerCommand(client, { team: command.team_id, channel: command.channel_id, user: command.user_id, text }, respond);
  });
}

