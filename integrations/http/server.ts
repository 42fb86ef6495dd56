/** Starts the HTTP server; refuses to expose an unauthenticated server beyond loopback. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { PersonaError } from '../../lib/errors.ts';

export interface ServerOptions {
  readonly port: number;
  readonly host: string;
  readonly apiKey: string | null;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function startServer(app: Hono, o: ServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  if (!o.apiKey && !isLoopback(o.host)) {
    throw new PersonaError('bad_option', `refusing to listen on ${o.host} without PERSONA_API_KEY: anyone on the network could read your customers`);
  }
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    // A taken port or a bad address is a clear startup error, not an unhandled 'error' event.
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new PersonaError('bad_option', `cannot listen on ${o.host}:${o.port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`)),
    );
  });
}
