/** Assign: a customer's values (a form built from the run's customer columns, or pasted JSON) → segment. */
import { html, type SafeHtml } from '../html.ts';
import { dataTable, page, type PageContext } from '../layout.ts';
import { fmtPct } from '../format.ts';
import type { RunDetail, RunRow } from '../load.ts';
import { reportOf } from '../load.ts';

export interface AssignField {
  readonly name: string;
  readonly role: string;
  readonly examples: readonly string[];
}

export interface AssignOutcome {
  readonly error?: string;
  readonly results?: readonly { customerId: string; segmentId: number; label: string; confidence: number }[];
}

const formRoles = new Set(['numeric', 'categorical', 'boolean', 'datetime', 'amount', 'price', 'quantity']);

/** The customer-table columns a new customer can be described by. */
export function assignFields(d: RunDetail): AssignField[] {
  const table = d.datasets.find((x) => x.kind === 'customers');
  if (!table) return [];
  return (reportOf(table).columns ?? []).filter((c) => formRoles.has(c.role)).map((c) => ({ name: c.name, role: c.role, examples: c.examples ?? [] }));
}

export function assignPage(ctx: PageContext, runs: readonly RunRow[], d: RunDetail | null, o: { values: Record<string, string>; json: string; outcome: AssignOutcome | null }): SafeHtml {
  const succeeded = runs.filter((r) => r.run.status === 'succeeded');
  if (!d) return page(ctx, { title: 'Assign', active: 'assign', body: html`<h1>Assign a customer</h1><p>No successful run yet.</p>` });
  const fields = assignFields(d);
  const hasTexts = d.datasets.some((x) => x.kind === 'texts');
  const segById = new Map(d.segments.map((s) => [s.id, s]));
  const result = o.outcome?.error
    ? html`<p class="bad" role="alert" id="assign-error">${o.outcome.error}</p>`
    : o.outcome?.results
      ? html`<section aria-labelledby="result-h" id="assign-result"><h2 id="result-h">Result</h2>${o.outcome.results.map((r) => {
          const s = segById.get(r.segmentId);
          return html`<div class="card"><h3>${r.customerId}: <a href="/runs/${d.run.id}/segments/${r.segmentId}">${r.label}</a></h3>
<p>Confidence <strong class="confidence">${fmtPct(r.confidence, 0)}</strong>: the share of the nearest known customers (by the run's own features and weights) who are in this segment.</p>
${s?.description?.reasons.length ? html`<p>Why this segment stands out:</p><ul>${s.description.reasons.slice(0, 3).map((x) => html`<li>${x}</li>`)}</ul>` : ''}</div>`;
        })}</section>`
      : '';
  const form = html`<form method="post" action="/assign" class="stack">
<input type="hidden" name="_csrf" value="${ctx.csrf}">
<label for="run">Run</label>
<select id="run" name="run">${succeeded.map((r) => html`<option value="${r.run.id}"${r.run.id === d.run.id ? html` selected` : ''}>Run ${r.run.id}: ${r.datasets.join(', ')}</option>`)}</select>
<fieldset><legend>Customer values${fields.length ? '' : ' (this run has no customer table: describe the customer by texts or JSON)'}</legend>
<label for="f-id">Customer id</label><input id="f-id" name="id" value="${o.values.id ?? 'new-customer'}" required>
${fields.map((f, i) => html`<label for="f-${i}">${f.name} <span class="help">(${f.role}${f.examples.length ? html`, e.g. ${f.examples.slice(0, 2).join(', ')}` : ''})</span></label><input id="f-${i}" name="attr:${f.name}" value="${o.values[`attr:${f.name}`] ?? ''}"${f.role === 'numeric' ? html` inputmode="decimal"` : ''}>`)}
${hasTexts ? html`<label for="f-text">Something they wrote</label><textarea id="f-text" name="text" rows="3" maxlength="5000">${o.values.text ?? ''}</textarea>` : ''}
</fieldset>
<details${o.json ? html` open` : ''}><summary>Or paste JSON</summary>
<label for="f-json">Customers as JSON (overrides the fields above): <code>[{"id": "x", "attributes": {…}, "texts": [{"body": "…"}]}]</code></label>
<textarea id="f-json" name="json" rows="6">${o.json}</textarea></details>
<button type="submit">Assign</button>
</form>`;
  return page(ctx, {
    title: 'Assign',
    active: 'assign',
    body: html`<h1>Assign a customer</h1><p>Place a new customer into run ${d.run.id}'s segments. Empty fields are imputed like missing values in the data.</p>
${result}${form}
${dataTable(`Segments of run ${d.run.id}`, ['Segment', 'Customers', 'Share'], d.segments.map((s) => [html`<a href="/runs/${d.run.id}/segments/${s.id}">${s.label}</a>`, String(s.size), fmtPct(s.share)]), { numeric: [1, 2] })}`,
  });
}
