/**
 * PII masking on a corpus of 100+ messages in seven languages (pii-corpus.ts): every personal detail of
 * every covered kind is masked and counted under its kind, ordinary messages come through unchanged,
 * and masking is idempotent. The README's list of masked kinds must match the code's.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { maskPii, piiKinds, type PiiKind } from '../../pipeline/evidence/pii.ts';
import { cleanCases, piiCases } from '../../evals/reliability/pii-corpus.ts';

function tally() {
  const perKind = new Map<PiiKind, { masked: number; leaked: string[] }>();
  for (const c of piiCases) {
    const entry = perKind.get(c.kind) ?? { masked: 0, leaked: [] };
    const m = maskPii(c.text);
    const secrets = typeof c.secret === 'string' ? [c.secret] : c.secret;
    if (secrets.some((s) => m.text.includes(s)) || m.counts[c.kind] === 0) entry.leaked.push(`${c.text} → ${m.text}`);
    else entry.masked++;
    perKind.set(c.kind, entry);
  }
  return perKind;
}

describe('PII corpus', () => {
  it('holds at least 100 strings in several languages', () => {
    expect(piiCases.length + cleanCases.length).toBeGreaterThanOrEqual(100);
    expect(piiCases.length).toBeGreaterThanOrEqual(100);
  });

  it('masks every personal detail of the covered kinds: 0 leaks', () => {
    const perKind = tally();
    const leaked = [...perKind.values()].flatMap((e) => e.leaked);
    expect(leaked).toEqual([]);
    const masked = Object.fromEntries([...perKind].map(([k, e]) => [k, e.masked]));
    // The kinds the corpus was built for, each with several languages and formats.
    expect(masked).toMatchObject({ name: 31, address: 22, order: 15, birthdate: 14, email: 11 });
    expect([...perKind.values()].reduce((n, e) => n + e.masked, 0)).toBe(piiCases.length);
  });

  it('leaves ordinary messages unchanged', () => {
    const changed = cleanCases.map((t) => [t, maskPii(t).text]).filter(([a, b]) => a !== b);
    expect(changed).toEqual([]);
  });

  it('is idempotent: masking a masked text changes nothing', () => {
    for (const c of piiCases) {
      const once = maskPii(c.text).text;
      expect(maskPii(once).text, c.text).toBe(once);
    }
  });

  it('the README lists exactly the kinds the code masks', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const line = /<!-- pii-kinds -->(.*?)<!-- \/pii-kinds -->/s.exec(readme)?.[1] ?? '';
    const listed = [...line.matchAll(/`([a-z]+)`/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...piiKinds].sort());
  });
});
