import type { Command } from 'commander';
import { getRun, latestSucceededRun, runSegments } from '../../db/queries/runs.ts';
import { latestEvalResultsOfRun } from '../../db/queries/evals.ts';
import { evaluationLine } from '../../evals/stored.ts';
import { PersonaError } from '../../lib/errors.ts';
import { segmentView, type SegmentView } from '../../pipeline/segment/segment-view.ts';
import { withDatabase } from '../context.ts';
import { parseId } from '../args.ts';
import { createOutput } from '../output.ts';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description("print a run's segments: description, card, evidence, value, channels and campaign")
    .argument('[run]', 'run id (default: the newest successful run)')
    .option('--segment <id>', 'only this segment')
    .option('--json', 'print one JSON document')
    .action(async (runArg: string | undefined, opts: { segment?: string; json?: boolean }) => {
      const out = createOutput(Boolean(opts.json));
      await withDatabase(async ({ db }) => {
        const run = runArg ? await getRun(db, parseId('run', runArg)) : await latestSucceededRun(db);
        if (!run) throw new PersonaError('not_found', runArg ? `no run ${runArg}; see \`persona runs\`` : 'no successful run yet; try `persona demo`');
        if (run.status !== 'succeeded') throw new PersonaError('not_found', `run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}`);
        // Every feature's contrast is for comparisons, not for reading: shown segments keep the top ones.
        let segments = (await runSegments(db, run.id)).map(segmentView).map(({ contrasts: _contrasts, ...rest }) => rest);
        if (opts.segment !== undefined) {
          segments = segments.filter((s) => s.id === Number(opts.segment));
          if (!segments.length) throw new PersonaError('not_found', `run ${run.id} has no segment ${opts.segment}`);
        }
        const evals = await latestEvalResultsOfRun(db, run.id);
        const verdict = (run.metrics as { verdict?: { reliable: boolean; reasons: string[] } } | null)?.verdict ?? null;
        out.result(
          {
            runId: run.id,
            algorithm: run.algorithm,
            customers: run.customers,
            verdict,
            segments,
            evals: evals.map((e) => ({ suite: e.suite, passed: e.passed, scores: e.scores, checks: e.checks, createdAt: e.createdAt })),
          },
          () =>
            [
              ...(verdict && !verdict.reliable ? [`No reliable segments: ${verdict.reasons.join('; ')}. Treat these personas as unconfirmed.`] : []),
              ...segments.map(renderSegment),
              evals.length ? `Evaluation\n${evals.map((e) => `  ${evaluationLine(e, headlineMetrics)}`).join('\n')}` : `Not evaluated yet: \`persona eval --run ${run.id}\``,
            ].join('\n\n'),
        );
      });
    });
}

const headlineMetrics = ['grounding', 'claim_precision', 'identifiability', 'distinctiveness.max_similarity', 'evidence_relevance', 'stability.bootstrap_jaccard', 'stability.same_names', 'terms.npmi', 'terms.diversity'];

export function renderSegment(s: Omit<SegmentView, 'contrasts'>): string {
  const lines = [`Segment ${s.id} · ${s.label} · ${s.size.toLocaleString('en-US')} customers (${(s.share * 100).toFixed(1)}%)`];
  if (s.unstable) lines.push(`  Unstable: bootstrap stability ${s.stability?.toFixed(2)} (below 0.6), this segment may not reappear on a refit`);
  if (s.description) {
    lines.push(...s.description.reasons.map((r) => `  • ${r}`));
    if (s.description.activity.peakHour !== null) {
      lines.push(`  Most active around ${String(s.description.activity.peakHour).padStart(2, '0')}:00 UTC, busiest on ${s.description.activity.peakWeekday}`);
    }
  }
  if (s.channelPlan) {
    lines.push(`  Channels: ${s.channelPlan.channels.slice(0, 3).map((c) => `${c.channel} (${c.why})`).join(', ')}`);
    lines.push(`  Tone: ${s.channelPlan.tone.style} · Offer: ${s.channelPlan.offer.type} · Send: ${s.channelPlan.sendTime.window}`);
  }
  if (s.campaign) lines.push(`  Campaign #${s.campaign.rank}: ${s.campaign.objective}. KPI: ${s.campaign.kpi.metric}, ${s.campaign.kpi.target}`);
  return lines.join('\n');
}
