/**
 * Tools over the run's catalogue: what data there is, how many customers match a predicate (and in
 * which segments), a subset's profile, and segments ranked by any statistic.
 */
import { z } from 'zod';
import { defineTool, fail } from './define.ts';
import { runContext, predicateFor, PredicateError, type RunContext } from './catalogue/context.ts';
import { findField, flagValue, whereFields, conditionSchema } from './catalogue/predicate.ts';
import type { CatalogueField } from './catalogue/catalogue.ts';
import { senses } from './catalogue/words.ts';
import { formatNumber } from './resolve.ts';
import { focusOnSegment, type ToolContext, type ToolResult } from './types.ts';

const runId = z.number().int().positive().optional().describe('Run id; omit for the run in focus, else the default run');

async function guarded(run: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof PredicateError) return fail('unmapped', err.message);
    throw err;
  }
}

export const describeData = defineTool({
  name: 'describe_data',
  description: 'What data the run has: every column and derived figure with a plain name, kind, unit, levels or range; whether there are customer texts; the segments with persona names and key numbers. Use it to map words like "UK" or "kids at home" to conditions.',
  schema: z.object({ runId }).strict(),
  async run(ctx, args) {
    const rc = await runContext(ctx, args.runId);
    const c = rc.catalogue;
    return {
      ok: true,
      data: {
        runId: c.runId,
        customers: c.customers,
        hasTexts: c.hasTexts,
        currency: currencyOf(ctx, rc),
        fields: c.fields.map((f) => ({
          name: f.name,
          label: f.label,
          kind: f.kind,
          unit: f.unit,
          ...(f.levels && f.kind !== 'flag' ? { levels: f.levels.slice(0, 40).map((l) => l.value), moreLevels: Math.max(0, f.levels.length - 40) } : {}),
          ...(f.kind === 'flag' ? { yes: f.yes, no: f.no } : {}),
          ...(f.range ? { range: { min: f.range.min, max: f.range.max, mean: Math.round(f.range.mean * 100) / 100 } } : {}),
        })),
        segments: c.segments,
        features: c.features.map((f) => f.name),
      },
      focus: { ...ctx.focus, runId: c.runId },
    };
  },
});

const countSchema = z.object({ runId, ...whereFields }).strict();

async function matching(ctx: ToolContext, args: z.infer<typeof countSchema>) {
  const rc = await runContext(ctx, args.runId);
  const predicate = await predicateFor(ctx, rc, args.where ?? [], args.match);
  const rows = rc.data.rows.filter((r) => predicate.test(r));
  return { rc, predicate, rows };
}

export const countCustomers = defineTool({
  name: 'count_customers',
  description: 'Count the customers matching a predicate (conditions on any column or derived figure, text keyword or meaning, segment membership; AND/OR), with their share and a breakdown by segment, restated in plain words.',
  schema: countSchema,
  async run(ctx, args) {
    return guarded(async () => {
      const { rc, predicate, rows } = await matching(ctx, args);
      return { ok: true, data: { runId: rc.run.id, customers: rc.data.rows.length, matching: rows.length, sharePct: pct(rows.length, rc.data.rows.length), restated: predicate.words, bySegment: bySegment(rc, rows) }, focus: { ...ctx.focus, runId: rc.run.id } };
    });
  },
});

export const profileSubset = defineTool({
  name: 'profile_subset',
  description: 'Profile the customers matching a predicate: count, share, segments they fall in, and the columns where they differ most from everyone.',
  schema: countSchema,
  async run(ctx, args) {
    return guarded(async () => {
      const { rc, predicate, rows } = await matching(ctx, args);
      const differences = rc.catalogue.fields
        .filter((f) => f.kind === 'number' && f.range)
        .map((f) => {
          const mean = meanOf(rows.map((r) => r.values[f.name]));
          const all = f.range!.mean;
          const spread = Math.max(Math.abs(f.range!.max - f.range!.min), 1e-9);
          return { field: f.name, label: f.label, subset: mean, everyone: all, gap: mean === null ? 0 : Math.abs(mean - all) / spread };
        })
        .filter((d) => d.subset !== null)
        .sort((a, b) => b.gap - a.gap)
        .slice(0, 5);
      return { ok: true, data: { runId: rc.run.id, customers: rc.data.rows.length, matching: rows.length, sharePct: pct(rows.length, rc.data.rows.length), restated: predicate.words, bySegment: bySegment(rc, rows), differences }, focus: { ...ctx.focus, runId: rc.run.id } };
    });
  },
});

const rankBy = ['size', 'clv', 'churn', 'sentiment', 'mean', 'share', 'order_value', 'text'] as const;

export const rankSegments = defineTool({
  name: 'rank_segments',
  description: "Rank the run's segments by a statistic: size, lifetime value (clv), churn risk, sentiment, the mean of any column or feature (mean + field), the share of members matching a condition (share + where, e.g. doctors), average order value, or the share whose texts mention a keyword (text).",
  schema: z
    .object({
      runId,
      by: z.enum(rankBy).describe('The statistic to rank by'),
      field: z.string().min(1).max(100).optional().describe('Column or feature for by=mean'),
      where: z.array(conditionSchema).max(5).optional().describe('Condition(s) for by=share'),
      text: z.string().min(2).max(100).optional().describe('Keyword for by=text'),
      order: z.enum(['desc', 'asc']).default('desc').describe('desc: highest first (default); asc: lowest first'),
    })
    .strict(),
  async run(ctx, args) {
    return guarded(async () => {
      const rc = await runContext(ctx, args.runId);
      const r = await rankedSegments(ctx, rc, args);
      if ('error' in r) return fail('not_available', r.error);
      const top = r.ranked[0];
      // The segment ranked first is what "them" means next.
      return { ok: true, data: { runId: rc.run.id, by: args.by, statistic: r.words, order: args.order, of: r.ranked.length, ranked: r.ranked, note: r.note ?? null }, focus: top ? focusOnSegment(rc.run.id, top.segmentId) : { ...ctx.focus, runId: rc.run.id } };
    });
  },
});

export interface RankArgs {
  readonly by: (typeof rankBy)[number];
  readonly field?: string | undefined;
  readonly where?: z.infer<typeof conditionSchema>[] | undefined;
  readonly text?: string | undefined;
  readonly order?: 'desc' | 'asc' | undefined;
}

export const rankBySchema = z.enum(rankBy);

/** Segments in order of a statistic, with the value shown in plain words. */
export async function rankedSegments(ctx: ToolContext, rc: RunContext, args: RankArgs) {
  const stat = await statistic(ctx, rc, args);
  if ('error' in stat) return stat;
  const sign = args.order === 'asc' ? 1 : -1;
  const ranked = rc.catalogue.segments
    .map((s) => ({ segmentId: s.id, name: s.name, size: s.size, value: stat.values.get(s.id) ?? null }))
    .filter((x) => x.value !== null && Number.isFinite(x.value))
    .sort((a, b) => sign * ((a.value as number) - (b.value as number)) || a.segmentId - b.segmentId)
    .map((x, i) => ({ rank: i + 1, ...x, display: stat.display(x.value as number) }));
  return { ranked, words: stat.words, note: stat.note };
}

type Stat = { values: Map<number, number>; words: string; display: (v: number) => string; note?: string } | { error: string };

async function statistic(ctx: ToolContext, rc: RunContext, args: { by: (typeof rankBy)[number]; field?: string | undefined; where?: z.infer<typeof conditionSchema>[] | undefined; text?: string | undefined }): Promise<Stat> {
  const members = new Map<number, typeof rc.data.rows[number][]>();
  for (const r of rc.data.rows) if (r.segment !== null) members.set(r.segment, [...(members.get(r.segment) ?? []), r]);
  const money = moneyFormatter(currencyOf(ctx, rc));
  const percent = (v: number) => `${formatNumber(v * 100)}%`;
  const perSegment = (f: (rows: typeof rc.data.rows[number][], id: number) => number | null) => {
    const values = new Map<number, number>();
    for (const s of rc.segments) {
      const v = f(members.get(s.id) ?? [], s.id);
      if (v !== null) values.set(s.id, v);
    }
    return values;
  };
  const featureMean = (name: string) => perSegment((_, id) => rc.segments.find((s) => s.id === id)?.contrasts.find((c) => c.feature === name)?.segmentMean ?? null);
  switch (args.by) {
    case 'size':
      return { values: perSegment((_, id) => rc.segments.find((s) => s.id === id)?.size ?? null), words: 'number of customers', display: (v) => `${formatNumber(v)} customers` };
    case 'clv': {
      const values = perSegment((_, id) => rc.segments.find((s) => s.id === id)?.value?.meanClv ?? null);
      if (!values.size) return { error: 'this data has no purchase or spend history, so there is no lifetime value to rank by' };
      const proxy = rc.segments.some((s) => s.value?.method === 'snapshot-proxy');
      return { values, words: proxy ? 'average current spend per customer (a stand-in for lifetime value)' : 'predicted lifetime value per customer', display: money, note: proxy ? 'Without purchase histories, value is current spend per customer.' : 'Lifetime value is predicted from each customer’s purchase history.' };
    }
    case 'churn': {
      const flag = rc.catalogue.fields.find((f) => f.kind === 'flag' && senses('churn').some((s) => f.name.toLowerCase().includes(s)));
      if (flag) {
        return { values: perSegment((rows) => (rows.length ? rows.filter((r) => flagValue(flag, r.values[flag.name] ?? null) === true).length / rows.length : null)), words: `share who have ${flag.label === flag.name.toLowerCase() ? 'churned' : `${flag.label}: yes`}`, display: percent };
      }
      const alive = perSegment((_, id) => {
        const p = rc.segments.find((s) => s.id === id)?.value?.probabilityAlive;
        return p === null || p === undefined ? null : 1 - p;
      });
      if (alive.size) return { values: alive, words: 'chance of having stopped buying', display: percent, note: 'Churn risk is the modelled chance that a customer has stopped buying.' };
      const recency = featureMean('recency_days');
      if (recency.size) return { values: recency, words: 'days since the last purchase (longer means more at risk)', display: (v) => `${formatNumber(v)} days` };
      return { error: 'this data has no churn flag and no purchase history, so churn risk cannot be ranked' };
    }
    case 'sentiment': {
      const values = featureMean('sentiment_mean');
      if (!values.size) return { error: 'there are no customer texts, so there is no sentiment to rank by' };
      return { values, words: 'average tone of their messages (−1 negative to +1 positive)', display: (v) => formatNumber(v) };
    }
    case 'order_value': {
      const field = findField(rc.catalogue, 'avg_order_value');
      if (field) return meanStat(rc, members, field, money);
      const values = featureMean('avg_order_value');
      if (!values.size) return { error: 'there are no orders in this data, so there is no order value to rank by' };
      return { values, words: 'average order value', display: money };
    }
    case 'mean': {
      if (!args.field) return { error: 'ranking by a mean needs a column' };
      const field = findField(rc.catalogue, args.field);
      if (field && (field.kind === 'number' || field.kind === 'flag')) return meanStat(rc, members, field, field.unit === 'money' ? money : (v) => formatNumber(v));
      const feature = rc.catalogue.features.find((f) => f.name.toLowerCase() === args.field!.toLowerCase());
      if (feature) return { values: featureMean(feature.name), words: feature.label, display: (v) => formatNumber(v) };
      return { error: `there is no numeric column called “${args.field}”` };
    }
    case 'share': {
      const where = args.where ?? [];
      if (!where.length) return { error: 'ranking by a share needs a condition' };
      const predicate = await predicateFor(ctx, rc, where);
      return { values: perSegment((rows) => (rows.length ? rows.filter((r) => predicate.test(r)).length / rows.length : null)), words: `share of ${predicate.words}`, display: percent };
    }
    case 'text': {
      if (!args.text) return { error: 'ranking by mentions needs a keyword' };
      if (!rc.catalogue.hasTexts) return { error: `there are no customer texts in this data, so I can't rank by mentions of “${args.text}”` };
      const k = args.text.toLowerCase();
      return { values: perSegment((rows) => (rows.length ? rows.filter((r) => r.text.includes(k)).length / rows.length : null)), words: `share whose messages mention “${args.text}”`, display: percent };
    }
    default: {
      const never: never = args.by;
      return { error: `unknown statistic ${String(never)}` };
    }
  }
}

function meanStat(rc: RunContext, members: Map<number, RunContext['data']['rows'][number][]>, field: CatalogueField, display: (v: number) => string): Stat {
  const values = new Map<number, number>();
  const flag = field.kind === 'flag';
  for (const s of rc.segments) {
    const rows = members.get(s.id) ?? [];
    const m = flag ? (rows.length ? rows.filter((r) => flagValue(field, r.values[field.name] ?? null) === true).length / rows.length : null) : meanOf(rows.map((r) => r.values[field.name]));
    if (m !== null) values.set(s.id, m);
  }
  return flag ? { values, words: `share with ${field.label}`, display: (v) => `${formatNumber(v * 100)}%` } : { values, words: `average ${field.label}`, display };
}

function meanOf(values: readonly unknown[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(x)) (sum += x), n++;
  }
  return n ? sum / n : null;
}

function bySegment(rc: RunContext, rows: readonly { segment: number | null }[]) {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.segment !== null) counts.set(r.segment, (counts.get(r.segment) ?? 0) + 1);
  return rc.catalogue.segments
    .map((s) => ({ segmentId: s.id, name: s.name, count: counts.get(s.id) ?? 0, pctOfMatches: pct(counts.get(s.id) ?? 0, rows.length), pctOfSegment: pct(counts.get(s.id) ?? 0, s.size) }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.segmentId - b.segmentId);
}

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);

/** The currency answers use: the dataset's own, else the configured one, else none. */
export function currencyOf(ctx: ToolContext, rc: RunContext): string | null {
  return rc.segments.find((s) => s.value?.currency)?.value?.currency ?? ctx.currency ?? null;
}

export function moneyFormatter(currency: string | null): (v: number) => string {
  return (v) => `${currency ? `${currency} ` : ''}${v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 })}`;
}
