/**
 * The reliability suite: the attack set of a hostile chat user and a careless operator, run against
 * generated data in a scratch database and folder. Scores are the tallies the CI gate holds at zero
 * loss: bad inputs tried and refused with a clear error, data lost, files read outside the data folder,
 * live links or mentions from customer text in Slack, terminal controls reaching human output, PII leaks
 * per covered kind, and HTTP abuse cases that got through. Every score has a section scope, so a section
 * that crashes leaves its named thresholds unmeasured, and the gate fails.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DbHandle } from '../../db/client.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { EvalContext, EvalFailure, EvalScore, EvalSuite, SuiteResult } from '../types.ts';
import { checkBadInputs } from './check-bad-inputs.ts';
import { checkChatFiles } from './check-chat-files.ts';
import { checkHttp } from './check-http.ts';
import { checkPii } from './check-pii.ts';
import { checkSlack } from './check-slack.ts';
import { checkTerminal } from './check-terminal.ts';
import { productDefences, type ReliabilityDefences } from './defences.ts';

export type ReliabilitySection = 'bad-inputs' | 'chat-files' | 'slack' | 'terminal' | 'pii' | 'http';
export const reliabilitySections: readonly ReliabilitySection[] = ['bad-inputs', 'chat-files', 'slack', 'terminal', 'pii', 'http'];

export interface ReliabilityOptions {
  /** Replace a defence (tests remove one to prove the suite notices). */
  readonly defences?: Partial<ReliabilityDefences>;
  /** Run only these sections; default all. */
  readonly sections?: readonly ReliabilitySection[];
  /** The scratch database (opened once, closed at the end); default a fresh in-memory one. */
  readonly openDatabase?: () => Promise<DbHandle>;
}

const lower = (metric: string, value: number, scope: string): EvalScore => ({ metric, value, scope, better: 'lower' });
const higher = (metric: string, value: number, scope: string): EvalScore => ({ metric, value, scope });

async function runSection(section: ReliabilitySection, defences: ReliabilityDefences, db: () => Promise<DbHandle>, dir: string): Promise<{ scores: EvalScore[]; failures: EvalFailure[] }> {
  switch (section) {
    case 'bad-inputs': {
      const t = await checkBadInputs((await db()).db, join(dir, section));
      return {
        scores: [
          higher('bad_inputs', t.tried, section), higher('clear_errors', t.clear, section), lower('unclear_errors', t.tried - t.clear, section),
          lower('data_lost', t.dataLost, section), higher('warned_imports', t.warned, section), lower('missing_warnings', t.warnTried - t.warned, section),
        ],
        failures: t.failures,
      };
    }
    case 'chat-files': {
      const t = await checkChatFiles((await db()).db, join(dir, section), defences);
      return { scores: [higher('attempts', t.attempts, section), lower('files_read_outside', t.readOutside, section)], failures: t.failures };
    }
    case 'slack': {
      const t = await checkSlack(defences);
      return {
        scores: [
          higher('hostile_strings', t.hostileStrings, section), higher('messages', t.messages, section), lower('live_links_or_mentions', t.liveLinksOrMentions, section),
          lower('customer_formatting', t.formatting, section), lower('invisible_controls', t.controls, section), lower('unrendered_strings', t.unrendered, section),
        ],
        failures: t.failures,
      };
    }
    case 'terminal': {
      const t = checkTerminal(defences);
      return { scores: [higher('payloads', t.payloads, section), lower('live_controls', t.live, section)], failures: t.failures };
    }
    case 'pii': {
      const t = checkPii(defences);
      const leaks = [...t.perKind.values()].reduce((n, k) => n + k.leaked, 0);
      return {
        scores: [
          higher('pii_cases', t.cases, section), lower('pii_leaks', leaks, section), lower('clean_messages_changed', t.cleanChanged, section),
          ...[...t.perKind].map(([kind, k]) => lower('pii_leaks', k.leaked, `pii/${kind}`)),
        ],
        failures: t.failures,
      };
    }
    case 'http': {
      const t = await checkHttp((await db()).db);
      return { scores: [higher('cases', t.cases, section), lower('failed_cases', t.failed, section)], failures: t.failures };
    }
  }
}

export function createReliabilitySuite(options: ReliabilityOptions = {}): EvalSuite {
  const defences: ReliabilityDefences = { ...productDefences, ...options.defences };
  return {
    name: 'reliability',
    description: 'the attack set: bad input files, chat path escapes, Slack and terminal injection, PII masking, HTTP abuse',
    async run(context: EvalContext): Promise<SuiteResult> {
      const started = performance.now();
      const dir = join(context.workDir, 'reliability');
      mkdirSync(dir, { recursive: true });
      let handle: DbHandle | null = null;
      const open = options.openDatabase ?? (() => openDatabase());
      const db = async () => (handle ??= await open());
      const scores: EvalScore[] = [];
      const failures: EvalFailure[] = [];
      try {
        for (const section of options.sections ?? reliabilitySections) {
          const t0 = performance.now();
          try {
            const result = await runSection(section, defences, db, dir);
            scores.push(...result.scores);
            failures.push(...result.failures);
          } catch (err) {
            failures.push({ scope: section, case: 'section', reason: `crashed: ${errorMessage(err)}` });
          }
          context.log(`reliability: ${section} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        }
      } finally {
        await (handle as DbHandle | null)?.close();
      }
      return { suite: 'reliability', scores, failures, skipped: [], ms: Math.round(performance.now() - started) };
    },
  };
}

export const reliabilitySuite = createReliabilitySuite();
export default reliabilitySuite;
