/**
 * A plain closing line per test tier (vitest project), after vitest's own summary, e.g.
 * "fast tier: 812 passed, 0 failed, 4 skipped in 97 files (141 s)": easy to read in CI logs and to grep.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class TierSummary implements Reporter {
  private started = Date.now();

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const tiers = new Map<string, { passed: number; failed: number; skipped: number; files: number; brokenFiles: number }>();
    for (const module of modules) {
      const name = module.project.name || 'tests';
      const tier = tiers.get(name) ?? { passed: 0, failed: 0, skipped: 0, files: 0, brokenFiles: 0 };
      tier.files++;
      // A file that fails outside any test (import error, failing hook) counts once as failed.
      if (module.state() === 'failed' && module.errors().length > 0) tier.brokenFiles++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') tier.passed++;
        else if (state === 'failed') tier.failed++;
        else tier.skipped++;
      }
      tiers.set(name, tier);
    }
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const lines = [...tiers].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => {
      const failed = t.failed + t.brokenFiles;
      return `${name} tier: ${t.passed} passed, ${failed} failed, ${t.skipped} skipped in ${t.files} file${t.files === 1 ? '' : 's'} (${seconds} s)`;
    });
    if (unhandledErrors.length > 0) lines.push(`${unhandledErrors.length} unhandled error(s) outside tests: the run fails`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
