/**
 * Bearer-token auth with a constant-time comparison. With no key configured every request passes; the
 * server refuses to bind a non-loopback address in that case (see server.ts). Failed attempts are
 * limited per remote address: once an address has spent its allowance of wrong tokens, it gets 429
 * (even with the right token) until the allowance refills, so a key cannot be guessed by brute force.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { remoteAddress, tooMany, TokenBuckets, type RateLimitOptions } from './rate-limit.ts';

export const failedAuthDefaults = { perMinute: 10, burst: 10, maxClients: 10_000 } as const;

export interface BearerAuthOptions {
  /** Paths served without a token. */
  readonly open?: readonly string[];
  /** The allowance of failed attempts per remote address. */
  readonly failures?: RateLimitOptions;
  readonly clientOf?: (c: Context) => string;
}

export function bearerAuth(apiKey: string | null, options: BearerAuthOptions = {}): MiddlewareHandler {
  const expected = apiKey ? Buffer.from(apiKey) : null;
  const open = options.open ?? ['/healthz'];
  const clientOf = options.clientOf ?? remoteAddress;
  const failures = new TokenBuckets(options.failures, failedAuthDefaults);
  return async (c, next) => {
    if (!expected || open.includes(c.req.path)) return next();
    const client = clientOf(c);
    const wait = failures.waitFor(client);
    if (wait > 0) return tooMany(c, wait, 'too many failed authentication attempts');
    const header = c.req.header('authorization') ?? '';
    const token = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
      failures.take(client);
      return c.json({ error: { code: 'unauthorized', message: 'missing or wrong bearer token' } }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    return next();
  };
}
