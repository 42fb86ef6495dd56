/**
 * Every failure of every command exits non-zero, including failures stored as data (a failed run) and
 * failures printed after partial output. Runs `main()` in this process against a temporary home.
 */
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';

let home: string;
const saved = { ...process.env };
let stderr = '';

async function persona(...args: string[]): Promise<{ code: number; stderr: string }> {
  stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(['node', 'persona', ...args]);
    return { code, stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'persona-exit-'));
  Object.assign(process.env, { PERSONA_HOME: home, DATABASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', PERSONA_API_KEY: '' });
  const rows = Array.from({ length: 24 }, (_, i) => `k${i},${(i % 4) * 10 + (i % 3)},${(i * 7) % 13},${i % 2 ? 'north' : 'south'}`);
  writeFileSync(join(home, 'clients.csv'), `client_ref,orders_made,basket,region\n${rows.join('\n')}\n`);
  writeFileSync(join(home, 'one.csv'), 'client_ref,orders_made,basket\nsolo,3,4\n');
  expect((await persona('import', join(home, 'clients.csv'), '--kind', 'customers')).code).toBe(0);
  expect((await persona('segment', '--dataset', '1', '--algorithm', 'kmeans', '--k', '2')).code).toBe(0);
});
afterAll(() => {
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
});

describe('exit codes', () => {
  it('segment: a failed run (unknown --labels column) exits 1 and says why', async () => {
    const r = await persona('segment', '--dataset', '1', '--labels', 'NoSuch');
    expect(r.code).toBe(1);
    expect(r.stderr + stderr).toBeDefined();
  });

  it('segment: a run left with one customer exits 1', async () => {
    const r = await persona('segment', '--customers', join(home, 'one.csv'));
    expect(r.code).toBe(1);
  });

  it('segment: a non-integer --k exits non-zero', async () => {
    expect((await persona('segment', '--k', '2.5')).code).not.toBe(0);
  });

  it('import: a missing file exits 1', async () => {
    expect((await persona('import', join(home, 'missing.csv'))).code).toBe(1);
  });

  it('profile and datasets: an unknown dataset exits 1', async () => {
    expect((await persona('profile', 'no-such-dataset')).code).toBe(1);
  });

  it('runs and datasets: a locked home exits 1 with the holder named', async () => {
    writeFileSync(join(home, 'db.lock'), JSON.stringify({ pid: 1, host: 'another-host.example', startedAt: '2026-01-01T00:00:00Z', command: 'persona serve' }));
    try {
      const runs = await persona('runs');
      expect(runs.code).toBe(1);
      expect(runs.stderr).toMatch(/another-host\.example/);
      expect((await persona('datasets')).code).toBe(1);
    } finally {
      rmSync(join(home, 'db.lock'));
    }
  });

  it('show: an unknown run, a failed run and a sloppy id ("1e0") exit 1', async () => {
    expect((await persona('show', '999')).code).toBe(1);
    expect((await persona('show', '2')).code).toBe(1);
    expect((await persona('show', '1e0')).code).toBe(1);
  });

  it('export: an unknown run exits 1', async () => {
    expect((await persona('export', '999')).code).toBe(1);
  });

  it('assign: invalid JSON and a non-numeric run exit 1', async () => {
    expect((await persona('assign', '1', '{not json')).code).toBe(1);
    expect((await persona('assign', '0x1', '{"id":"a"}')).code).toBe(1);
  });

  it('demo: a bad seed exits 1', async () => {
    expect((await persona('demo', '--seed', 'abc')).code).toBe(1);
  });

  it('ask and chat: an empty question or an impossible thread id exit 1', async () => {
    expect((await persona('ask', '   ')).code).toBe(1);
    expect((await persona('chat', '--thread', 'x'.repeat(300))).code).toBe(1);
  });

  it('serve: a port in use exits 1 with a clear message', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await persona('serve', '--port', String(port));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/port is in use/);
    } finally {
      blocker.close();
    }
  });

  it('gc: a non-integer --keep or --idle-days exits 1', async () => {
    expect((await persona('gc', '--keep', 'ten')).code).toBe(1);
    expect((await persona('gc', '--idle-days', '1.5')).code).toBe(1);
  });

  it('eval: an unknown suite and a missing thresholds file exit 1', async () => {
    expect((await persona('eval', 'no-such-suite')).code).toBe(1);
    expect((await persona('eval', 'reliability', '--thresholds', join(home, 'missing.json'))).code).toBe(1);
  });

  it('an unknown command or option exits non-zero', async () => {
    expect((await persona('no-such-command')).code).not.toBe(0);
    expect((await persona('runs', '--no-such-flag')).code).not.toBe(0);
  });
});
