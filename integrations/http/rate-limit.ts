/**
 * Token buckets per client: `perMinute` requests with bursts up to `burst`. The client is the
 * connection's remote address, never a header a caller can set (X-Forwarded-For, Authorization), and
 * the buckets live in a bounded least-recently-used map, so a flood of new addresses costs at most
 * `maxClients` entries. In-process, which is right for a single server.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface RateLimitOptions {
  readonly perMinute?: number;
  readonly burst?: number;
  /** Most clients remembered; the least recently seen is forgotten first. */
  readonly maxClients?: number;
  readonly now?: () => number;
}

export const rateLimitDefaults = { perMinute: 600, burst: 100, maxClients: 10_000 } as const;

/** The address of the peer on the other end of the TCP connection; "local" for in-process requests. */
export function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMinute: number;
  private readonly burst: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = {}, defaults: Required<Omit<RateLimitOptions, 'now'>> = rateLimitDefaults) {
    this.perMinute = options.perMinute ?? defaults.perMinute;
    this.burst = options.burst ?? defaults.burst;
    this.maxClients = Math.max(1, options.maxClients ?? defaults.maxClients);
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Refills `key`'s bucket and returns it, most recently used. */
  private refill(key: string): { tokens: number; at: number } {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 60_000) * this.perMinute);
    bucket.at = t;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    while (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    return bucket;
  }

  /** Seconds until `key` may act again; 0 when it may now (without spending a token). */
  waitFor(key: string): number {
    const bucket = this.refill(key);
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60);
  }

  /** Spends one token; the wait in seconds when there was none. */
  take(key: string): number {
    const wait = this.waitFor(key);
    if (wait === 0) (this.buckets.get(key) as { tokens: number }).tokens -= 1;
    return wait;
  }
}

export function tooMany(c: Context, retry: number, what = 'too many requests') {
  return c.json({ error: { code: 'rate_limited', message: `${what}; retry in ${retry}s` } }, 429, { 'Retry-After': String(retry) });
}

export function rateLimit(options: RateLimitOptions = {}, clientOf: (c: Context) => string = remoteAddress): MiddlewareHandler {
  const buckets = new TokenBuckets(options);
  return async (c, next) => {
    const retry = buckets.take(clientOf(c));
    if (retry > 0) return tooMany(c, retry);
    return next();
  };
}
