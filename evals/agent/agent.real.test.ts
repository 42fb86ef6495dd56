/**
 * The whole agent suite over every shared dataset present (real tier): pass rates per split and
 * category, printed with every failure. The gate thresholds apply to the tuning half; the held-out half
 * must stay within 10 points of it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedDataDir, openDatabase } from '../../db/client.ts';
import { cloneDemoHome } from '../../test/demo-fixture.ts';
import { openSegmentedDataset } from '../../test/real-data.ts';
import { realFiles, sharedDataDir, unavailable, type PreparedDataset } from './datasets.ts';
import type { AgentDataset } from './types.ts';
import { runAgentEval, selectCases } from './index.ts';

const present = existsSync(sharedDataDir);
if (!present) console.warn(`skipping the full agent suite: ${sharedDataDir} is absent`);
const workDir = mkdtempSync(join(tmpdir(), 'persona-agent-suite-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * The sample and the shared datasets segmented with the defaults, as the suite would prepare them, but
 * from the test run's fixtures: each is imported and segmented once per run and shared with the other
 * real-tier files, and each copy lives on disk rather than in memory.
 */
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});
async function preparedDatasets(): Promise<Partial<Record<AgentDataset, PreparedDataset>>> {
  const demo = await cloneDemoHome();
  opened.push({ close: async () => demo.remove() });
  const handle = await openDatabase({ dataDir: embeddedDataDir(demo.home) });
  opened.unshift(handle);
  const prepared: Partial<Record<AgentDataset, PreparedDataset>> = { sample: { handle, runId: demo.runId, home: demo.home } };
  for (const dataset of ['marketing_campaign', 'twcs_sample', 'telco_churn', 'online_retail'] as const) {
    const file = realFiles[dataset];
    if (!file || unavailable(dataset)) continue;
    const data = await openSegmentedDataset(file);
    opened.unshift(data);
    prepared[dataset] = { handle: data.handle, runId: data.runId, home: data.home };
  }
  return prepared;
}

describe.skipIf(!present)('agent suite on the shared datasets', () => {
  it('meets the pass-rate bars on the tuning half and keeps the held-out half close', async () => {
    const result = await runAgentEval(selectCases({ scope: 'full' }), { workDir, log: (l) => console.log(l), prepared: await preparedDatasets() });
    const score = (split: string, scope = 'all') => result.scores.find((s) => s.metric === `pass_rate.${split}` && s.scope === scope)?.value ?? 0;
    console.log(result.scores.map((s) => `${s.metric}${s.scope ? ` ${s.scope}` : ''}: ${s.value}`).join('\n'));
    const failures = result.failures.map((f) => `${f.scope} ${f.case}: ${f.reason}`).join('\n');
    expect(score('tuning'), failures).toBeGreaterThanOrEqual(0.9);
    expect(score('heldout'), failures).toBeGreaterThanOrEqual(score('tuning') - 0.1);
  }, 3_600_000);
});
