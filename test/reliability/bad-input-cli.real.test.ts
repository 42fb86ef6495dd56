/**
 * Real tier (one `persona import` per corpus file). The bad-input corpus through the CLI an operator
 * runs: each refused file exits 1 with an error naming the file on stderr (and the JSON error code with
 * --json), and the home's datasets are unchanged afterwards. Runs `main()` in this process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import { writeBadInputs, type BadInput } from '../../evals/reliability/bad-inputs.ts';

let home: string;
let corpus: BadInput[];
const saved = { ...process.env };

async function persona(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    return { code: await main(['node', 'persona', ...args]), stdout, stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'persona-bad-cli-'));
  Object.assign(process.env, { PERSONA_HOME: home, DATABASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', PERSONA_API_KEY: '' });
  corpus = writeBadInputs(join(home, 'corpus'));
  writeFileSync(join(home, 'good.csv'), `customer_id,visits\n${Array.from({ length: 10 }, (_, i) => `g${i},${i}`).join('\n')}\n`);
  expect((await persona('import', join(home, 'good.csv'))).code).toBe(0);
});
afterAll(() => {
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
});

describe('bad inputs through persona import', () => {
  it('exits 1 for every refused file, names the file, and leaves the datasets as they were', async () => {
    const before = (await persona('datasets', '--json')).stdout;
    const wrong: string[] = [];
    for (const bad of corpus.filter((c) => c.refuse)) {
      const r = await persona('import', bad.file, ...(bad.kind ? ['--kind', bad.kind] : []), '--json');
      const code = (JSON.parse(r.stdout || '{}') as { error?: { code?: string } }).error?.code;
      if (r.code !== 1 || code !== bad.refuse!.code || !r.stderr.includes(bad.file)) wrong.push(`${bad.name}: exit ${r.code}, code ${code}, stderr ${r.stderr.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    expect((await persona('datasets', '--json')).stdout).toBe(before);
  });
});
