/**
 * Runs agent cases against the real chat service (offline planner unless configured otherwise), one
 * fresh thread per case, and scores them: pass rates overall and per category, per split.
 */
import { join } from 'node:path';
import type { ChatService } from '../../agent/chat-types.ts';
import type { AgentConfiguration } from '../../agent/configuration.ts';
import { createChatService } from '../../agent/service.ts';
import type { Embedder } from '../../pipeline/types.ts';
import type { EvalFailure, EvalScore } from '../types.ts';
import { answerRuleViolations, checkTurn } from './checks.ts';
import { prepareDataset, unavailable, type PreparedDataset } from './datasets.ts';
import { buildOracle, type RunOracle } from './oracle.ts';
import type { AgentCase, AgentDataset, CaseOutcome } from './types.ts';

export interface RunCasesOptions {
  readonly workDir: string;
  readonly encoder?: Embedder;
  readonly configuration?: AgentConfiguration;
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
  /** Prepared databases to reuse instead of importing and segmenting again. */
  readonly prepared?: Partial<Record<AgentDataset, PreparedDataset>>;
}

export interface CasesResult {
  readonly outcomes: readonly CaseOutcome[];
  readonly skipped: readonly { check: string; reason: string }[];
}

const offline: AgentConfiguration = { model: { kind: 'offline' }, maxSteps: 8 };

export async function runCases(cases: readonly (AgentCase & { split: 'tuning' | 'heldout' })[], options: RunCasesOptions): Promise<CasesResult> {
  const log = options.log ?? (() => undefined);
  const outcomes: CaseOutcome[] = [];
  const skipped: { check: string; reason: string }[] = [];
  const byDataset = new Map<AgentDataset, typeof cases>();
  for (const c of cases) byDataset.set(c.dataset, [...(byDataset.get(c.dataset) ?? []), c]);
  for (const [dataset, list] of byDataset) {
    const missing = unavailable(dataset, options.dataDir);
    if (missing) {
      skipped.push({ check: `agent cases on ${dataset} (${list.length})`, reason: missing });
      continue;
    }
    const own = options.prepared?.[dataset] === undefined;
    const started = Date.now();
    let prepared: PreparedDataset;
    try {
      prepared = options.prepared?.[dataset] ?? (await prepareDataset(dataset, options.workDir, options.dataDir));
    } catch (err) {
      // A dataset the pipeline cannot segment says nothing about the agent: its cases are reported as skipped.
      const reason = `segmenting ${dataset} failed: ${err instanceof Error ? err.message : String(err)}`;
      log(reason);
      skipped.push({ check: `agent cases on ${dataset} (${list.length})`, reason });
      continue;
    }
    log(`${dataset}: ready in ${Date.now() - started} ms (run ${prepared.runId})`);
    try {
      const chat = createChatService({
        db: prepared.handle.db,
        configuration: options.configuration ?? offline,
        exportDir: join(prepared.home, 'exports'),
        ...(options.encoder ? { encoder: options.encoder } : {}),
      });
      const oracles = new Map<number, Promise<RunOracle>>();
      const oracleFor = (runId: number) => {
        let o = oracles.get(runId);
        if (!o) oracles.set(runId, (o = buildOracle(prepared.handle.db, runId)));
        return o;
      };
      for (const c of list) {
        const outcome = await runCase(c, chat, oracleFor, prepared.runId);
        if (!outcome.passed) log(`✗ ${c.id}: ${outcome.reasons.join('; ')}`);
        outcomes.push(outcome);
      }
    } finally {
      if (own) await prepared.handle.close();
    }
  }
  return { outcomes, skipped };
}

async function runCase(c: AgentCase & { split: 'tuning' | 'heldout' }, chat: ChatService, oracleFor: (runId: number) => Promise<RunOracle>, startRun: number): Promise<CaseOutcome> {
  const reasons: string[] = [];
  const answers: string[] = [];
  const ms: number[] = [];
  const focus: (number | null)[] = [];
  let runId: number | null = startRun;
  const thread = `eval-${c.id}`;
  for (const [i, turn] of c.turns.entries()) {
    const t0 = performance.now();
    let answer;
    try {
      answer = await chat.ask({ threadId: thread, text: turn.ask });
    } catch (err) {
      reasons.push(`turn ${i + 1} threw: ${err instanceof Error ? err.message : String(err)}`);
      break;
    }
    ms.push(performance.now() - t0);
    answers.push(answer.answer);
    const oracle = await oracleFor(answer.runId ?? startRun);
    const turnReasons = [
      ...checkTurn({ expect: turn.expect, answer, oracle, earlierFocus: focus, previousRunId: runId }),
      ...answerRuleViolations(answer.answer, oracle.customerIds),
    ];
    for (const r of turnReasons) reasons.push(c.turns.length > 1 ? `turn ${i + 1}: ${r}` : r);
    focus.push(answer.segmentId);
    runId = answer.runId;
  }
  return { id: c.id, dataset: c.dataset, category: c.category, split: c.split, passed: reasons.length === 0, reasons, answers, ms };
}

/** Pass rates overall and per category, for each split, as eval scores. */
export function scoreOutcomes(outcomes: readonly CaseOutcome[]): { scores: EvalScore[]; failures: EvalFailure[] } {
  const scores: EvalScore[] = [];
  for (const split of ['tuning', 'heldout'] as const) {
    const mine = outcomes.filter((o) => o.split === split);
    if (!mine.length) continue;
    scores.push({ metric: `pass_rate.${split}`, scope: 'all', value: rate(mine) });
    const categories = [...new Set(mine.map((o) => o.category))].sort();
    for (const category of categories) scores.push({ metric: `pass_rate.${split}`, scope: category, value: rate(mine.filter((o) => o.category === category)) });
  }
  const latencies = outcomes.flatMap((o) => o.ms).sort((a, b) => a - b);
  if (latencies.length) {
    scores.push({ metric: 'latency_ms.p50', value: quantile(latencies, 0.5), better: 'lower' });
    scores.push({ metric: 'latency_ms.p95', value: quantile(latencies, 0.95), better: 'lower' });
  }
  const failures = outcomes.filter((o) => !o.passed).map((o) => ({ scope: `${o.split}/${o.category}/${o.dataset}`, case: o.id, reason: o.reasons.join('; ') }));
  return { scores, failures };
}

const rate = (xs: readonly CaseOutcome[]) => Math.round((xs.filter((o) => o.passed).length / xs.length) * 1000) / 1000;

export function quantile(sorted: readonly number[], q: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round((sorted[at] as number) * 10) / 10;
}
