/** Resolves the run and segment a tool call is about: explicit arguments first, then the focus. */
import type { Db } from '../db/client.ts';
import { defaultRun, getRun, runSegments } from '../db/queries/runs.ts';
import type { Run } from '../db/schema.ts';
import { PersonaError } from '../lib/errors.ts';
import { segmentView, type SegmentView } from '../pipeline/segment/segment-view.ts';
import type { SegmentEvidence } from '../pipeline/types.ts';
import type { Focus, ToolEvidence } from './types.ts';

export async function resolveRun(db: Db, focus: Focus, runId?: number): Promise<Run> {
  const id = runId ?? focus.runId ?? null;
  const run = id !== null ? await getRun(db, id) : await defaultRun(db);
  if (!run) throw new PersonaError('not_found', id !== null ? `no run ${id}` : 'no segmentation run yet: import data and segment it first');
  if (run.status !== 'succeeded') throw new PersonaError('not_found', `run ${run.id} is ${run.status}${run.error ? `: ${run.error}` : ''}`);
  return run;
}

export async function runSegmentViews(db: Db, runId: number): Promise<SegmentView[]> {
  return (await runSegments(db, runId)).map(segmentView);
}

export async function resolveSegment(db: Db, focus: Focus, runId?: number, segmentId?: number): Promise<{ run: Run; segment: SegmentView; all: SegmentView[] }> {
  // Without a segment id, "them" is the segment in focus, in the run it came from.
  const useFocus = segmentId === undefined && focus.segmentId !== null && (runId === undefined || runId === focus.segmentRunId);
  const run = await resolveRun(db, focus, useFocus ? (focus.segmentRunId ?? undefined) : runId);
  const all = await runSegmentViews(db, run.id);
  const id = segmentId ?? (useFocus ? focus.segmentId : null);
  if (id === null || id === undefined) {
    throw new PersonaError('bad_value', `which segment? run ${run.id} has ${all.map((s) => `${s.id} "${s.label}"`).join(', ')}`);
  }
  const segment = all.find((s) => s.id === id);
  if (!segment) throw new PersonaError('not_found', `run ${run.id} has no segment ${id}; it has ${all.map((s) => s.id).join(', ')}`);
  return { run, segment, all };
}

/** A stored segment's evidence as tool evidence: texts as they are, exemplars as a line of key numbers. */
export function segmentEvidence(runId: number, segment: SegmentView, limit = 5): ToolEvidence[] {
  const name = personaName(segment) ?? segment.label;
  return (segment.evidence as SegmentEvidence[]).slice(0, limit).map((e) => {
    switch (e.kind) {
      case 'text':
        return { text: e.text, textId: e.textId, customerId: e.customerId, segmentId: segment.id, runId, at: e.at, segmentName: name };
      case 'exemplar':
        return {
          // The id stays in customerId (JSON); the text is read by people, so it names no id.
          text: `A typical customer: ${e.stats.map((s) => `${s.description} ${formatNumber(s.value)}`).join('; ')}`,
          textId: null,
          customerId: e.customerId,
          segmentId: segment.id,
          runId,
          at: null,
          segmentName: name,
        };
      default: {
        const never: never = e;
        throw new PersonaError('internal', `unknown evidence ${JSON.stringify(never)}`);
      }
    }
  });
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The compact segment line tools return in lists. */
export function segmentLine(s: SegmentView): { segmentId: number; label: string; size: number; sharePct: number; persona: string | null; unstable?: true } {
  // Only an unstable segment carries the flag: answers must say so (bootstrap stability below the bar).
  return { segmentId: s.id, label: s.label, size: s.size, sharePct: Math.round(s.share * 1000) / 10, persona: personaName(s), ...(s.unstable ? { unstable: true as const } : {}) };
}

export function personaName(s: SegmentView): string | null {
  return (s.persona as { name?: string } | null)?.name ?? null;
}
