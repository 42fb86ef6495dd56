/**
 * The whole agent suite over every shared dataset present (real tier): pass rates per split and
 * category, printed with every failure. The gate thresholds apply to the tuning half; the held-out half
 * must stay within 10 points of it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataDir } from './datasets.ts';
import { runAgentEval, selectCases } from './index.ts';

const present = existsSync(sharedDataDir);
if (!present) console.warn(`skipping the full agent suite: ${sharedDataDir} is absent`);
const workDir = mkdtempSync(join(tmpdir(), 'persona-agent-suite-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.skipIf(!present)('agent suite on the shared datasets', () => {
  it('meets the pass-rate bars on the tuning half and keeps the held-out half close', async () => {
    const result = await runAgentEval(selectCases({ scope: 'full' }), { workDir, log: (l) => console.log(l) });
    const score = (split: string, scope = 'all') => result.scores.find((s) => s.metric === `pass_rate.${split}` && s.scope === scope)?.value ?? 0;
    console.log(result.scores.map((s) => `${s.metric}${s.scope ? ` ${s.scope}` : ''}: ${s.value}`).join('\n'));
    const failures = result.failures.map((f) => `${f.scope} ${f.case}: ${f.reason}`).join('\n');
    expect(score('tuning'), failures).toBeGreaterThanOrEqual(0.9);
    expect(score('heldout'), failures).toBeGreaterThanOrEqual(score('tuning') - 0.1);
  }, 3_600_000);
});
