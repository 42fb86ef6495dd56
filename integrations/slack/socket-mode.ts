/**
 * Socket Mode (when SLACK_APP_TOKEN is set): the same mentions, DMs and /persona command over Slack's
 * websocket instead of a public URL. Needs Slack's servers, so it is not exercised by the offline tests.
 */
import { App, LogLevel } from '@slack/bolt';
import type { ChatService } from '../../agent/chat-types.ts';
import { createSlackResponder, stripMentions } from './responder.ts';

export interface SocketModeOptions {
  readonly chat: ChatService;
  readonly botToken: string;
  readonly appToken: string;
}

export async function startSocketMode(options: SocketModeOptions): Promise<{ stop(): Promise<void> }> {
  const app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, logLevel: LogLevel.WARN });
  const responder = createSlackResponder({ chat: options.chat, botToken: options.botToken });
  app.event('app_mention', async ({ event, context }) => {
    const threadTs = event.thread_ts ?? event.ts;
    void responder.respond({ team: context.teamId ?? 'T', channel: event.channel, threadTs, conversation: `slack:${context.teamId ?? 'T'}:${event.channel}:${threadTs}`, text: stripMentions(event.text) });
  });
  app.message(async ({ message, context }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('text' in message) || !message.text) return;
    const threadTs = message.thread_ts ?? message.ts;
    void responder.respond({ team: context.teamId ?? 'T', channel: message.channel, threadTs, conversation: `slack:${context.teamId ?? 'T'}:${message.channel}:${threadTs}`, text: stripMentions(message.text) });
  });
  app.command('/persona', async ({ command, ack }) => {
    await ack({ response_type: 'ephemeral', text: `Working on it: “${command.text.slice(0, 200)}”` });
    void responder.respond({ team: command.team_id, channel: command.channel_id, threadTs: null, conversation: `slack:${command.team_id}:${command.channel_id}:command:${command.user_id}`, text: command.text });
  });
  await app.start();
  return { stop: async () => void (await app.stop()) };
}
