import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { evalResults, type EvalResultRow, type NewEvalResultRow } from '../schema.ts';

export async function saveEvalResult(db: Db, row: NewEvalResultRow): Promise<EvalResultRow> {
  const [saved] = await db.insert(evalResults).values(row).returning();
  if (!saved) throw new Error('insert into eval_results returned no row');
  return saved;
}

/** Every stored evaluation of a run, oldest first. */
export async function evalResultsOfRun(db: Db, runId: number): Promise<EvalResultRow[]> {
  return db.select().from(evalResults).where(eq(evalResults.runId, runId)).orderBy(asc(evalResults.id));
}

/** The newest evaluation per suite of a run: what "how good are these personas?" answers with. */
export async function latestEvalResultsOfRun(db: Db, runId: number): Promise<EvalResultRow[]> {
  const rows = await db.select().from(evalResults).where(eq(evalResults.runId, runId)).orderBy(desc(evalResults.id));
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.suite) ? false : (seen.add(r.suite), true))).reverse();
}
