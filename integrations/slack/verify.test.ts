import { describe, expect, it } from 'vitest';
import { isValidSlackRequest } from '@slack/bolt';
import { signSlackRequest } from '../../test/fake-slack/server.ts';
import { slackSignature, verifySlackSignature } from './verify.ts';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fpersona&text=who+are+my+trust+skeptics%3F';
const now = 1_700_000_000_000;
const ts = String(now / 1000);

describe('Slack request signatures', () => {
  it('computes the v0 HMAC-SHA256 signature of "v0:timestamp:body"', () => {
    // printf 'v0:1:x' | openssl dgst -sha256 -hmac s
    expect(slackSignature('s', 1, 'x')).toBe('v0=a665c97a02f3cd4004634f2d4dd3fe0d7e202001d77e68ee2be92423b8d2ea10');
    expect(slackSignature(secret, ts, body)).toBe(signSlackRequest(body, secret, Number(ts))['x-slack-signature']);
  });

  it('accepts what Slack signs, exactly as Bolt’s own verifier does', () => {
    const headers = signSlackRequest(body, secret, Number(ts));
    expect(verifySlackSignature({ signingSecret: secret, body, signature: headers['x-slack-signature'], timestamp: ts, nowMs: now })).toEqual({ ok: true });
    expect(isValidSlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': headers['x-slack-signature']!, 'x-slack-request-timestamp': Number(ts) }, nowMilliseconds: now })).toBe(true);
    expect(verifySlackSignature({ signingSecret: secret, body: new TextEncoder().encode(body), signature: headers['x-slack-signature'], timestamp: ts, nowMs: now }).ok).toBe(true);
  });

  it('refuses a wrong secret, a changed body, a missing header and a non-v0 signature', () => {
    const good = slackSignature(secret, ts, body);
    const check = (over: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
      verifySlackSignature({ signingSecret: secret, body, signature: good, timestamp: ts, nowMs: now, ...over });
    expect(check({ signingSecret: 'other-secret' })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(check({ body: `${body}&x=1` })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(check({ signature: undefined }).ok).toBe(false);
    expect(check({ timestamp: undefined }).ok).toBe(false);
    expect(check({ timestamp: 'yesterday' }).ok).toBe(false);
    expect(check({ signature: good.replace('v0=', 'v1=') }).ok).toBe(false);
    expect(check({ signature: 'v0=zz' }).ok).toBe(false);
    expect(check({ signingSecret: '' }).ok).toBe(false);
  });

  it('allows five minutes of clock skew either way and no more', () => {
    const at = (offsetSeconds: number) => {
      const t = String(now / 1000 + offsetSeconds);
      return verifySlackSignature({ signingSecret: secret, body, signature: slackSignature(secret, t, body), timestamp: t, nowMs: now }).ok;
    };
    expect([at(-300), at(300), at(-301), at(301), at(-3600)]).toEqual([true, true, false, false, false]);
  });
});
