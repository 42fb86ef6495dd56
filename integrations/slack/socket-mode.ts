/**
 * Socket Mode: when SLACK_APP_TOKEN (xapp-…, scope connections:write) is set, the same Bolt app and
 * handlers also receive events over Slack's websocket, so the app works without a public URL. It needs
 * Slack's servers, so the offline tests cover the handlers through the HTTP endpoint instead.
 */
import type { Logger } from '@slack/bolt';
import type { ChatService } from '../../agent/chat-types.ts';
import { createSlackApp } from './bolt-app.ts';

export interface SocketModeOptions {
  readonly chat: ChatService;
  readonly botToken: string;
  /** The app-level token (xapp-…). */
  readonly appToken: string;
  readonly slackApiUrl?: string;
  readonly logger?: Logger;
  readonly files?: { readonly dir: string; readonly maxBytes: number };
}

export async function startSocketMode(options: SocketModeOptions): Promise<{ stop(): Promise<void> }> {
  const app = createSlackApp({
    chat: options.chat,
    botToken: options.botToken,
    appToken: options.appToken,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.files ? { files: options.files } : {}),
  });
  await app.start();
  return {
    stop: async () => {
      await app.stop();
    },
  };
}
