/** Runs the label-consistency check over every stored run of a database (tests call it after their runs). */
import { expect } from 'vitest';
import type { Db } from '../db/client.ts';
import { listRuns, runSegments } from '../db/queries/runs.ts';
import { labelProblems } from '../pipeline/describe/label-consistency.ts';
import { segmentView } from '../pipeline/segment/segment-view.ts';

export async function labelProblemsOfAllRuns(db: Db): Promise<{ runs: number; segments: number; problems: string[] }> {
  const problems: string[] = [];
  let runs = 0;
  let segments = 0;
  for (const run of await listRuns(db, 100_000)) {
    if (run.status !== 'succeeded') continue;
    runs++;
    for (const row of await runSegments(db, run.id)) {
      segments++;
      const s = segmentView(row);
      const found = labelProblems({ index: s.id, label: s.label, claims: s.claims, contrasts: s.contrasts, topFeatures: s.topFeatures, reasons: s.description?.reasons ?? [] });
      problems.push(...found.map((p) => `run ${run.id}: ${p}`));
    }
  }
  return { runs, segments, problems };
}

/**
 * Run before a test database is closed: every run the test stored must pass the label-consistency
 * check. Throws (failing the file's afterAll) with every problem listed.
 */
export async function assertStoredLabelsConsistent(db: Db): Promise<void> {
  const { problems } = await labelProblemsOfAllRuns(db);
  if (problems.length) throw new Error(`label-consistency check failed on the stored runs:\n${problems.join('\n')}`);
}

export async function expectConsistentLabels(db: Db): Promise<void> {
  const { runs, segments, problems } = await labelProblemsOfAllRuns(db);
  expect(runs).toBeGreaterThan(0);
  expect(segments).toBeGreaterThan(0);
  expect(problems).toEqual([]);
}
