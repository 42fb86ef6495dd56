/**
 * Segmentation end to end on the three real datasets, each in a fresh embedded database (child
 * process): import, first segment run, second run (embeddings cached), with per-stage times.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const data = resolve('../shared/data');

function persona(home: string, args: string[]): { seconds: number; json: Record<string, unknown> | null; error?: string } {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['bin/persona.mjs', ...args, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, PERSONA_HOME: home },
    maxBuffer: 1 << 26,
  });
  const seconds = +((performance.now() - t0) / 1000).toFixed(2);
  if (child.status !== 0) return { seconds, json: null, error: child.stderr.trim().split('\n').slice(-2).join(' ') };
  return { seconds, json: JSON.parse(child.stdout) as Record<string, unknown> };
}

function summary(run: { seconds: number; json: Record<string, unknown> | null; error?: string }) {
  if (!run.json) return { seconds: run.seconds, error: run.error };
  const j = run.json as { status: string; customers: number; algorithm: string; segments: unknown[]; metrics: Record<string, unknown>; stages: unknown[] };
  return { seconds: run.seconds, status: j.status, customers: j.customers, algorithm: j.algorithm, segments: j.segments?.length, metrics: j.metrics, stages: j.stages };
}

export function runSegmentBench(): Record<string, unknown> {
  if (!existsSync(data)) return { skipped: `${data} is absent` };
  const cases = [
    ['marketing_campaign', `${data}/customer_personality/marketing_campaign.csv`, 'customers', 30],
    ['online_retail', `${data}/online_retail/online_retail.parquet`, 'transactions', 60],
    ['twcs_sample', `${data}/twcs_sample/twcs_sample.csv`, 'texts', 30],
  ] as const;
  const out: Record<string, unknown> = {};
  for (const [name, file, kind, target] of cases) {
    const home = mkdtempSync(join(tmpdir(), 'persona-bench-'));
    try {
      const imported = persona(home, ['import', file, '--kind', kind]);
      const first = persona(home, ['segment']);
      const second = persona(home, ['segment']);
      out[name] = {
        targetSeconds: target,
        importSeconds: imported.seconds,
        firstRun: summary(first),
        secondRun: summary(second),
        identicalSegments: JSON.stringify((first.json as { segments?: unknown })?.segments) === JSON.stringify((second.json as { segments?: unknown })?.segments),
      };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  return out;
}
