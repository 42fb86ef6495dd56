/**
 * The bad-input corpus through the import library: every file that must be refused is refused with its
 * error code and a message naming the file (and the row and column where there is one), the database
 * is unchanged after each refusal, and a dataset imported before them is still whole afterwards. Files
 * that import with a warning must carry it in the report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { errorMessage, isPersonaError } from '../../lib/errors.ts';
import { importDataset, type ImportOutcome } from '../../services/ingest/import-dataset.ts';
import type { EvalFailure } from '../types.ts';
import { writeBadInputs, type BadInput } from './bad-inputs.ts';

export interface BadInputTally {
  readonly tried: number;
  readonly clear: number;
  /** Refusals that changed the database, plus earlier data found damaged afterwards. */
  readonly dataLost: number;
  readonly warnTried: number;
  readonly warned: number;
  readonly failures: EvalFailure[];
}

const tables = ['datasets', 'customers', 'transactions', 'texts'] as const;

export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const result = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    out[table] = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
  }
  return out;
}

/** Why a refusal is not a clear error, or null when it is. */
export function unclearRefusal(bad: BadInput, err: unknown): string | null {
  if (err === null) return 'imported instead of refused';
  if (!isPersonaError(err)) return `not a user-facing error: ${errorMessage(err)}`;
  const spec = bad.refuse!;
  if (err.code !== spec.code) return `code ${err.code}, expected ${spec.code}: ${err.message}`;
  if (!spec.message.test(err.message)) return `message does not say what is wrong: ${err.message}`;
  if (err.location.file !== bad.file || !err.message.startsWith(bad.file)) return `message does not name the file: ${err.message}`;
  if (spec.row && !(Number(err.location.row) > 0)) return `message names no row: ${err.message}`;
  if (spec.column && !err.location.column) return `message names no column: ${err.message}`;
  // An engine's internals instead of an explanation.
  if (/call stack|btree|Cannot read properties|before start of buffer|undefined/.test(err.message)) return `internals in the message: ${err.message}`;
  return null;
}

const settingsFor = (bad: BadInput) => ({ overrides: {}, ...(bad.kind ? { kind: bad.kind } : {}) });

export async function checkBadInputs(db: Db, dir: string): Promise<BadInputTally> {
  const corpus = writeBadInputs(join(dir, 'bad-inputs'));
  const failures: EvalFailure[] = [];
  const scope = 'bad-inputs';
  // Earlier data that every refusal must leave alone.
  const goodFile = join(dir, 'earlier-customers.csv');
  writeFileSync(goodFile, `customer_id,visits,plan\n${Array.from({ length: 25 }, (_, i) => `e${i},${i % 9},${i % 3 ? 'basic' : 'pro'}`).join('\n')}\n`);
  await importDataset(db, { file: goodFile, settings: { overrides: {}, kind: 'customers' } });
  const initial = await tableCounts(db);

  let tried = 0;
  let clear = 0;
  let dataLost = 0;
  for (const bad of corpus.filter((c) => c.refuse)) {
    tried++;
    const before = await tableCounts(db);
    const err = await importDataset(db, { file: bad.file, settings: settingsFor(bad) }).then(() => null, (e: unknown) => e);
    const unclear = unclearRefusal(bad, err);
    if (unclear) failures.push({ scope, case: bad.name, reason: unclear });
    else clear++;
    const after = await tableCounts(db);
    if (err !== null && JSON.stringify(after) !== JSON.stringify(before)) {
      dataLost++;
      failures.push({ scope, case: bad.name, reason: `the refused import changed the database: ${JSON.stringify(before)} → ${JSON.stringify(after)}` });
    }
  }
  if (JSON.stringify(await tableCounts(db)) !== JSON.stringify(initial) && dataLost === 0) {
    dataLost++;
    failures.push({ scope, case: 'earlier data', reason: 'the database changed across the refusals' });
  }

  let warnTried = 0;
  let warned = 0;
  for (const bad of corpus.filter((c) => c.warn)) {
    warnTried++;
    const outcome: ImportOutcome | Error = await importDataset(db, { file: bad.file, settings: settingsFor(bad) }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    const report = !(outcome instanceof Error) && outcome.status === 'imported' ? outcome.report : null;
    const warning = report?.warnings?.find((w) => w.code === bad.warn!.code);
    const invalidOk = bad.warn!.invalid === undefined || report?.invalid.total === bad.warn!.invalid;
    if (warning && warning.column && invalidOk) warned++;
    else failures.push({ scope, case: bad.name, reason: report ? `no ${bad.warn!.code} warning naming a column: ${JSON.stringify(report.warnings ?? [])}` : `not imported: ${errorMessage(outcome)}` });
  }
  return { tried, clear, dataLost, warnTried, warned, failures };
}
