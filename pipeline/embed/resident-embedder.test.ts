import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runEmbedderConformance } from './embedder-conformance.ts';
import { cosine, createResidentEmbedder, embedRows } from './resident-embedder.ts';

describe('resident sentence embedder', () => {
  const embedder = createResidentEmbedder();
  afterAll(() => embedder.close());

  it('returns unit vectors in input order, similar sentences closer than unrelated ones', async () => {
    const [fraud, scam, pizza] = await embedRows(embedder, ['I worry this site is a scam', 'is this store a fraud?', 'pizza toppings recipe']);
    expect(fraud).toHaveLength(512);
    expect(cosine(fraud!, fraud!)).toBeCloseTo(1, 5);
    expect(cosine(fraud!, scam!)).toBeGreaterThan(cosine(fraud!, pizza!));
  });

  it('answers repeated texts identically and survives concurrent requests', async () => {
    const [a, b] = await Promise.all([embedRows(embedder, ['refund please']), embedRows(embedder, ['refund please', 'late delivery'])]);
    expect(Array.from(a[0]!)).toEqual(Array.from(b[0]!));
    expect(b).toHaveLength(2);
  });

  it('keeps its process alive while an answer is pending and lets it exit once idle', () => {
    // A process whose only work is one embed, awaited at top level, never closing the embedder (a CLI `ask`).
    const module = pathToFileURL(resolve(import.meta.dirname, 'resident-embedder.ts')).href;
    const script = `const { createResidentEmbedder, embedRows } = await import(${JSON.stringify(module)});
const [vector] = await embedRows(createResidentEmbedder(), ['a short sentence']);
console.log(vector.length);`;
    const cwd = resolve(import.meta.dirname, '../..');
    // The timeout only guards against a hang: spawnSync blocks the test runner's own timers.
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd, encoding: 'utf8', timeout: 600_000 });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout.trim()).toBe('512');
  });
});

// The same model as the bundled batch embedder, so a run's cached vectors and the agent's agree.
runEmbedderConformance('resident use-lite-512', () => createResidentEmbedder(), { batchTolerance: 1e-5 });
