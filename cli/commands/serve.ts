import type { Command } from 'commander';
import { PersonaError } from '../../lib/errors.ts';
import { createApp } from '../../integrations/http/app.ts';
import { startServer } from '../../integrations/http/server.ts';
import { openConfiguredDatabase } from '../context.ts';
import { createAgentRuntime } from '../../agent/runtime.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and chat endpoints (bearer token from PERSONA_API_KEY), and Slack when configured')
    .option('--port <n>', 'port', '8787')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .action(async (opts: { port: string; host: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PersonaError('bad_option', `--port must be 0–65535; got "${opts.port}"`);
      const apiKey = process.env.PERSONA_API_KEY?.trim() || null;
      const handle = await openConfiguredDatabase();
      const runtime = createAgentRuntime(handle.db);
      try {
        const server = await startServer(createApp({ db: handle.db, apiKey, chat: runtime.chat }), { port, host: opts.host, apiKey });
        process.stderr.write(
          `persona: serving ${server.url} (${apiKey ? 'bearer token required' : 'no token: loopback only'}; ${runtime.configuration.model.kind} model)\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => void server.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      } finally {
        await runtime.close();
        await handle.close();
      }
    });
}
