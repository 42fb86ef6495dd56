/**
 * Imports one file into a fresh embedded database and prints wall time and peak RSS as JSON. Run in its
 * own process so the peak RSS belongs to this import alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import type { SourceKind } from '../pipeline/types.ts';

const [file, kind] = process.argv.slice(2);
if (!file) throw new Error('usage: import-child.ts FILE [KIND]');
const home = mkdtempSync(join(tmpdir(), 'persona-bench-'));
try {
  const handle = await openDatabase({ dataDir: join(home, 'db') });
  const t0 = performance.now();
  const outcome = await importDataset(handle.db, {
    file,
    settings: { overrides: {}, ...(kind ? { kind: kind as SourceKind } : {}) },
  });
  const ms = performance.now() - t0;
  await handle.close();
  const counts = outcome.status === 'imported' ? outcome.report.counts : {};
  process.stdout.write(
    `${JSON.stringify({ file, wallSeconds: +(ms / 1000).toFixed(2), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), counts })}\n`,
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}
