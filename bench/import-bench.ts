import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const data = resolve('../shared/data');

/** online_retail import (both encodings) in a child process each: wall time and peak RSS. */
export function runImportBench(): Record<string, unknown> {
  if (!existsSync(data)) return { skipped: `${data} is absent` };
  const cases = [
    ['online_retail.parquet', `${data}/online_retail/online_retail.parquet`, 'transactions'],
    ['online_retail.csv.gz', `${data}/online_retail/online_retail.csv.gz`, 'transactions'],
  ] as const;
  const out: Record<string, unknown> = { targets: { wallSeconds: 30, peakRssMb: 1536 } };
  for (const [name, file, kind] of cases) {
    const child = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/import-child.ts', file, kind], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) {
      out[name] = { error: child.stderr.trim().split('\n').slice(-3).join(' ') };
      continue;
    }
    out[name] = JSON.parse(child.stdout.trim().split('\n').pop() as string);
  }
  return out;
}
