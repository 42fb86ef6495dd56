/**
 * Bearer-token auth with a constant-time comparison. With no key configured every request passes; the
 * server refuses to bind a non-loopback address in that case (see server.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export function bearerAuth(apiKey: string | null, open: readonly string[] = ['/healthz']): MiddlewareHandler {
  const expected = apiKey ? Buffer.from(apiKey) : null;
  return async (c, next) => {
    if (!expected || open.includes(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const token = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
      return c.json({ error: { code: 'unauthorized', message: 'missing or wrong bearer token' } }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    return next();
  };
}
