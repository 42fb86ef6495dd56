/**
 * Browser sessions for the explorer. With `PERSONA_API_KEY` set, the login page exchanges the key for a
 * random session token in an HttpOnly, SameSite=Strict cookie; the server keeps the sessions (so logout
 * really ends one). Every state-changing request from a page carries the session's CSRF token. Without a
 * key the explorer is open (the server then only binds loopback) and forms carry a per-server token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';

export interface Session {
  readonly token: string;
  readonly csrf: string;
  readonly expiresAt: number;
}

export interface SessionOptions {
  readonly ttlMs?: number;
  readonly maxSessions?: number;
  readonly now?: () => number;
}

export const sessionDefaults = { ttlMs: 12 * 60 * 60 * 1000, maxSessions: 1000, cookie: 'persona_session' } as const;

export interface SessionStore {
  create(): Session;
  get(token: string | undefined): Session | null;
  end(token: string | undefined): void;
}

export function createSessionStore(options: SessionOptions = {}): SessionStore {
  const ttl = options.ttlMs ?? sessionDefaults.ttlMs;
  const max = options.maxSessions ?? sessionDefaults.maxSessions;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  return {
    create() {
      // Oldest first out: a flood of logins cannot grow memory without bound.
      while (sessions.size >= max) sessions.delete(sessions.keys().next().value as string);
      const s = { token: randomBytes(32).toString('base64url'), csrf: randomBytes(24).toString('base64url'), expiresAt: now() + ttl };
      sessions.set(s.token, s);
      return s;
    },
    get(token) {
      if (!token) return null;
      const s = sessions.get(token);
      if (!s) return null;
      if (s.expiresAt <= now()) {
        sessions.delete(token);
        return null;
      }
      return s;
    },
    end(token) {
      if (token) sessions.delete(token);
    },
  };
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sessionCookie(c: Context, s: Session | null): string {
  const secure = new URL(c.req.url).protocol === 'https:' ? '; Secure' : '';
  if (!s) return `${sessionDefaults.cookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`;
  return `${sessionDefaults.cookie}=${s.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor((s.expiresAt - Date.now()) / 1000)}${secure}`;
}

export function sessionOf(c: Context, store: SessionStore): Session | null {
  return store.get(getCookie(c, sessionDefaults.cookie));
}

/** Paths served to browsers without any session: the login page and the assets it needs. */
export function isPublicWebPath(path: string): boolean {
  return path === '/login' || path.startsWith('/assets/');
}

/** Paths of the machine API (bearer token or, from the explorer, a session plus its CSRF header). */
export function isApiPath(path: string): boolean {
  return path === '/healthz' || path.startsWith('/api/') || path === '/api' || path.startsWith('/v1/') || path.startsWith('/slack/');
}

const unsafe = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/**
 * Wraps the API's bearer check: a request with a live session cookie passes (unsafe methods only with
 * the session's CSRF token in `X-CSRF-Token`); explorer pages need a session when a key is set and
 * redirect to the login page otherwise.
 */
export function explorerAuth(apiKey: string | null, store: SessionStore, bearer: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (isApiPath(path)) {
      const s = apiKey ? sessionOf(c, store) : null;
      if (s && !c.req.header('authorization')) {
        if (unsafe(c.req.method) && !sameSecret(c.req.header('x-csrf-token') ?? '', s.csrf)) {
          return c.json({ error: { code: 'forbidden', message: 'missing or wrong CSRF token' } }, 403);
        }
        return next();
      }
      return bearer(c, next);
    }
    if (!apiKey || isPublicWebPath(path) || sessionOf(c, store)) return next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const target = c.req.url.slice(new URL(c.req.url).origin.length);
      return c.redirect(`/login?next=${encodeURIComponent(target)}`, 303);
    }
    return c.text('Log in first.', 401);
  };
}
