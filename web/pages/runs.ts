/** The runs list (with the default run marked and a form to compare two) and the comparison page. */
import { html, type SafeHtml } from '../html.ts';
import { dataTable, page, type PageContext } from '../layout.ts';
import { fmtDate, fmtInt, fmtNum, fmtPct } from '../format.ts';
import type { RunDetail, RunRow } from '../load.ts';
import type { RunComparison } from '../compare.ts';

export function runsPage(ctx: PageContext, rows: readonly RunRow[]): SafeHtml {
  const succeeded = rows.filter((r) => r.run.status === 'succeeded');
  const options = (selected: number | undefined) =>
    succeeded.map((r) => html`<option value="${r.run.id}"${r.run.id === selected ? html` selected` : ''}>Run ${r.run.id}: ${r.datasets.join(', ')} (${r.run.algorithm ?? '—'}, ${r.segments} segments)</option>`);
  const table = rows.length
    ? dataTable(
        'Segmentation runs, newest first',
        ['Run', 'Date', 'Data', 'Algorithm', 'Customers', 'Segments', 'Silhouette', 'Stability', 'Noise', 'Coverage', 'ARI / NMI', 'Evaluations', 'Status'],
        rows.map((r) => [
          html`<a href="/runs/${r.run.id}">Run ${r.run.id}</a>${r.isDefault ? html` <span class="badge" title="the run new conversations start from">default</span>` : ''}`,
          fmtDate(r.run.createdAt),
          r.datasets.join(', '),
          r.run.algorithm ?? '—',
          fmtInt(r.run.customers),
          String(r.segments),
          fmtNum(r.metrics.silhouette ?? null, 3),
          fmtNum(r.metrics.stability?.mean ?? null, 3),
          fmtPct(r.metrics.noiseRate ?? null),
          fmtPct(r.metrics.coverage ?? null),
          r.metrics.ari !== undefined && r.metrics.ari !== null ? `${fmtNum(r.metrics.ari, 3)} / ${fmtNum(r.metrics.nmi ?? null, 3)}` : '—',
          r.evals.length
            ? r.evals.map((e, i) => html`${i ? html`<br>` : ''}${e.suite}: <span class="${e.passed ? 'ok' : 'bad'}">${e.passed ? 'passed' : 'failed'}</span>${e.scores.length ? html` (${e.scores.map((x) => `${x.metric} ${fmtNum(x.value, 3)}`).join(', ')})` : ''}`)
            : '—',
          r.run.status === 'failed' ? html`<span class="bad">failed</span>: ${r.run.error ?? ''}` : r.run.status,
        ]),
        { id: 'runs-table', numeric: [4, 5, 6, 7, 8, 9] },
      )
    : html`<p>No runs yet. Run <code>npx persona demo</code> or <code>npx persona segment</code>, then reload.</p>`;
  const compare =
    succeeded.length >= 2
      ? html`<section aria-labelledby="compare-h"><h2 id="compare-h">Compare two runs</h2>
<p>Segments are matched by the customers they share: kept (grew, shrank or stable), split, merged, dissolved or new.</p>
<form method="get" action="/compare" class="inline-form">
<label>First run <select name="a">${options(succeeded[1]?.run.id)}</select></label>
<label>Second run <select name="b">${options(succeeded[0]?.run.id)}</select></label>
<button type="submit">Compare</button>
</form></section>`
      : '';
  return page(ctx, { title: 'Runs', active: 'runs', body: html`<h1>Runs</h1>${table}${compare}` });
}

const kindWords: Record<string, string> = {
  stable: 'kept its customers as',
  grew: 'grew into',
  shrank: 'shrank into',
  split: 'split into',
  merged: 'merged with others into',
  dissolved: 'dissolved (no shared customers went anywhere in particular)',
};

export function comparePage(ctx: PageContext, a: RunDetail, b: RunDetail, c: RunComparison): SafeHtml {
  const seg = (run: RunDetail, id: number, label: string) => html`<a href="/runs/${run.run.id}/segments/${id}">${label}</a>`;
  const rows = c.changes.map((ch) => [
    seg(a, ch.segment, ch.label),
    fmtInt(ch.sizeBefore),
    html`<span class="change change-${ch.kind}">${ch.kind}</span>`,
    ch.targets.length ? ch.targets.map((t, i) => html`${i ? ', ' : ''}${seg(b, t.segment, t.label)} (${fmtPct(t.share, 0)})`) : '—',
    fmtInt(ch.sizeAfter),
    fmtNum(ch.jaccard, 2),
  ]);
  const bLabels = new Map(b.segments.map((s) => [s.id, s.label]));
  const matrixHead = ['First run segment', ...b.segments.map((s) => s.label)];
  const matrixRows = a.segments.map((s) => [s.label, ...b.segments.map((t) => fmtInt(c.overlap.get(s.id)?.get(t.id) ?? 0))]);
  return page(ctx, {
    title: `Compare runs ${a.run.id} and ${b.run.id}`,
    active: 'runs',
    body: html`<h1>Run ${a.run.id} → run ${b.run.id}</h1>
<p>${fmtInt(c.sharedCustomers)} customers are in both runs; ${fmtInt(c.onlyFirst)} only in run ${a.run.id}, ${fmtInt(c.onlySecond)} only in run ${b.run.id}.</p>
<ul class="plain">${c.changes.map((ch) => html`<li>${ch.label} ${kindWords[ch.kind]}${ch.targets.length ? html` ${ch.targets.map((t) => bLabels.get(t.segment) ?? '').join(', ')}` : ''}.</li>`)}
${c.newSegments.map((s) => html`<li>New in run ${b.run.id}: ${s.label} (${fmtInt(s.size)} customers).</li>`)}</ul>
${dataTable(`How run ${a.run.id}'s segments changed`, ['Segment', 'Customers before', 'Change', `Into (share of shared members)`, 'Customers after', 'Jaccard'], rows, { id: 'compare-table', numeric: [1, 4, 5] })}
${dataTable('Shared customers: rows are the first run, columns the second', matrixHead, matrixRows, { id: 'overlap-table', numeric: matrixHead.map((_, i) => i).slice(1) })}`,
  });
}
