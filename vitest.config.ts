import { defineConfig } from 'vitest/config';

/** Heavy tests: real datasets, eval gates over datasets, a browser, or minutes of work. `npm run test:real`. */
const realTier = ['**/*.real.test.ts', '**/*.browser.test.ts'];
/** Tests against a real LLM endpoint: they skip themselves unless one is configured. */
const llmTier = ['**/*.int.test.ts'];
const ignored = ['node_modules/**', '.persona/**'];

export default defineConfig({
  test: {
    // Builds nothing itself: gives the run one folder where heavy fixtures are built once, on first use.
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/tier-summary.ts'],
    // Timeouts only guard against hangs: a busy machine must never fail a correct test. A hook may wait
    // for a shared fixture (the demo, a segmented dataset) that another process is still building.
    testTimeout: 1_200_000,
    hookTimeout: 1_800_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only add contention.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['**/*.test.ts'],
          exclude: [...ignored, ...realTier, ...llmTier],
          // Each worker keeps its imported modules between files instead of loading LangChain, PGlite and
          // TensorFlow.js again per file: on 33 small files this halved the CPU time (16 s → 7 s). Files
          // share nothing else: fixtures are private copies and no test mocks modules or leaves env changed.
          isolate: false,
        },
      },
      // Real-data fixtures take minutes on a quiet machine and can take half an hour on a saturated one.
      { extends: true, test: { name: 'real', include: realTier, exclude: ignored, testTimeout: 3_600_000, hookTimeout: 3_600_000 } },
      { extends: true, test: { name: 'llm', include: llmTier, exclude: ignored } },
    ],
  },
});
