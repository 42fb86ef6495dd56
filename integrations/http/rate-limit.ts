/**
 * A token bucket per client (bearer token, else remote address): `perMinute` requests with bursts up to
 * `burst`. In-process, which is right for a single server.
 */
import type { MiddlewareHandler } from 'hono';

export interface RateLimitOptions {
  readonly perMinute?: number;
  readonly burst?: number;
  readonly now?: () => number;
}

export const rateLimitDefaults = { perMinute: 600, burst: 100 } as const;

export function rateLimit(options: RateLimitOptions = {}, clientOf: (c: Parameters<MiddlewareHandler>[0]) => string): MiddlewareHandler {
  const perMinute = options.perMinute ?? rateLimitDefaults.perMinute;
  const burst = options.burst ?? rateLimitDefaults.burst;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async (c, next) => {
    const key = clientOf(c);
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 60_000) * perMinute);
    bucket.at = t;
    if (bucket.tokens < 1) {
      buckets.set(key, bucket);
      const retry = Math.ceil(((1 - bucket.tokens) / perMinute) * 60);
      return c.json({ error: { code: 'rate_limited', message: `too many requests; retry in ${retry}s` } }, 429, { 'Retry-After': String(retry) });
    }
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    return next();
  };
}
