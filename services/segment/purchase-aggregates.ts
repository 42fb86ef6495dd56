/**
 * Per-customer purchase aggregates of the chosen transaction datasets, computed in the database: the
 * feature stage's key rules (which attribute is a channel, which a product) applied to the keys the
 * lines carry, then one GROUP BY customer query. Memory is one record per customer, not per line.
 */
import type { Db } from '../../db/client.ts';
import { customerPurchaseAggregates, transactionAttributeKeys } from '../../db/queries/customer-aggregates.ts';
import { isChannelKey, isProductKey, storedKeyOrder, type CustomerPurchaseAggregate } from '../../pipeline/features/transaction-aggregates.ts';

export async function loadPurchaseAggregates(db: Db, datasetIds: readonly number[]): Promise<CustomerPurchaseAggregate[]> {
  if (!datasetIds.length) return [];
  const keys = await transactionAttributeKeys(db, datasetIds);
  // Product keys win over channel keys, as in memory: a key is one or the other.
  const productKeys = storedKeyOrder(keys.filter(isProductKey));
  const channelKeys = storedKeyOrder(keys.filter((k) => !isProductKey(k) && isChannelKey(k)));
  return customerPurchaseAggregates(db, datasetIds, { channelKeys, productKeys });
}
