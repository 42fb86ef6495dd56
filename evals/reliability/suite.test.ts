/**
 * The reliability suite notices when a defence is gone: run with the product's defences it meets every
 * threshold; run with an escaping function that passes text through, masking that masks nothing, a
 * terminal printer that prints raw text, or chat allowed any path, it counts the damage and the gate
 * fails on exactly that tally. The bad-input and HTTP sections have their own tests in test/reliability
 * (they take longer); all sections run in `persona eval reliability`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../integrations/slack/blocks.ts';
import { piiKinds } from '../../pipeline/evidence/pii.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { runEvals } from '../runner.ts';
import { loadThresholds } from '../thresholds.ts';
import type { EvalContext } from '../types.ts';
import type { ReliabilityDefences } from './defences.ts';
import { createReliabilitySuite, type ReliabilityOptions } from './index.ts';

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'persona-reliability-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function evaluate(options: ReliabilityOptions) {
  const context: EvalContext = { workDir: mkdtempSync(join(workDir, 'run-')), scope: 'gate', log: () => undefined };
  const report = await runEvals({ context, registry: [createReliabilitySuite({ openDatabase: openEmptyDatabase, ...options })], thresholds: loadThresholds() });
  const suite = report.suites[0]!;
  const score = (metric: string, scope: string) => suite.scores.find((s) => s.metric === metric && s.scope === scope)?.value;
  const failedChecks = report.checks.filter((c) => !c.passed).map((c) => `${c.scope} ${c.metric}`);
  return { report, suite, score, failedChecks };
}

/** Slack messages made with no escaping at all: the answer, the evidence and the card as they came. */
const passThroughSlack: ReliabilityDefences['slackMessages'] = (answer) => {
  const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
  const message: SlackMessage = {
    text: answer.answer,
    blocks: [
      { type: 'section', text: mrkdwn(answer.answer) },
      ...answer.cards.map((c) => ({ type: 'section' as const, text: mrkdwn(`${c.name}\n${c.bio}\n${c.quotes.join('\n')}`) })),
      ...answer.evidence.map((e) => ({ type: 'context' as const, elements: [mrkdwn(e.text)] })),
    ],
  };
  return [message];
};

describe('reliability suite', () => {
  // The sections that need a database (bad inputs, chat files, HTTP) hold with the product's defences in
  // their own tests in test/reliability; here only the cheap ones run whole.
  it('meets every threshold with the product’s defences', async () => {
    const { report, score, failedChecks } = await evaluate({ sections: ['slack', 'terminal', 'pii'] });
    expect(failedChecks).toEqual([]);
    expect(report.passed).toBe(true);
    expect(score('hostile_strings', 'slack')).toBeGreaterThanOrEqual(30);
    expect(score('live_links_or_mentions', 'slack')).toBe(0);
    expect(score('invisible_controls', 'slack')).toBe(0);
    expect(score('pii_cases', 'pii')).toBeGreaterThanOrEqual(100);
    expect(score('live_controls', 'terminal')).toBe(0);
  });

  it('counts live links, mentions and formatting when Slack text passes through unescaped', async () => {
    const { report, score, failedChecks } = await evaluate({ sections: ['slack'], defences: { slackMessages: passThroughSlack } });
    expect(score('live_links_or_mentions', 'slack')).toBeGreaterThan(0);
    expect(score('customer_formatting', 'slack')).toBeGreaterThan(0);
    expect(failedChecks).toContain('slack live_links_or_mentions');
    expect(report.passed).toBe(false);
  });

  it('counts a leak per kind when masking masks nothing', async () => {
    const none = Object.fromEntries(piiKinds.map((k) => [k, 0])) as ReturnType<ReliabilityDefences['maskPii']>['counts'];
    const { report, score, failedChecks } = await evaluate({ sections: ['pii'], defences: { maskPii: (text) => ({ text, counts: { ...none } }) } });
    expect(score('pii_leaks', 'pii')).toBe(score('pii_cases', 'pii'));
    expect(score('pii_leaks', 'pii/name')).toBeGreaterThan(0);
    expect(failedChecks).toEqual(expect.arrayContaining(['pii pii_leaks', 'pii/name pii_leaks', 'pii/address pii_leaks']));
    expect(report.passed).toBe(false);
  });

  it('counts terminal controls when customer text is printed raw', async () => {
    const raw: ReliabilityDefences['terminalOutput'] = (answer, _segment, progress) => `${answer.answer}\n${answer.evidence.map((e) => e.text).join('\n')}\n${progress}\n`;
    const { score, failedChecks } = await evaluate({ sections: ['terminal'], defences: { terminalOutput: raw } });
    expect(score('live_controls', 'terminal')).toBeGreaterThan(0);
    expect(failedChecks).toEqual(['terminal live_controls']);
  });

  it('counts files read outside the data folder when chat may name any path', async () => {
    const { score, failedChecks } = await evaluate({ sections: ['chat-files'], defences: { chatFiles: () => ({ kind: 'any' }) } });
    expect(score('files_read_outside', 'chat-files')).toBeGreaterThan(0);
    expect(score('attempts', 'chat-files')).toBeGreaterThanOrEqual(20);
    expect(failedChecks).toEqual(['chat-files files_read_outside']);
  });

  it('fails the gate when a section crashes, instead of passing it unmeasured', async () => {
    const { report, suite, failedChecks } = await evaluate({ sections: ['pii'], defences: { maskPii: () => { throw new Error('masker unavailable'); } } });
    expect(suite.failures).toContainEqual({ scope: 'pii', case: 'section', reason: 'crashed: masker unavailable' });
    expect(failedChecks).toEqual(expect.arrayContaining(['pii pii_cases']));
    expect(report.passed).toBe(false);
  });
});
