/**
 * compare_runs: how the segments of two runs correspond by shared members — which segment became which,
 * which grew or shrank, which split or merged — for "what changed since the last run?".
 */
import { z } from 'zod';
import { getRun, listRuns, runAssignments } from '../db/queries/runs.ts';
import { defineTool, fail } from './define.ts';
import { resolveRun, runSegmentViews, segmentLine } from './resolve.ts';

const share = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);

export const compareRuns = defineTool({
  name: 'compare_runs',
  description: 'Compare two segmentation runs by their shared customers: which segment of the earlier run each new segment mostly comes from, which grew, shrank, split or merged. Defaults: the run in focus against the run it was made from (or the run before it).',
  schema: z
    .object({
      runId: z.number().int().positive().optional().describe('The newer run; omit for the run in focus'),
      baseRunId: z.number().int().positive().optional().describe('The earlier run; omit for the run the newer one was made from, else the previous run'),
    })
    .strict(),
  async run(ctx, args) {
    const newer = await resolveRun(ctx.db, ctx.focus, args.runId);
    let baseId = args.baseRunId ?? newer.parentRunId ?? null;
    if (baseId === null) baseId = (await listRuns(ctx.db, 200)).find((r) => r.id < newer.id && r.status === 'succeeded')?.id ?? null;
    const base = baseId !== null ? await getRun(ctx.db, baseId) : null;
    if (!base || base.status !== 'succeeded') return fail('not_found', 'there is no earlier run to compare with');
    const [segA, segB, asgA, asgB] = await Promise.all([runSegmentViews(ctx.db, base.id), runSegmentViews(ctx.db, newer.id), runAssignments(ctx.db, base.id), runAssignments(ctx.db, newer.id)]);
    const inA = new Map(asgA.map((a) => [a.customerExternalId, a.segmentIndex]));
    const overlap = new Map<string, number>();
    let shared = 0;
    for (const b of asgB) {
      const a = inA.get(b.customerExternalId);
      if (a === undefined) continue;
      shared++;
      const key = `${a}:${b.segmentIndex}`;
      overlap.set(key, (overlap.get(key) ?? 0) + 1);
    }
    const count = (a: number, b: number) => overlap.get(`${a}:${b}`) ?? 0;
    const line = (s: (typeof segA)[number]) => {
      const l = segmentLine(s);
      return { segmentId: l.segmentId, name: l.persona ?? l.label, size: l.size };
    };
    const newSegments = segB.map((b) => {
      const sources = segA
        .map((a) => ({ ...line(a), shared: count(a.id, b.id), pctOfNew: share(count(a.id, b.id), b.size) }))
        .filter((x) => x.shared > 0)
        .sort((x, y) => y.shared - x.shared);
      const main = sources[0];
      const merged = sources.filter((x) => x.pctOfNew >= 25).length >= 2;
      const change = main ? (b.size > main.size * 1.1 ? 'grew' : b.size < main.size * 0.9 ? 'shrank' : 'kept its size') : 'new';
      return { ...line(b), mostlyFrom: main ?? null, merged, change, sources: sources.slice(0, 3) };
    });
    const oldSegments = segA.map((a) => {
      const targets = segB.map((b) => ({ ...line(b), shared: count(a.id, b.id), pctOfOld: share(count(a.id, b.id), a.size) })).filter((x) => x.pctOfOld >= 25);
      return { ...line(a), split: targets.length >= 2, into: targets };
    });
    return {
      ok: true,
      data: {
        runId: newer.id,
        baseRunId: base.id,
        newer: { customers: asgB.length, segments: segB.length, createdAt: newer.createdAt },
        earlier: { customers: asgA.length, segments: segA.length, createdAt: base.createdAt },
        sharedCustomers: shared,
        newSegments,
        oldSegments,
      },
    };
  },
});
