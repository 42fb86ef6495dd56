import { PersonaError } from '../lib/errors.ts';

/** A strict positive integer id from the command line ("1e0", "0x1", "1.0" are refused). */
export function parseId(what: string, text: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text.trim()) || Number(text) > 2_147_483_647) {
    throw new PersonaError('bad_option', `${what} must be a positive whole number; got "${text}"`);
  }
  return Number(text);
}

/** A strict integer option (seeds may be 0 or negative). */
export function parseInteger(flag: string, text: string): number {
  if (!/^-?\d{1,10}$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw new PersonaError('bad_option', `${flag} expects an integer; got "${text}"`);
  }
  return Number(text);
}
