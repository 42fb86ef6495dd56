/** Stable, non-reversible customer ids for evidence: the same customer gets the same id within a run. */
import { createHash } from 'node:crypto';

export function pseudonymise(customerId: string, salt: string): string {
  return `cust-${createHash('sha256').update(`${salt}\u0000${customerId}`).digest('hex').slice(0, 10)}`;
}
