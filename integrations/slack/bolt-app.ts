/**
 * The Bolt app behind both transports (our HTTP endpoint's receiver, or Socket Mode): one bot token,
 * Web API calls to `slackApiUrl` (a local fake in tests), the bot's own ids from one cached auth.test,
 * events de-duplicated by event id (Slack redelivers when an ack is slow), and the shared handlers.
 */
import { App, LogLevel, webApi, type Authorize, type Logger, type Receiver } from '@slack/bolt';
import type { ChatService } from '../../agent/chat-types.ts';
import { errorMessage } from '../../lib/errors.ts';
import { registerHandlers } from './handlers.ts';
import { RecentSet } from './recent-set.ts';
import { createResponder } from './responder.ts';

export interface SlackAppOptions {
  readonly chat: ChatService;
  readonly botToken: string;
  /** Web API base URL ending in "/api/"; default Slack's. */
  readonly slackApiUrl?: string;
  /** Bolt's logger interface; default Bolt's console logger at warn level. */
  readonly logger?: Logger;
  readonly progressIntervalMs?: number;
  /** Clock for the progress throttle. */
  readonly now?: () => number;
  /** How many event ids (and answered messages) to remember. */
  readonly remembered?: number;
  /** HTTP: the receiver that feeds events in. */
  readonly receiver?: Receiver;
  /** Socket Mode: the app-level token (xapp-…). */
  readonly appToken?: string;
  /** The data folder files shared with the bot are saved to, and the upload size limit. */
  readonly files?: { readonly dir: string; readonly maxBytes: number };
}

export const slackAppDefaults = { remembered: 5000, apiRetries: 2 } as const;

/** auth.test once (again after a failure), for the bot user id that tells our own messages apart. */
function cachedAuthorize(client: webApi.WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botId?: string; botUserId?: string; teamId?: string }> | null = null;
  return async () => {
    identity ??= client.auth.test().then((r) => ({ botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }));
    try {
      const { botId, botUserId } = await identity;
      return { botToken, botId, botUserId };
    } catch (err) {
      identity = null;
      throw err;
    }
  };
}

export function createSlackApp(options: SlackAppOptions): App {
  const clientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: slackAppDefaults.apiRetries },
  };
  const authClient = new webApi.WebClient(options.botToken, { ...clientOptions, ...(options.logger ? { logger: options.logger } : { logLevel: webApi.LogLevel.ERROR }) });
  const app = new App({
    authorize: cachedAuthorize(authClient, options.botToken),
    clientOptions,
    ...(options.logger ? { logger: options.logger } : { logLevel: LogLevel.WARN }),
    ...(options.receiver ? { receiver: options.receiver } : {}),
    ...(options.appToken ? { appToken: options.appToken, socketMode: true } : {}),
  });
  const remembered = options.remembered ?? slackAppDefaults.remembered;
  const seenEvents = new RecentSet(remembered);
  app.use(async ({ body, next, logger }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seenEvents.add(eventId)) {
      logger.debug(`Slack event ${eventId} was already taken; ignoring the redelivery`);
      return;
    }
    await next();
  });
  app.error(async (error) => {
    app.logger.error(`Slack handler failed: ${errorMessage(error)}`);
  });
  const responder = createResponder({
    chat: options.chat,
    logger: app.logger,
    ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  registerHandlers(app, {
    responder,
    answered: new RecentSet(remembered),
    ...(options.files ? { files: { ...options.files, ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}) } } : {}),
  });
  return app;
}
