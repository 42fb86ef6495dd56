import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';
import { getRun } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import { assignCustomers, type NewCustomer } from '../../services/activate/assign.ts';
import { createRecordParser } from '../../pipeline/ingest/record-parser.ts';
import type { ColumnPlan } from '../../pipeline/ingest/roles.ts';
import { openSource } from '../../pipeline/ingest/source.ts';
import { withDatabase } from '../context.ts';
import { parseId } from '../args.ts';
import { createOutput, table } from '../output.ts';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const newCustomerSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).describe('The customer id'),
  attributes: z.record(z.string(), cell).optional().describe('Customer-table columns, named as in the imported file'),
  transactions: z
    .array(
      z.object({
        orderId: z.string().nullable().default(null).describe('Order id'),
        at: z.union([z.string(), z.number()]).nullable().default(null).describe('Time, ISO text or epoch ms'),
        quantity: z.number().nullable().default(null).describe('Units'),
        price: z.number().nullable().default(null).describe('Price per unit'),
        amount: z.number().nullable().default(null).describe('Money for the line'),
        isCancellation: z.boolean().default(false).describe('A cancellation or return'),
        attributes: z.record(z.string(), cell).default({}).describe('Other columns, e.g. channel'),
      }),
    )
    .optional()
    .describe('Purchase history'),
  texts: z.array(z.object({ body: z.string().describe('What they wrote'), at: z.union([z.string(), z.number()]).nullable().optional().describe('When') })).optional().describe('Messages'),
});

export function registerAssign(program: Command): void {
  program
    .command('assign')
    .description("place new customers into a stored run's segments, with a confidence")
    .argument('<run>', 'run id')
    .argument('<input>', 'a customers file (CSV/TSV/JSONL with the columns of the imported customer table), a JSON file, or inline JSON')
    .option('--json', 'print one JSON document')
    .action(async (runArg: string, input: string, opts: { json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        const runId = parseId('run', runArg);
        const customers = await readIncoming(db, runId, input);
        const assigned = await assignCustomers(db, runId, customers);
        out.result({ runId, assignments: assigned }, () =>
          table(['customer', 'segment', 'label', 'confidence'], assigned.map((a) => [a.customerId, a.segmentId, a.label, a.confidence])),
        );
      });
    });
}

const toTime = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : typeof v === 'number' ? v : Date.parse(v));

async function readIncoming(db: Db, runId: number, input: string): Promise<NewCustomer[]> {
  const trimmed = input.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(trimmed)) {
    const text = trimmed.startsWith('{') || trimmed.startsWith('[') ? trimmed : readFileSync(trimmed, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new PersonaError('bad_value', `input is not valid JSON (${(err as Error).message})`);
    }
    const parsed = z.array(newCustomerSchema).safeParse(Array.isArray(raw) ? raw : [raw]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PersonaError('bad_value', `customer ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data.map((c) => ({
      id: c.id,
      ...(c.attributes ? { attributes: c.attributes } : {}),
      ...(c.transactions ? { transactions: c.transactions.map((t) => ({ ...t, at: toTime(t.at) })) } : {}),
      ...(c.texts ? { texts: c.texts.map((t) => ({ body: t.body, at: toTime(t.at) })) } : {}),
    }));
  }
  if (!existsSync(trimmed)) throw new PersonaError('file_not_found', 'file not found', { file: trimmed });
  return readCustomerFile(db, runId, trimmed);
}

/** A customers file parsed with the roles of the run's own customer table. */
async function readCustomerFile(db: Db, runId: number, file: string): Promise<NewCustomer[]> {
  const run = await getRun(db, runId);
  if (!run) throw new PersonaError('not_found', `no run ${runId}`);
  const table = (await datasetsByIds(db, run.datasetIds)).find((d) => d.kind === 'customers');
  if (!table) throw new PersonaError('bad_option', `run ${runId} has no customer table; pass JSON with transactions or texts instead`);
  const plans = table.mapping as ColumnPlan[];
  const idColumn = plans.find((p) => p.role === 'id')?.name as string;
  const source = await openSource(file);
  if (!source.header.includes(idColumn)) throw new PersonaError('no_id_column', `needs the id column "${idColumn}"`, { file });
  const parser = createRecordParser(source.header, plans.filter((p) => source.header.includes(p.name)), { file });
  const out: NewCustomer[] = [];
  for await (const batch of source.batches()) {
    for (const record of batch) {
      const { cells } = parser.parse(record);
      const id = cells[idColumn];
      if (id === null || id === undefined) throw new PersonaError('bad_value', 'customer id is empty', { file, row: record.row, column: idColumn });
      const attributes = Object.fromEntries(Object.entries(cells).filter(([k]) => k !== idColumn).map(([k, v]) => [k, plans.find((p) => p.name === k)?.role === 'datetime' && typeof v === 'number' ? new Date(v).toISOString() : v]));
      out.push({ id: String(id), attributes });
    }
  }
  return out;
}
