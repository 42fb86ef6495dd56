import { describe, expect, it } from 'vitest';
import { testDrivers } from '../test-databases.ts';
import { databaseSecret } from './settings.ts';

describe.each(testDrivers().map((d) => [d.name, d] as const))('databaseSecret on %s', (_name, driver) => {
  it('creates a random secret once and returns the same one after', async () => {
    const a = await driver.open();
    const b = await driver.open();
    try {
      const first = await databaseSecret(a.db, 'pseudonym_salt');
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(await databaseSecret(a.db, 'pseudonym_salt')).toBe(first);
      expect(await databaseSecret(b.db, 'pseudonym_salt')).not.toBe(first);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
