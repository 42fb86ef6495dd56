/** Imported datasets with their reports: roles and why, missing, cleaning, filtering. */
import { html, type SafeHtml } from '../html.ts';
import { dataTable, page, type PageContext } from '../layout.ts';
import { fmtDate, fmtInt, fmtPct } from '../format.ts';
import { reportOf } from '../load.ts';
import type { Dataset } from '../../db/schema.ts';

function datasetSection(d: Dataset): SafeHtml {
  const r = reportOf(d);
  const counts = Object.entries((d.counts as Record<string, number> | null) ?? {});
  const columns = r.columns ?? [];
  return html`<section class="dataset" aria-labelledby="ds-${d.id}"><h2 id="ds-${d.id}">${d.name} <span class="badge">${d.kind}</span></h2>
<p class="lede">Dataset ${d.id} · ${d.format}${d.compressed ? ' (gzip)' : ''}${d.delimiter ? html` · delimiter <code>${d.delimiter === '\t' ? 'tab' : d.delimiter}</code>` : ''} · imported ${fmtDate(d.createdAt)}${r.dataset?.kindReason ? html` · ${r.dataset.kindReason}` : ''}</p>
${counts.length ? html`<dl class="stats">${counts.map(([k, v]) => html`<div><dt>${k.replace(/([A-Z])/g, ' $1').toLowerCase()}</dt><dd>${fmtInt(v)}</dd></div>`)}</dl>` : ''}
${columns.length ? dataTable(`Columns of ${d.name}: the role chosen and why`, ['Column', 'Role', 'Why', 'Present', 'Missing', 'Invalid', 'Distinct', 'Examples'], columns.map((c) => [c.name, c.role, c.reason, fmtInt(c.present), fmtInt(c.missing), fmtInt(c.invalid), fmtInt(c.distinct), (c.examples ?? []).slice(0, 3).join(' · ')]), { numeric: [3, 4, 5, 6] }) : ''}
${r.cleaning?.length ? dataTable(`Cleaning of ${d.name}`, ['Column', 'Rule', 'Cells', 'Detail'], r.cleaning.map((c) => [c.column, c.rule.replace(/_/g, ' '), fmtInt(c.count), c.detail]), { numeric: [2] }) : d.kind === 'texts' ? '' : html`<p>Cleaning changed nothing.</p>`}
${r.quality?.length ? dataTable(`Text quality filter of ${d.name}: kept and dropped per step`, ['Step', 'Before', 'Dropped', 'After', 'Kept of input'], r.quality.map((q) => [q.step.replace(/_/g, ' '), fmtInt(q.before), fmtInt(q.dropped), fmtInt(q.after), fmtPct(q.share)]), { numeric: [1, 2, 3, 4] }) : ''}
${r.invalid?.examples.length ? dataTable(`Invalid cells in ${d.name} (first ${r.invalid.examples.length} of ${r.invalid.total})`, ['Row', 'Column', 'Value', 'Problem'], r.invalid.examples.map((e) => [fmtInt(e.row), e.column, e.value, e.reason])) : ''}
</section>`;
}

export function dataPage(ctx: PageContext, datasets: readonly Dataset[]): SafeHtml {
  return page(ctx, {
    title: 'Data',
    active: 'data',
    body: html`<h1>Data</h1>
${datasets.length ? html`<nav aria-label="Datasets" class="toc"><ul>${datasets.map((d) => html`<li><a href="#ds-${d.id}">${d.name}</a></li>`)}</ul></nav>${datasets.map(datasetSection)}` : html`<p>No data imported yet. Run <code>npx persona import FILE</code> or <code>npx persona demo</code>.</p>`}`,
  });
}
