/**
 * Real exports often tie texts or payments to an order rather than a customer. A link table maps order
 * ids to customer ids; rows whose order has no link are counted, never guessed.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { ResolvedLink } from './import-config.ts';
import { normaliseId } from './record-parser.ts';
import { openSource } from './source.ts';

export interface LinkMap {
  readonly file: string;
  readonly size: number;
  customerFor(orderId: string): string | null;
}

/** A link of one or more hops: each hop's customer column is the next hop's key (reviews → orders → person). */
export async function loadLinkMap(spec: ResolvedLink): Promise<LinkMap> {
  const first = await loadHop(spec);
  if (!spec.then) return first;
  const rest = await loadLinkMap(spec.then);
  return {
    file: `${first.file} → ${rest.file}`,
    size: first.size,
    customerFor: (orderId) => {
      const middle = first.customerFor(orderId);
      return middle === null ? null : rest.customerFor(middle);
    },
  };
}

async function loadHop(spec: ResolvedLink): Promise<LinkMap> {
  const source = await openSource(spec.resolvedFile);
  const orderAt = source.header.indexOf(spec.orderColumn);
  const customerAt = source.header.indexOf(spec.customerColumn);
  for (const [column, at] of [[spec.orderColumn, orderAt], [spec.customerColumn, customerAt]] as const) {
    if (at < 0) {
      throw new PersonaError('bad_config', `link table has no column "${column}"; columns are [${source.header.join(', ')}]`, {
        file: spec.resolvedFile,
      });
    }
  }
  const map = new Map<string, string>();
  for await (const batch of source.batches()) {
    for (const record of batch) {
      const order = record.values[orderAt];
      const customer = record.values[customerAt];
      if (order && customer) map.set(normaliseId(order), normaliseId(customer));
    }
  }
  return { file: spec.resolvedFile, size: map.size, customerFor: (orderId) => map.get(normaliseId(orderId)) ?? null };
}
