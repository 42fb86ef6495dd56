/**
 * The offline planner's policy: from the question's intent, its slots (read against the catalogue
 * that describe_data returns), the thread's memory and the tool results so far in this turn, the next
 * tool call or the final answer. Multi-step plans: find → explain, rank → explain, describe → count,
 * describe → re-segment. Pure, so it is tested without a graph.
 */
import type { Catalogue } from '../../tools/catalogue/catalogue.ts';
import type { Condition } from '../../tools/catalogue/predicate.ts';
import type { Focus } from '../../tools/types.ts';
import * as A from './answers.ts';
import type { ToolOutcome } from './answers.ts';
import type { Intent } from './intents.ts';
import { isConceptWord } from '../../tools/catalogue/words.ts';
import { compareOrdinal, describedGroup, filterConditions, groupCount, ordinalReference, pronoun, quoteCount, rankSpec, type RankSpec } from './slots.ts';

export type { ToolOutcome };

/** What earlier turns of the thread left behind. */
export interface ThreadMemory {
  /** The last ranking shown, best first. */
  readonly ranking: readonly { segmentId: number; name: string }[] | null;
  /** The conditions of the last count or filter, for "re-segment them". */
  readonly subset: { where: Condition[]; match: 'all' | 'any' } | null;
  /** The run the ranking belongs to. */
  readonly rankingRunId: number | null;
}

export interface PlanInput {
  readonly intent: Intent;
  readonly language: 'english' | 'other';
  readonly question: string;
  readonly focus: Focus;
  readonly done: readonly ToolOutcome[];
  readonly memory: ThreadMemory;
}

export type Step = { readonly call: { readonly name: string; readonly args: Record<string, unknown> } } | { readonly answer: string };

const call = (name: string, args: Record<string, unknown> = {}): Step => ({ call: { name, args } });
const answer = (text: string): Step => ({ answer: text });

const segmentTools: Partial<Record<Intent, string>> = {
  find: 'explain_segment',
  explain: 'explain_segment',
  evidence: 'get_evidence',
  ltv: 'predict_ltv',
  channels: 'map_channels',
  campaign: 'draft_campaign',
  export: 'export_segment',
};

export function nextStep(input: PlanInput): Step {
  const { intent, done } = input;
  const last = done[done.length - 1];
  // A failed step ends the turn with its reason, except a ranking used only to pick a segment.
  if (last && !last.result.ok) return answer(A.errorAnswer(last.result.error?.message ?? 'it failed'));
  switch (intent) {
    case 'out_of_scope':
      return answer(A.outOfScopeAnswer(input.language));
    case 'help':
      return once(input, 'list_segments', {}, (o) => A.listAnswer(o, true));
    case 'list':
      return once(input, 'list_segments', {}, (o) => A.listAnswer(o, false));
    case 'describe_data':
      return once(input, 'describe_data', {}, A.describeDataAnswer);
    case 'load': {
      const file = input.question.match(/\b(\S+\.(?:csv|tsv|gz|parquet|jsonl))\b/i)?.[1];
      return once(input, 'load_data', file ? { file } : {}, A.loadAnswer);
    }
    case 'compare_runs':
      return once(input, 'compare_runs', {}, A.compareRunsAnswer);
    case 'assign':
      return once(input, 'assign_customer', { description: input.question.slice(0, 1000) }, A.assignAnswer);
    case 'rank':
      return rank(input);
    case 'count':
      return count(input);
    case 'resegment':
      return resegment(input);
    case 'compare':
      return compare(input);
    case 'export':
      return exportPlan(input);
    case 'find':
    case 'explain':
    case 'evidence':
    case 'ltv':
    case 'channels':
    case 'campaign':
      return segmentScoped(input, segmentTools[intent] as string);
    default: {
      const never: never = intent;
      return answer(`I cannot handle ${String(never)} yet.`);
    }
  }
}

function once(input: PlanInput, name: string, args: Record<string, unknown>, render: (o: ToolOutcome) => string): Step {
  const result = input.done.find((d) => d.name === name);
  return result ? answer(render(result)) : call(name, args);
}

function catalogueOf(input: PlanInput): Catalogue | null | undefined {
  const d = input.done.find((x) => x.name === 'describe_data');
  if (!d) return undefined;
  return d.result.ok ? (d.result.data as unknown as Catalogue) : null;
}

/** The catalogue tool result as the phrase mapper needs it (levels as objects). */
function asCatalogue(data: Catalogue): Catalogue {
  const raw = data as unknown as { fields: { name: string; label: string; kind: string; unit: string | null; levels?: unknown[]; yes?: unknown; no?: unknown; range?: unknown }[] };
  return {
    ...data,
    fields: raw.fields.map((f) => ({ ...f, source: 'customer', levels: f.levels?.map((value) => ({ value, count: 1 })) })) as unknown as Catalogue['fields'],
  };
}

function withCatalogue(input: PlanInput, then: (c: Catalogue) => Step): Step {
  const c = catalogueOf(input);
  if (c === undefined) return call('describe_data');
  if (c === null) return answer(A.errorAnswer('there is no segmented data yet: import data and segment it first'));
  return then(asCatalogue(c));
}

const labelsOf = (c: Catalogue) => new Map(c.fields.map((f) => [f.name, f.label]));

function rankArgs(spec: RankSpec): Record<string, unknown> {
  return { by: spec.by, order: spec.order, ...(spec.field ? { field: spec.field } : {}), ...(spec.where ? { where: spec.where } : {}), ...(spec.text ? { text: spec.text } : {}) };
}

function rank(input: PlanInput): Step {
  const ranked = input.done.find((d) => d.name === 'rank_segments');
  if (ranked) return answer(A.rankAnswer(ranked));
  const quick = rankSpec(input.question, null);
  if (quick && quick.by !== 'size') return call('rank_segments', rankArgs(quick));
  return withCatalogue(input, (c) => {
    const spec = rankSpec(input.question, c);
    if (spec) return call('rank_segments', rankArgs(spec));
    const parsed = filterConditions(input.question, c);
    return answer(parsed.unmatched.length ? A.unmatchedAnswer(parsed.unmatched, parsed.closest, labelsOf(c)) : "I couldn't tell what to rank the segments by; try “by size”, “by lifetime value” or a column such as income.");
  });
}

function focusSegment(input: PlanInput): number | null {
  return input.focus.segmentId;
}

function count(input: PlanInput): Step {
  const counted = input.done.find((d) => d.name === 'count_customers');
  const q = input.question;
  const aboutThem = pronoun.test(q) && focusSegment(input) !== null;
  const onlySize = aboutThem && /\bhow many (of them|are there|people are|customers are|are in)\b|\bhow many are there\b|\bhow big\b/i.test(q);
  if (counted) {
    const d = counted.result.data as { bySegment?: { name: string }[]; restated?: string };
    const name = onlySize ? (d.restated ?? '').replace(/^members of /, '') : null;
    return answer(A.countAnswer(counted, name));
  }
  if (onlySize && !/\b(have|with|who|from|in the|earn|mention)\b/i.test(q.replace(/are there|are in/i, ''))) {
    return call('count_customers', { where: [{ segmentId: focusSegment(input) }] });
  }
  return withCatalogue(input, (c) => {
    const parsed = filterConditions(q, c);
    if (parsed.conditions.some((x) => x.text) && !c.hasTexts) return answer(`I couldn't filter on what customers wrote: there are no customer texts in this data. ${columnsHint(c)}`);
    if (!parsed.conditions.length) {
      if (parsed.unmatched.length) return answer(A.unmatchedAnswer(parsed.unmatched, parsed.closest, labelsOf(c)));
      if (aboutThem) return call('count_customers', { where: [{ segmentId: focusSegment(input) }] });
      return call('count_customers', {});
    }
    const where: Condition[] = [...parsed.conditions, ...(aboutThem ? [{ segmentId: focusSegment(input) as number }] : [])];
    return call('count_customers', { where, ...(parsed.match === 'any' && !aboutThem ? { match: 'any' } : {}) });
  });
}

function columnsHint(c: Catalogue): string {
  return `You can filter on columns such as ${c.fields.slice(0, 5).map((f) => f.label).join(', ')}.`;
}

function resegment(input: PlanInput): Step {
  const done = input.done.find((d) => d.name === 'segment');
  if (done) return answer(A.segmentAnswer(done));
  const k = groupCount(input.question);
  const base = k ? { k } : {};
  if (pronoun.test(input.question)) {
    if (input.memory.subset) return call('segment', { ...base, where: input.memory.subset.where, ...(input.memory.subset.match === 'any' ? { match: 'any' } : {}) });
    if (input.focus.segmentId !== null) return call('segment', { ...base, where: [{ segmentId: input.focus.segmentId }] });
  }
  return withCatalogue(input, (c) => {
    const parsed = filterConditions(input.question.replace(/\b(everyone|everybody|all customers|all of them|again)\b/gi, ' '), c);
    if (parsed.conditions.some((x) => x.text) && !c.hasTexts) return answer(`I couldn't filter on what customers wrote: there are no customer texts in this data, so I have not re-segmented anything.`);
    if (!parsed.conditions.length && parsed.unmatched.length) return answer(A.unmatchedAnswer(parsed.unmatched, parsed.closest, labelsOf(c)));
    return call('segment', { ...base, ...(parsed.conditions.length ? { where: parsed.conditions, ...(parsed.match === 'any' ? { match: 'any' } : {}) } : {}) });
  });
}

function compare(input: PlanInput): Step {
  const compared = input.done.find((d) => d.name === 'compare_segments');
  if (compared) return answer(A.compareAnswer(compared));
  const ordinal = compareOrdinal(input.question, null);
  if (ordinal) return call('compare_segments', { ordinal: { ...rankArgs(ordinal), ranks: ordinal.ranks } });
  const finds = input.done.filter((d) => d.name === 'find_segment');
  const phrases = comparedPhrases(input.question);
  if (phrases.length === 2 || (phrases.length === 1 && input.focus.segmentId !== null)) {
    if (finds.length < phrases.length) return call('find_segment', { query: phrases[finds.length] });
    const missing = finds.find((f) => f.result.data?.matched === false);
    if (missing) return answer(A.noMatchAnswer(missing));
    const ids = finds.map((f) => (f.result.data?.segment as { segmentId: number }).segmentId);
    const [a, b] = ids.length === 2 ? ids : [input.focus.segmentId as number, ids[0]];
    return call('compare_segments', { a, b });
  }
  return withCatalogue(input, (c) => {
    const spec = compareOrdinal(input.question, c);
    if (spec) return call('compare_segments', { ordinal: { ...rankArgs(spec), ranks: spec.ranks } });
    return answer('Which two segments should I compare? Name them, or say for example “the two largest”.');
  });
}

function comparedPhrases(text: string): string[] {
  const m = text.match(/\b(?:compare|how do|how does|difference between)\s+(?:the\s+)?(.+?)\s+(?:and|with|to|vs\.?|versus|differ from|from)\s+(?:the\s+)?(.+?)[?.!]*$/i);
  if (!m) return [];
  const clean = (s: string) => s.replace(/\b(differ|segments?|groups?|personas?)\b/gi, '').trim();
  return [clean(m[1] as string), clean(m[2] as string)].filter((s) => s.length >= 3 && !pronoun.test(` ${s} `));
}

const superlative = /\b(most|least|highest|lowest|largest|biggest|smallest|top|best|worst|high|big|heavy|low)\b/i;

function exportPlan(input: PlanInput): Step {
  const exported = input.done.find((d) => d.name === 'export_segment');
  if (exported) return answer(A.exportAnswer(exported));
  const format = /\bjson\b/i.test(input.question) ? { format: 'json' } : {};
  if (pronoun.test(input.question) && input.focus.segmentId !== null) return call('export_segment', { ...format });
  if (/\b(segment|group|persona)\b/i.test(input.question) || superlative.test(input.question)) return segmentScoped(input, 'export_segment');
  return withCatalogue(input, (c) => {
    const parsed = filterConditions(input.question, c);
    if (parsed.conditions.length) return call('export_segment', { where: parsed.conditions, ...(parsed.match === 'any' ? { match: 'any' } : {}), ...format });
    return segmentScoped(input, 'export_segment');
  });
}

/**
 * Tools about one segment: by rank in the last answer ("the second one"), by a superlative in the
 * question ("the largest segment") through a ranking, by pronoun (the focus), or by description through
 * find_segment — and when no segment is called that, through the catalogue ("kayak lovers" → the segment
 * buying the most kayaks).
 */
function segmentScoped(input: PlanInput, tool: string): Step {
  const { done, question } = input;
  if (tool === 'explain_segment' && whyQuestion.test(question)) {
    const before = whyFigure(input);
    if ('call' in before) return before;
  }
  const main = done.find((d) => d.name === tool);
  if (main) return answer(tool === 'explain_segment' && whyQuestion.test(question) ? withWhyFigure(input, main) : render(tool, main, input));
  const extra: Record<string, unknown> = {
    ...(tool === 'get_evidence' ? { limit: quoteCount(question) ?? 5 } : {}),
    ...(tool === 'export_segment' && /\bjson\b/i.test(question) ? { format: 'json' } : {}),
  };
  const target = (segmentId: number, runId?: number | null) => call(tool, { ...(runId ? { runId } : {}), segmentId, ...extra });
  const ranked = done.find((d) => d.name === 'rank_segments');
  if (ranked) {
    const top = (ranked.result.data?.ranked as { segmentId: number }[] | undefined)?.[0];
    return top ? target(top.segmentId) : answer('No segment has that figure.');
  }
  const ordinal = ordinalReference(question);
  if (ordinal !== undefined && input.memory.ranking?.length) {
    const list = input.memory.ranking;
    const hit = list[ordinal < 0 ? list.length + ordinal : ordinal - 1];
    if (hit) return target(hit.segmentId, input.memory.rankingRunId);
  }
  const found = done.find((d) => d.name === 'find_segment');
  if (found) {
    if (found.result.data?.matched !== false) return target((found.result.data?.segment as { segmentId: number }).segmentId, found.result.data?.runId as number);
    // No segment is called that: the phrase may name a property of the data instead.
    return withCatalogue(input, (c) => {
      const spec = rankSpec(String(found.result.data?.query ?? question), c);
      return spec && spec.by !== 'size' ? call('rank_segments', rankArgs(spec)) : answer(A.noMatchAnswer(found));
    });
  }
  const phrase = describedGroup(question);
  const quick = superlative.test(question) ? rankSpec(question, null) : null;
  if (quick) return call('rank_segments', rankArgs(quick));
  if (superlative.test(question) && !pronoun.test(question)) {
    return withCatalogue(input, (c) => {
      const spec = rankSpec(question, c);
      if (spec) return call('rank_segments', rankArgs(spec));
      return phrase ? call('find_segment', { query: phrase }) : answer('Which segment do you mean?');
    });
  }
  if (phrase && !(pronoun.test(question) && input.intent !== 'find')) return call('find_segment', { query: phrase });
  if (input.focus.segmentId !== null) return call(tool, extra);
  if (phrase) return call('find_segment', { query: phrase });
  return answer('Which segment do you mean? Name it (for example by what its customers do), or ask me to list the segments.');
}

function render(tool: string, o: ToolOutcome, input: PlanInput): string {
  switch (tool) {
    case 'explain_segment':
      return A.explainAnswer(o);
    case 'get_evidence':
      return A.evidenceAnswer(o, quoteCount(input.question) ?? 5);
    case 'predict_ltv':
      return A.ltvAnswer(o);
    case 'map_channels':
      return A.channelsAnswer(o);
    case 'draft_campaign':
      return A.campaignAnswer(o, (o.result.data?.of as number | undefined) ?? null);
    case 'export_segment':
      return A.exportAnswer(o);
    default:
      return A.errorAnswer(`no answer for ${tool}`);
  }
}

const whyQuestion = /\bwhy\b/i;

/** The column a "why do they cancel so much?" names, read against the catalogue, or the concept words no column has. */
function whyTopic(input: PlanInput, c: Catalogue): { condition: Condition | null; missing: string[]; closest: string[] } {
  const parsed = filterConditions(input.question.replace(pronoun, ' ').replace(/\b(why|so|much|often|many|lot)\b/gi, ' '), c);
  const condition = parsed.conditions.find((x) => x.field !== undefined && x.segmentId === undefined) ?? null;
  return { condition, missing: condition ? [] : parsed.unmatched.filter(isConceptWord), closest: parsed.closest };
}

/**
 * Before explaining a segment for a "why …" question: the catalogue, then how common the named
 * behaviour is overall and per segment (one count), so the answer can put the segment's figure
 * beside everyone's. Questions naming no behaviour ("why are they like that?") go straight on.
 */
function whyFigure(input: PlanInput): Step | { proceed: true } {
  const c = catalogueOf(input);
  if (c === undefined) return call('describe_data');
  if (c === null) return { proceed: true };
  const topic = whyTopic(input, asCatalogue(c));
  if (topic.condition && !input.done.some((d) => d.name === 'count_customers')) return call('count_customers', { where: [topic.condition] });
  return { proceed: true };
}

function withWhyFigure(input: PlanInput, explained: ToolOutcome): string {
  const text = render('explain_segment', explained, input);
  const c = catalogueOf(input);
  if (!c) return text;
  const catalogue = asCatalogue(c);
  const counted = input.done.find((d) => d.name === 'count_customers');
  const segmentId = explained.result.data?.segmentId as number;
  const name = A.nameOf({ persona: (explained.result.data?.persona as { name?: string } | null)?.name ?? null, label: explained.result.data?.label as string });
  if (counted?.result.ok) return `${text}\n${A.figureLine(counted, segmentId, name, c.segments.length)}`;
  const topic = whyTopic(input, catalogue);
  if (!topic.missing.length) return text;
  const labels = labelsOf(catalogue);
  const cols = (topic.closest.length ? topic.closest : catalogue.fields.slice(0, 5).map((f) => f.name)).map((x) => labels.get(x) ?? x);
  return `${text}\nI can't see “${topic.missing.join(' ')}” in this data; the closest columns are ${cols.join(', ')}.`;
}
