import type { Command } from 'commander';
import { PersonaError } from '../../lib/errors.ts';
import { readEnvironment, readServerSettings } from '../../lib/config.ts';
import { createApp } from '../../integrations/http/app.ts';
import { startServer } from '../../integrations/http/server.ts';
import { openConfiguredDatabase } from '../context.ts';
import { createAgentRuntime, retentionFromEnvironment } from '../../agent/runtime.ts';
import { collectGarbage } from '../../agent/retention.ts';
import { slackRoutes } from '../../integrations/slack/routes.ts';
import { startSocketMode } from '../../integrations/slack/socket-mode.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and chat endpoints (bearer token from PERSONA_API_KEY), and Slack when configured')
    .option('--port <n>', 'port', '8787')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (opts: { port: string; host: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PersonaError('bad_option', `--port must be 0–65535; got "${opts.port}"`);
      const { apiKey, slack } = readServerSettings();
      const settings = readEnvironment();
      const uploads = { dir: settings.dataDir, maxBytes: settings.maxUploadBytes };
      const handle = await openConfiguredDatabase();
      // Chat users (HTTP, Slack) import only from the data folder.
      const runtime = createAgentRuntime(handle.db, process.env, { files: { kind: 'folder', dir: settings.dataDir } });
      try {
        // Slack answers are written after the ack: shutdown waits for the ones still in flight.
        const inFlight = new Set<Promise<void>>();
        const track = (work: Promise<void>) => {
          inFlight.add(work);
          void work.finally(() => inFlight.delete(work)).catch(() => undefined);
        };
        const routes = slack ? slackRoutes({ chat: runtime.chat, signingSecret: slack.signingSecret, botToken: slack.botToken, onWork: track, files: uploads }) : undefined;
        const server = await startServer(createApp({ db: handle.db, apiKey, chat: runtime.chat, jobs: runtime.jobs, uploads, ...(routes ? { unauthenticated: routes } : {}) }), { port, host: opts.host, apiKey });
        // Other commands on this home are refused while we hold it; the lock tells them where we listen.
        handle.lock?.update({ url: server.url });
        const socket = slack?.appToken ? await startSocketMode({ chat: runtime.chat, botToken: slack.botToken, appToken: slack.appToken, files: uploads }) : null;
        if (slack) process.stderr.write(`persona: Slack events at ${server.url}/slack/events${socket ? ' and Socket Mode' : ''}\n`);
        process.stderr.write(
          `persona: serving ${server.url} (${apiKey ? 'bearer token required' : 'no token: loopback only'}; ${runtime.configuration.model.kind} model); chat imports only from ${settings.dataDir}\n`,
        );
        // Conversation memory stays bounded while the server runs: a sweep at start and every hour.
        const retention = retentionFromEnvironment(readEnvironment());
        const sweep = () => void collectGarbage(handle.db, retention).catch((err: unknown) => process.stderr.write(`persona: retention sweep failed: ${(err as Error).message}\n`));
        sweep();
        const sweeper = setInterval(sweep, 3_600_000);
        sweeper.unref();
        await new Promise<void>((resolve) => {
          const stop = () => void Promise.all([server.close(), socket?.stop(), Promise.allSettled([...inFlight])]).then(() => resolve());
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      } finally {
        await runtime.close();
        await handle.close();
      }
    });
}
