import { defineConfig } from 'vitest/config';

// Two tiers: `npm test` runs the fast tests; `npm run test:real` (PERSONA_TEST_TIER=real) runs the heavy
// ones: `*.real.test.ts` (real datasets, long runs) and `*.browser.test.ts` (Chromium).
const realTier = ['**/*.real.test.ts', '**/*.browser.test.ts'];
const real = process.env.PERSONA_TEST_TIER === 'real';

export default defineConfig({
  test: {
    include: real ? realTier : ['**/*.test.ts'],
    exclude: ['node_modules/**', '.persona/**', '**/*.int.test.ts', ...(real ? [] : realTier)],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers only add contention.
    maxWorkers: 2,
  },
});
