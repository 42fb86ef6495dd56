/**
 * Slack request signing (v0): HMAC-SHA256 of "v0:{timestamp}:{raw body}" with the app's signing secret,
 * compared in constant time, and the timestamp within five minutes of our clock either way so a captured
 * request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignatureInput {
  readonly signingSecret: string;
  /** The raw request body, exactly as received. */
  readonly body: Uint8Array | string;
  /** X-Slack-Signature, e.g. "v0=a2114d57…". */
  readonly signature: string | undefined;
  /** X-Slack-Request-Timestamp, Unix seconds. */
  readonly timestamp: string | undefined;
  readonly nowMs?: number;
  readonly maxSkewSeconds?: number;
}

export const signatureDefaults = { maxSkewSeconds: 300 } as const;

export type SignatureResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function slackSignature(signingSecret: string, timestamp: string | number, body: Uint8Array | string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

export function verifySlackSignature(input: SignatureInput): SignatureResult {
  if (!input.signingSecret) return { ok: false, reason: 'no signing secret configured' };
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'missing X-Slack-Signature or X-Slack-Request-Timestamp' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: `bad X-Slack-Request-Timestamp "${input.timestamp.slice(0, 20)}"` };
  const skew = Math.abs(Math.floor((input.nowMs ?? Date.now()) / 1000) - Number(input.timestamp));
  const maxSkew = input.maxSkewSeconds ?? signatureDefaults.maxSkewSeconds;
  if (skew > maxSkew) return { ok: false, reason: `request timestamp is ${skew} s from our clock (limit ${maxSkew} s)` };
  const match = /^v0=([0-9a-f]{64})$/i.exec(input.signature);
  if (!match) return { ok: false, reason: 'X-Slack-Signature is not a v0 signature' };
  const expected = Buffer.from(slackSignature(input.signingSecret, input.timestamp, input.body).slice(3), 'hex');
  const given = Buffer.from(match[1] as string, 'hex');
  return timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
