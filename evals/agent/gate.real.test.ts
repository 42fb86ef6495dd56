/**
 * The agent gate as a test: the generated member table (a vocabulary of its own), segmented and asked the
 * gate questions through the real chat service with the offline planner and the encoder. The evaluation
 * gate (`npm run eval -- --gate`) scores the same cases, so this sits in the real tier beside it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgentEval, selectCases } from './index.ts';

const workDir = mkdtempSync(join(tmpdir(), 'persona-agent-gate-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('agent gate (generated member table)', () => {
  it('passes at least 90% overall and 80% in every category, with every answer in plain business language', async () => {
    const result = await runAgentEval(selectCases({ scope: 'gate' }), { workDir });
    const failures = result.failures.map((f) => `${f.case}: ${f.reason}`).join('\n');
    const overall = result.scores.find((s) => s.metric === 'pass_rate.tuning' && s.scope === 'all');
    expect(overall?.value, failures).toBeGreaterThanOrEqual(0.9);
    for (const s of result.scores.filter((x) => x.metric === 'pass_rate.tuning' && x.scope && x.scope !== 'all')) expect(s.value, `${s.scope}\n${failures}`).toBeGreaterThanOrEqual(0.8);
    expect(result.outcomes.length).toBe(selectCases({ scope: 'gate' }).length);
  });
});
