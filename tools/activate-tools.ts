/** Tools that turn a segment into action: value, channels, campaign, assignment and export. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { assignCustomers } from '../services/activate/assign.ts';
import { buildExport } from '../services/activate/export.ts';
import { defineTool } from './define.ts';
import { focusOnSegment } from './types.ts';
import { resolveRun, resolveSegment, segmentEvidence, segmentLine } from './resolve.ts';
import { runContext, predicateFor, PredicateError } from './catalogue/context.ts';
import { whereFields } from './catalogue/predicate.ts';
import { attributesFromDescription } from './catalogue/describe-customer.ts';
import { fail } from './define.ts';
import { defaultTimeZone, shiftClockTimes } from '../lib/time-zone.ts';

const runId = z.number().int().positive().optional().describe('Run id; omit for the run in focus, else the newest successful run');
const segmentId = z.number().int().min(0).optional().describe('Segment id within the run; omit for the segment in focus');

export const predictLtv = defineTool({
  name: 'predict_ltv',
  description: "A segment's predicted customer lifetime value (BG/NBD + Gamma-Gamma), probability alive and churn risk, ranked against the run's other segments.",
  schema: z.object({ runId, segmentId }).strict(),
  async run(ctx, args) {
    const { run, segment, all } = await resolveSegment(ctx.db, ctx.focus, args.runId, args.segmentId);
    if (!segment.value) return { ok: false, error: { code: 'not_available', message: `run ${run.id} has no value model for segment ${segment.id}` } };
    const ranked = all.filter((s) => s.value).sort((x, y) => (y.value?.meanClv ?? 0) - (x.value?.meanClv ?? 0) || x.id - y.id);
    return {
      ok: true,
      data: {
        runId: run.id,
        segment: segmentLine(segment),
        value: segment.value,
        currency: segment.value.currency ?? ctx.currency ?? null,
        rank: ranked.findIndex((s) => s.id === segment.id) + 1,
        of: ranked.length,
        others: ranked.map((s) => ({ segmentId: s.id, label: s.label, meanClv: s.value?.meanClv ?? null })),
      },
      evidence: segmentEvidence(run.id, segment, 2),
      focus: focusOnSegment(run.id, segment.id),
    };
  },
});

/**
 * A tool that returns one stored part of a segment (its channel plan, its campaign) with two evidence
 * items, and moves the focus to that segment.
 */
function segmentPartTool<K extends 'channelPlan' | 'campaign'>(name: string, description: string, part: K, field: string, missing: string) {
  return defineTool({
    name,
    description,
    schema: z.object({ runId, segmentId }).strict(),
    async run(ctx, args) {
      const { run, segment } = await resolveSegment(ctx.db, ctx.focus, args.runId, args.segmentId);
      const stored = segment[part];
      if (!stored) return { ok: false, error: { code: 'not_available', message: `segment ${segment.id} of run ${run.id} has no ${missing}` } };
      return {
        ok: true,
        data: { runId: run.id, segment: segmentLine(segment), [field]: inTimeZone(stored, ctx.timeZone) },
        evidence: segmentEvidence(run.id, segment, 2),
        focus: focusOnSegment(run.id, segment.id),
      };
    },
  });
}

type Plan = { sendTime?: { window: string } };
type Campaign = { channelPlan?: readonly { timing: string }[] };

/** Send times are stored as UTC clock times: shown in the configured zone, which is always named. */
function inTimeZone<T>(stored: T, zone: string | undefined): T {
  const z = zone ?? defaultTimeZone;
  const plan = stored as Plan & Campaign;
  return {
    ...stored,
    ...(plan.sendTime ? { sendTime: { ...plan.sendTime, window: shiftClockTimes(plan.sendTime.window, z) } } : {}),
    ...(plan.channelPlan ? { channelPlan: plan.channelPlan.map((c) => ({ ...c, timing: shiftClockTimes(c.timing, z) })) } : {}),
  } as T;
}

export const mapChannels = segmentPartTool(
  'map_channels',
  'Which channels reach a segment, in what tone, with what offer and when to send, each with the behaviour behind it.',
  'channelPlan',
  'plan',
  'channel plan',
);

export const draftCampaign = segmentPartTool(
  'draft_campaign',
  'A campaign draft for a segment: objective, audience, message, offer, channel plan and KPI, with its rank by value at stake.',
  'campaign',
  'campaign',
  'campaign draft',
);

const customerSchema = z.object({
  id: z.string().min(1).max(200).describe('Your id for this customer'),
  attributes: z.record(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional().describe('Customer-table columns, e.g. {"Income": 52000, "MntWines": 300}'),
  texts: z.array(z.object({ body: z.string().min(1).max(5000).describe('Something the customer wrote') })).max(50).optional().describe("The customer's texts"),
});

export const assignCustomer = defineTool({
  name: 'assign_customer',
  description: "Place new customers into a stored run's segments by nearest-neighbour vote, with a confidence.",
  schema: z
    .object({
      runId,
      customers: z.array(customerSchema).min(1).max(100).optional().describe('Customers to place, with their columns and texts'),
      description: z.string().min(3).max(1000).optional().describe('A customer described in words, e.g. "a 29-year-old in the UK who mostly buys on the app"; mapped onto the columns'),
    })
    .strict(),
  async run(ctx, args) {
    const run = await resolveRun(ctx.db, ctx.focus, args.runId);
    const customers = [...(args.customers ?? [])];
    let understood: string[] = [];
    let unmatched: string[] = [];
    if (args.description) {
      const rc = await runContext(ctx, run.id);
      const read = attributesFromDescription(rc.catalogue, args.description);
      understood = read.understood;
      unmatched = read.unmatched;
      customers.push({ id: 'described', attributes: read.attributes, ...(rc.catalogue.hasTexts ? { texts: [{ body: args.description }] } : {}) });
    }
    if (!customers.length) return fail('bad_value', 'assign_customer: give customers or a description');
    const placed = await assignCustomers(
      ctx.db,
      run.id,
      customers.map((c) => ({ id: c.id, ...(c.attributes ? { attributes: c.attributes } : {}), ...(c.texts ? { texts: c.texts } : {}) })),
    );
    const rc = await runContext(ctx, run.id);
    const named = placed.map((p) => ({ ...p, name: rc.catalogue.segments.find((s) => s.id === p.segmentId)?.name ?? p.label }));
    const top = named[named.length - 1];
    return { ok: true, data: { runId: run.id, assignments: named, understood, unmatched }, ...(top ? { focus: focusOnSegment(run.id, top.segmentId) } : {}) };
  },
});

export const exportSegment = defineTool({
  name: 'export_segment',
  description: "Write a segment's (or the whole run's) membership and persona cards to a CSV or JSON file for CRM import.",
  schema: z.object({
    runId,
    segmentId,
    format: z.enum(['csv', 'json']).default('csv').describe('File format'),
    wholeRun: z.boolean().default(false).describe('Export every segment of the run instead of one'),
    ...whereFields,
  }).strict(),
  async run(ctx, args) {
    const run = await resolveRun(ctx.db, ctx.focus, args.runId);
    let ids: Set<string> | undefined;
    let restated: string | undefined;
    if (args.where?.length) {
      try {
        const rc = await runContext(ctx, run.id);
        const predicate = await predicateFor(ctx, rc, args.where, args.match);
        ids = new Set(rc.data.rows.filter((r) => predicate.test(r)).map((r) => r.id));
        restated = predicate.words;
      } catch (err) {
        if (err instanceof PredicateError) return fail('unmapped', err.message);
        throw err;
      }
      if (!ids.size) return fail('empty_subset', `no customers match ${restated}, so there is nothing to export`);
    }
    // With conditions and no segment named, export the matching customers of every segment.
    const whole = args.wholeRun || (ids !== undefined && args.segmentId === undefined);
    const segment = whole ? undefined : (await resolveSegment(ctx.db, ctx.focus, run.id, args.segmentId)).segment;
    const result = await buildExport(ctx.db, run.id, args.format, segment?.id, ids);
    mkdirSync(ctx.exportDir, { recursive: true });
    const file = join(ctx.exportDir, `run-${run.id}${segment ? `-segment-${segment.id}` : ''}${ids ? `-filtered` : ''}.${args.format}`);
    writeFileSync(file, result.body);
    return {
      ok: true,
      data: { runId: run.id, segmentId: segment?.id ?? null, segmentName: segment ? ((segment.persona as { name?: string } | null)?.name ?? segment.label) : null, file, customers: result.customers, segments: result.segments, format: args.format, ...(restated ? { restated } : {}) },
      ...(segment ? { focus: focusOnSegment(run.id, segment.id) } : {}),
    };
  },
});
