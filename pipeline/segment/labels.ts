import { PersonaError } from '../../lib/errors.ts';
import type { CustomerInput } from '../features/inputs.ts';

/** Known classes per customer from a customer-table column, to score a run with ARI/NMI. */
export function labelsFor(inputs: { readonly customerIds: readonly string[]; readonly customers?: readonly CustomerInput[] }, column: string): (string | null)[] {
  const byId = new Map((inputs.customers ?? []).map((c) => [c.id, c.attributes]));
  const present = (inputs.customers ?? []).some((c) => column in c.attributes);
  if (!present) {
    const columns = Object.keys(inputs.customers?.[0]?.attributes ?? {});
    throw new PersonaError('bad_option', `--labels: no customer column "${column}"; columns are [${columns.join(', ')}]`);
  }
  return inputs.customerIds.map((id) => {
    const v = byId.get(id)?.[column];
    return v === null || v === undefined ? null : String(v);
  });
}
