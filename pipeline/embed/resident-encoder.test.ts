import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cosine, createResidentEncoder } from './resident-encoder.ts';

describe('resident sentence encoder', () => {
  const encoder = createResidentEncoder();
  afterAll(() => encoder.close());

  it('returns unit vectors in input order, similar sentences closer than unrelated ones', async () => {
    const [fraud, scam, pizza] = await encoder.encode(['I worry this site is a scam', 'is this store a fraud?', 'pizza toppings recipe']);
    expect(fraud).toHaveLength(512);
    expect(cosine(fraud!, fraud!)).toBeCloseTo(1, 5);
    expect(cosine(fraud!, scam!)).toBeGreaterThan(cosine(fraud!, pizza!));
  });

  it('answers repeated texts identically and survives concurrent requests', async () => {
    const [a, b] = await Promise.all([encoder.encode(['refund please']), encoder.encode(['refund please', 'late delivery'])]);
    expect(Array.from(a[0]!)).toEqual(Array.from(b[0]!));
    expect(b).toHaveLength(2);
  });

  it('keeps its process alive while an answer is pending and lets it exit once idle', () => {
    // A process whose only work is one encode, awaited at top level, never closing the encoder (a CLI `ask`).
    const module = pathToFileURL(resolve(import.meta.dirname, 'resident-encoder.ts')).href;
    const script = `const { createResidentEncoder } = await import(${JSON.stringify(module)});
const [vector] = await createResidentEncoder().encode(['a short sentence']);
console.log(vector.length);`;
    const cwd = resolve(import.meta.dirname, '../..');
    // The timeout only guards against a hang: spawnSync blocks the test runner's own timers.
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd, encoding: 'utf8', timeout: 600_000 });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim()).toBe('512');
  });
});
