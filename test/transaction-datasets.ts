/**
 * Test helper for the SQL-versus-memory agreement tests: stores generated transaction lines as
 * datasets and reads them back as the in-memory pipeline would get them.
 */
import type { Db } from '../db/client.ts';
import { transactionsOf } from '../db/queries/customer-data.ts';
import { insertDataset } from '../db/queries/datasets.ts';
import { insertTransactions } from '../db/queries/rows.ts';
import type { NewTransaction } from '../db/schema.ts';
import type { TransactionInput } from '../pipeline/features/inputs.ts';
import { toTransactionInput } from '../services/segment/load-inputs.ts';

export type TransactionLine = Omit<NewTransaction, 'datasetId' | 'sourceRow'>;

export async function storeTransactionDatasets(
  db: Db,
  files: readonly (readonly [name: string, lines: readonly TransactionLine[]])[],
): Promise<{ datasetIds: number[]; loaded: TransactionInput[] }> {
  const datasetIds: number[] = [];
  for (const [name, lines] of files) {
    const d = await insertDataset(db, { name, kind: 'transactions', sourcePath: name, checksum: name, format: 'csv', mapping: [], counts: {}, report: {} });
    datasetIds.push(d.id);
    await insertTransactions(db, lines.map((l, i) => ({ ...l, datasetId: d.id, sourceRow: i + 2 })));
  }
  const loaded: TransactionInput[] = [];
  for (const id of datasetIds) for (const t of await transactionsOf(db, id)) loaded.push(toTransactionInput(t));
  return { datasetIds, loaded };
}

/** One line as the agreement tests write them: quantity and price given, the amount left to be derived. */
export const transactionLine = (
  customer: string | null,
  orderId: string | null,
  at: number | null,
  quantity: number | null,
  price: number | null,
  extra: Partial<TransactionLine> = {},
): TransactionLine => ({
  customerExternalId: customer,
  orderId,
  at: at === null ? null : new Date(at),
  quantity,
  price,
  amount: null,
  isCancellation: false,
  attributes: {},
  ...extra,
});
