/** Run overview: metrics, the segment treemap, the 2-D map and the data funnel. */
import { html, jsonIsland, type SafeHtml } from '../html.ts';
import { chartFigure, dataTable, page, type PageContext } from '../layout.ts';
import { fmtDate, fmtInt, fmtNum, fmtPct, round } from '../format.ts';
import { dataFunnel, type RunDetail } from '../load.ts';
import { personaName } from './segment.ts';

export function overviewPage(ctx: PageContext, d: RunDetail, mapMax: number): SafeHtml {
  const { run, metrics: m } = d;
  const header = html`<h1>Run ${run.id}${d.isDefault ? html` <span class="badge">default</span>` : ''}</h1>
<p class="lede">${d.datasets.map((x) => x.name).join(', ') || 'no datasets'} · ${run.algorithm ?? '—'} · ${fmtInt(run.customers)} customers · ${d.segments.length} segments · seed ${run.seed} · ${fmtDate(run.createdAt)}</p>`;
  if (run.status !== 'succeeded') {
    return page(ctx, { title: `Run ${run.id}`, active: 'runs', body: html`${header}<p class="bad">This run ${run.status === 'failed' ? 'failed' : 'is still running'}${run.error ? html`: ${run.error}` : ''}.</p>` });
  }
  const metric = (label: string, value: string, help: string) => html`<div class="metric"><dt>${label}</dt><dd>${value}</dd><dd class="help">${help}</dd></div>`;
  const metricsPanel = html`<section aria-labelledby="metrics-h"><h2 id="metrics-h">Quality</h2><dl class="metrics" id="metrics">
${metric('Silhouette', fmtNum(m.silhouette ?? null, 3), 'separation, −1 to 1; higher is better')}
${metric('Stability', fmtNum(m.stability?.mean ?? null, 3), 'mean bootstrap Jaccard per segment, 0 to 1')}
${metric('Noise', fmtPct(m.noiseRate ?? null), 'customers the clusterer called noise (then reassigned)')}
${metric('Coverage', fmtPct(m.coverage ?? null), 'customers placed in a segment')}
${m.dbcv !== undefined && m.dbcv !== null ? metric('DBCV', fmtNum(m.dbcv, 3), 'density-based validity, −1 to 1') : ''}
${metric('Davies–Bouldin', fmtNum(m.daviesBouldin ?? null, 3), 'lower is better')}
${m.ari !== undefined && m.ari !== null ? metric('ARI / NMI', `${fmtNum(m.ari, 3)} / ${fmtNum(m.nmi ?? null, 3)}`, 'agreement with the labels column') : ''}
</dl></section>`;

  const items = d.segments.map((s) => ({
    id: s.id,
    name: s.label,
    persona: personaName(s.persona),
    value: s.size,
    share: round(s.share, 4),
    href: `/runs/${run.id}/segments/${s.id}`,
    colour: { value: round(s.value?.meanClv ?? null, 2), sentiment: round(s.description?.sentiment ?? null, 3), stability: round(s.stability, 3) },
  }));
  const segTable = dataTable(
    'Segments: customers, share, value, sentiment and stability',
    ['Segment', 'Persona', 'Customers', 'Share', 'Mean 12-month value', 'Churn risk', 'Sentiment', 'Stability'],
    d.segments.map((s) => [
      html`<a href="/runs/${run.id}/segments/${s.id}">${s.label}</a>`,
      personaName(s.persona) ?? '—',
      fmtInt(s.size),
      fmtPct(s.share),
      fmtNum(s.value?.meanClv ?? null, 2),
      s.value?.churnRisk ?? '—',
      fmtNum(s.description?.sentiment ?? null, 3),
      fmtNum(s.stability, 3),
    ]),
    { id: 'segments-table', numeric: [2, 3, 4, 6, 7] },
  );
  const treemap = html`<section aria-labelledby="treemap-h"><h2 id="treemap-h">Segments</h2>
<fieldset class="colour-by"><legend>Colour by</legend>
<label><input type="radio" name="colour" value="value" checked> value</label>
<label><input type="radio" name="colour" value="sentiment"> sentiment</label>
<label><input type="radio" name="colour" value="stability"> stability</label>
</fieldset>
<p class="help" id="treemap-legend">Area is customers. Select a segment (or use the links in the table) to open it.</p>
${chartFigure('treemap', 'Segment treemap (area = customers)', segTable, { tall: true })}
${jsonIsland('treemap-data', { kind: 'treemap', items })}
</section>`;

  const map = html`<section aria-labelledby="map-h"><h2 id="map-h">2-D map of customers</h2>
<p class="help" id="map-status" role="status">Loading the map…</p>
<figure class="chart" aria-labelledby="map-title"><figcaption id="map-title">Customers on the stored 2-D map, coloured by segment; scroll or drag the slider to zoom, hover for the pseudonymised id</figcaption>
<div class="chart-canvas tall" id="map" data-src="/runs/${run.id}/map.json" data-max="${mapMax}" role="img" aria-label="2-D map of customers coloured by segment: the table below counts points per segment"></div>
<details class="alt"><summary>Data table: points per segment on the map</summary><div id="map-table"></div></details>
</figure></section>`;

  const funnel = dataFunnel(d);
  const funnelSection = html`<section aria-labelledby="funnel-h"><h2 id="funnel-h">Data funnel</h2>
${dataTable('Rows imported, cleaned, texts kept or dropped per quality-filter step', ['Stage', 'Dataset', 'Before', 'After', 'Kept', 'Note'], funnel.map((f) => [f.stage, f.dataset, fmtInt(f.before), fmtInt(f.after), f.before ? fmtPct(f.after / f.before) : '—', f.note]), { id: 'funnel-table', numeric: [2, 3, 4] })}
</section>`;

  return page(ctx, {
    title: `Run ${run.id} overview`,
    active: 'runs',
    charts: true,
    scripts: ['/assets/map.js'],
    preload: [`/runs/${run.id}/map.json`],
    body: html`${header}<div class="grid-2">${metricsPanel}${treemap}</div>${map}${funnelSection}`,
  });
}
