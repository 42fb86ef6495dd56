/**
 * Stable customer pseudonyms for evidence: the same customer gets the same id within a run (the salt
 * names the run), and the id cannot be turned back into the customer id without the data and the salt.
 */
import { createHash } from 'node:crypto';
import { PersonaError } from '../../lib/errors.ts';

/** 'cust-' and the first 8 hex digits of sha256(salt, NUL, id); the NUL keeps ("ab","c") apart from ("a","bc"). */
export function pseudonymise(customerId: string, salt: string): string {
  if (typeof salt !== 'string' || salt.length === 0) throw new PersonaError('bad_option', 'pseudonymise: the salt must be a non-empty string');
  return `cust-${createHash('sha256').update(`${salt}\u0000${customerId}`).digest('hex').slice(0, 8)}`;
}

/** The salt of one run's pseudonyms: the database secret, the seed and the datasets name the run. */
export function runPseudonymSalt(secret: string | undefined, seed: number, datasetIds: readonly number[] | undefined): string {
  return `${secret ?? ''}:run-${seed}-${(datasetIds ?? []).join(',')}`;
}
