/**
 * kill -9 of a child process at three moments during an import and during a segmentation. Afterwards the
 * home opens (the dead holder's lock is taken over), no half-imported dataset is visible, earlier runs are
 * intact, the killed run is shown as interrupted, and the same work then succeeds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cliEnv, persona } from './cli-harness.ts';

let home: string;
let customers: string;
let orders: string;

/** Starts `persona …` with line progress and SIGKILLs it as soon as stderr matches `moment`. */
function killAt(args: readonly string[], moment: RegExp): Promise<{ killed: boolean; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { env: cliEnv(home, { PERSONA_PROGRESS: 'lines' }), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let killed = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (!killed && moment.test(stderr)) {
      killed = true;
      child.kill('SIGKILL');
    }
  });
  return new Promise((done) => child.once('exit', () => done({ killed, stderr })));
}

function json<T>(args: readonly string[]): T {
  const r = persona(home, [...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'persona-kill-'));
  customers = join(home, 'accounts.csv');
  orders = join(home, 'purchases.csv');
  const n = 1500;
  writeFileSync(customers, `customer_id,yrs_member,household,zone\n${Array.from({ length: n }, (_, i) => `A${i},${i % 11},${1 + (i % 5)},${['pk', 'qr', 'st'][i % 3]}`).join('\n')}\n`);
  const lines: string[] = [];
  for (let i = 0; i < 12_000; i++) {
    const day = 1 + (i % 28);
    lines.push(`T${i},A${(i * 7) % n},2025-03-${String(day).padStart(2, '0')}T10:00:00Z,${1 + (i % 4)},${((i % 97) + 1.5).toFixed(2)}`);
  }
  writeFileSync(orders, `txn,customer_id,ts,qty,unit_price\n${lines.join('\n')}\n`);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

type DatasetRow = { id: number; kind: string; rows: number };
type RunRow = { runId: number; status: string; interrupted: boolean; error: string | null };

describe('kill -9', () => {
  it('during an import, at three moments: nothing half-imported, the home opens, the import then succeeds', async () => {
    expect(persona(home, ['import', customers, '--kind', 'customers']).code).toBe(0);
    const before = json<DatasetRow[]>(['datasets']);
    const moments = [/progress: scanning/, /progress: writing \d+/, /progress: writing ([6-9]\d{3}|\d{5,})/];
    for (const moment of moments) {
      const { killed, stderr } = await killAt(['import', orders, '--kind', 'transactions'], moment);
      expect(killed, stderr).toBe(true);
      expect(json<DatasetRow[]>(['datasets'])).toEqual(before);
    }
    const imported = json<{ status: string; counts: { transactions?: number } }>(['import', orders, '--kind', 'transactions']);
    expect(imported.status).toBe('imported');
    const after = json<DatasetRow[]>(['datasets']);
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((d) => d.kind === 'transactions')?.rows).toBe(12_000);
  });

  it('during a segmentation, at three moments: the run is shown interrupted, earlier runs intact, a new run succeeds', async () => {
    const first = json<{ runId: number; status: string }>(['segment', '--algorithm', 'kmeans', '--k', '3']);
    expect(first.status).toBe('succeeded');
    for (const moment of [/progress: load/, /progress: (reduce|cluster)/, /progress: (evaluate|map|describe)/]) {
      const { killed, stderr } = await killAt(['segment', '--algorithm', 'kmeans', '--k', '3'], moment);
      expect(killed, stderr).toBe(true);
      const runs = json<RunRow[]>(['runs']);
      const newest = runs[0] as RunRow;
      expect(newest.status).toBe('failed');
      expect(newest.interrupted).toBe(true);
      expect(newest.error).toMatch(/^interrupted: /);
      expect(runs.find((r) => r.runId === first.runId)?.status).toBe('succeeded');
    }
    expect(json<{ status: string }>(['show', String(first.runId)])).toBeDefined();
    const again = json<{ status: string; runId: number }>(['segment', '--algorithm', 'kmeans', '--k', '3']);
    expect(again.status).toBe('succeeded');
    const ids = json<RunRow[]>(['runs']).map((r) => r.runId);
    expect(ids.every((id) => !Number.isNaN(id))).toBe(true);
  });
});
