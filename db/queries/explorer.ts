/** Named queries the browser explorer needs beyond the run and dataset basics. */
import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { assignments, datasets, evalResults, segments, type Dataset, type EvalResultRow } from '../schema.ts';

/** Segment count per run. */
export async function segmentCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db.select({ runId: segments.runId, n: count() }).from(segments).groupBy(segments.runId);
  return new Map(rows.map((r) => [r.runId, r.n]));
}

export async function datasetsByIdList(db: Db, ids: readonly number[]): Promise<Dataset[]> {
  if (!ids.length) return [];
  return db.select().from(datasets).where(inArray(datasets.id, [...ids])).orderBy(asc(datasets.id));
}

/** Only the columns the map and comparisons need, in a stable order. */
export async function runMembership(db: Db, runId: number): Promise<{ id: string; segment: number; x: number; y: number }[]> {
  return db
    .select({ id: assignments.customerExternalId, segment: assignments.segmentIndex, x: assignments.x, y: assignments.y })
    .from(assignments)
    .where(eq(assignments.runId, runId))
    .orderBy(asc(assignments.customerExternalId));
}

/** The newest evaluation per (run, suite), for the runs list. */
export async function latestEvalResultsByRun(db: Db): Promise<Map<number, EvalResultRow[]>> {
  const rows = await db.select().from(evalResults).orderBy(desc(evalResults.id));
  const out = new Map<number, EvalResultRow[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.runId}\u0000${r.suite}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(r.runId, [...(out.get(r.runId) ?? []), r]);
  }
  for (const list of out.values()) list.sort((a, b) => a.suite.localeCompare(b.suite));
  return out;
}
