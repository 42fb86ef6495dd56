/** Checks one turn's answer against its expectations, and every answer against the suite-wide rules. */
import type { ChatAnswer } from '../../agent/chat-types.ts';
import { allTools } from '../../tools/registry.ts';
import type { RunOracle } from './oracle.ts';
import type { ArgCondition, NumberRef, SegmentRef, TurnExpectation } from './types.ts';

// Names with an underscore are unmistakable; "segment" alone is ordinary English.
const toolNames = new RegExp(`\\b(${[...allTools.map((t) => t.name), 'count_customers', 'profile_subset', 'rank_segments', 'describe_data', 'compare_runs'].filter((n) => n.includes('_')).join('|')})\\b`);
const unfilled = /\{[A-Za-z_][\w.]*\}|\bundefined\b|\bNaN\b|\[object Object\]|\bnull\b/;

/** Rules every answer of the suite obeys, whatever the question. */
export function answerRuleViolations(answer: string, customerIds: readonly string[]): string[] {
  const out: string[] = [];
  if (!answer.trim()) out.push('empty answer');
  const tool = answer.match(toolNames);
  if (tool) out.push(`names a tool (${tool[0]})`);
  const run = answer.match(/\brun \d+\b/i);
  if (run) out.push(`says "${run[0]}"`);
  const slot = answer.match(unfilled);
  if (slot) out.push(`unfilled template slot "${slot[0]}"`);
  // Ids with a letter or a dash are unmistakable in prose; purely numeric ids could be counts.
  const rawId = customerIds.find((id) => /[A-Za-z-]/.test(id) && id.length >= 4 && answer.includes(id));
  if (rawId) out.push(`shows a raw customer id (${rawId})`);
  if (/\bcust-[0-9a-f]{6,}\b/i.test(answer)) out.push('shows a pseudonymous customer id');
  return out;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function containsNumber(answer: string, n: number): boolean {
  const s = formatCount(n).replace(/[.,]/g, (c) => `\\${c}`);
  return new RegExp(`(?<![\\d,.])${s}(?![\\d]|[.,]\\d)`).test(answer);
}

function deepHas(actual: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(actual) && want.every((w) => actual.some((a) => deepHas(a, w)));
  if (want !== null && typeof want === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(want).every(([k, v]) => {
      const key = Object.keys(actual).find((x) => x.toLowerCase() === k.toLowerCase());
      return key !== undefined && deepHas((actual as Record<string, unknown>)[key], v);
    });
  }
  if (typeof want === 'string' && typeof actual === 'string') return actual.toLowerCase() === want.toLowerCase();
  return actual === want;
}

/** Every condition object any call of the turn carried (`where`, nested once in `filter`). */
function conditionsOf(answer: ChatAnswer): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const call of answer.toolCalls) {
    const where = (call.args.where ?? (call.args.filter as { where?: unknown } | undefined)?.where) as unknown;
    if (Array.isArray(where)) out.push(...(where as Record<string, unknown>[]));
  }
  return out;
}

function hasCondition(all: readonly Record<string, unknown>[], want: ArgCondition): boolean {
  return all.some((c) => {
    if (want.text !== undefined) {
      const v = String(c.text ?? c.textLike ?? '').toLowerCase();
      return v.includes(want.text.toLowerCase());
    }
    if (want.field !== undefined && String(c.field ?? '').toLowerCase() !== want.field.toLowerCase()) return false;
    if (want.op !== undefined && c.op !== want.op) {
      // "more than 0" and "at least 1" say the same for counts.
      const equivalent = want.op === 'gt' && c.op === 'gte' && typeof want.value === 'number' && c.value === want.value + 1;
      if (!equivalent) return false;
      return true;
    }
    if (want.value === undefined) return true;
    const values = Array.isArray(c.value) ? (c.value as unknown[]) : [c.value];
    return values.some((v) => (typeof want.value === 'string' ? String(v).toLowerCase() === want.value.toLowerCase() : v === want.value || String(v) === String(want.value)));
  });
}

export interface TurnCheckInput {
  readonly expect: TurnExpectation;
  readonly answer: ChatAnswer;
  readonly oracle: RunOracle;
  /** The focus segment after each earlier turn of the case. */
  readonly earlierFocus: readonly (number | null)[];
  readonly previousRunId: number | null;
}

export function checkTurn({ expect, answer, oracle, earlierFocus, previousRunId }: TurnCheckInput): string[] {
  const reasons: string[] = [];
  const called = answer.toolCalls.map((c) => c.name);
  const text = answer.answer;
  for (const tool of expect.tools ?? []) if (!called.includes(tool)) reasons.push(`expected a ${tool} call, got [${called.join(', ')}]`);
  if (expect.anyTool && !expect.anyTool.some((t) => called.includes(t))) reasons.push(`expected one of ${expect.anyTool.join('/')}, got [${called.join(', ')}]`);
  for (const tool of expect.notTools ?? []) if (called.includes(tool)) reasons.push(`must not call ${tool}`);
  if (expect.noTools && called.length) reasons.push(`expected no tool calls, got [${called.join(', ')}]`);
  for (const a of expect.args ?? []) {
    if (!answer.toolCalls.some((c) => c.name === a.tool && deepHas(c.args, a.has))) reasons.push(`no ${a.tool} call with ${JSON.stringify(a.has)}`);
  }
  const conditions = conditionsOf(answer);
  for (const c of expect.conditions ?? []) if (!hasCondition(conditions, c)) reasons.push(`no condition like ${JSON.stringify(c)} in ${JSON.stringify(conditions)}`);
  const resolve = (ref: SegmentRef) => oracle.segmentFor(ref, earlierFocus);
  if (expect.focus) {
    const want = resolve(expect.focus);
    if (want === null || answer.segmentId !== want) reasons.push(`focus should be segment ${want} (${JSON.stringify(expect.focus)}), is ${answer.segmentId}`);
  }
  if (expect.first) {
    const want = resolve(expect.first);
    const firstNamed = firstMentioned(text, oracle);
    if (want === null || firstNamed !== want) reasons.push(`first segment named should be ${want} (${oracle.namesOf(want ?? -1)[0] ?? '?'}), was ${firstNamed}`);
  }
  for (const ref of expect.names ?? []) {
    const want = resolve(ref);
    if (want === null || !oracle.namesOf(want).some((n) => text.includes(n))) reasons.push(`answer should name segment ${want} (${oracle.namesOf(want ?? -1)[0] ?? '?'})`);
  }
  for (const ref of expect.numbers ?? []) {
    const n = numberOf(ref, oracle, earlierFocus);
    if (n === null || !containsNumber(text, n)) reasons.push(`answer should contain ${n === null ? '?' : formatCount(n)} (${JSON.stringify(ref)})`);
  }
  for (const re of expect.includes ?? []) if (!new RegExp(re, 'im').test(text)) reasons.push(`answer should match /${re}/`);
  for (const re of expect.excludes ?? []) if (new RegExp(re, 'im').test(text)) reasons.push(`answer must not match /${re}/`);
  if (expect.newRun && (answer.runId === null || answer.runId === previousRunId)) reasons.push('expected the thread to move to a new run');
  return reasons;
}

function numberOf(ref: NumberRef, oracle: RunOracle, earlier: readonly (number | null)[]): number | null {
  if ('count' in ref) return oracle.count(ref.count, ref.match);
  if ('total' in ref) return oracle.customerIds.length;
  const id = oracle.segmentFor(ref.segmentSize, earlier);
  return oracle.segments.find((s) => s.id === id)?.size ?? null;
}

/** The segment whose persona name or label appears earliest in the text. */
export function firstMentioned(text: string, oracle: RunOracle): number | null {
  let best: { at: number; id: number; len: number } | null = null;
  for (const s of oracle.segments) {
    for (const name of oracle.namesOf(s.id)) {
      const at = text.indexOf(name);
      if (at >= 0 && (!best || at < best.at || (at === best.at && name.length > best.len))) best = { at, id: s.id, len: name.length };
    }
  }
  return best?.id ?? null;
}
