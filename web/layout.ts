/** The page shell: skip link, navigation, main landmark, the stylesheet and the page's scripts. */
import { html, type Html, type SafeHtml } from './html.ts';

export interface PageContext {
  /** Token every form and client POST carries (the session's, or the server's in open mode). */
  readonly csrf: string;
  /** A key is configured, so a logout button makes sense. */
  readonly loggedIn: boolean;
}

export interface PageOptions {
  readonly title: string;
  readonly active?: 'runs' | 'data' | 'chat' | 'assign' | 'none';
  readonly body: Html;
  /** Client scripts under /assets (echarts is added before them when `charts` is set). */
  readonly scripts?: readonly string[];
  readonly charts?: boolean;
  /** JSON the page's scripts will fetch: the browser starts loading it while the scripts parse. */
  readonly preload?: readonly string[];
}

const navItems = [
  { key: 'runs', href: '/', label: 'Runs' },
  { key: 'data', href: '/data', label: 'Data' },
  { key: 'chat', href: '/chat', label: 'Chat' },
  { key: 'assign', href: '/assign', label: 'Assign' },
] as const;

export function page(ctx: PageContext, o: PageOptions): SafeHtml {
  const scripts = [...(o.charts ? ['/assets/echarts.min.js', '/assets/charts.js'] : []), ...(o.scripts ?? [])];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx.csrf}">
<title>${o.title} · Persona Explorer</title>
<link rel="stylesheet" href="/assets/explorer.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${(o.preload ?? []).map((href) => html`<link rel="preload" href="${href}" as="fetch" crossorigin="anonymous">
`)}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">Persona Explorer</a>
  <nav aria-label="Main">
    <ul>${navItems.map((n) => html`<li><a href="${n.href}"${o.active === n.key ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}</ul>
  </nav>
  ${ctx.loggedIn ? html`<form method="post" action="/logout" class="logout"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit">Log out</button></form>` : ''}
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
${scripts.map((s) => html`<script src="${s}" defer></script>`)}
</body>
</html>`;
}

/** A table with a caption; cells are escaped like everything else. */
export function dataTable(caption: Html, head: readonly Html[], rows: readonly (readonly Html[])[], attrs: { id?: string; numeric?: readonly number[] } = {}): SafeHtml {
  const num = new Set(attrs.numeric ?? []);
  // Focusable so keyboard users can scroll a wide table sideways.
  return html`<div class="table-wrap" tabindex="0"><table${attrs.id ? html` id="${attrs.id}"` : ''}>
<caption>${caption}</caption>
<thead><tr>${head.map((h, i) => html`<th scope="col"${num.has(i) ? html` class="num"` : ''}>${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td${num.has(i) ? html` class="num"` : ''}>${c}</td>`))}</tr>`)}</tbody>
</table></div>`;
}

/** A chart: a labelled figure whose canvas is drawn by charts.js from a JSON island, with a table beside. */
export function chartFigure(id: string, title: string, alt: Html, opts: { tall?: boolean } = {}): SafeHtml {
  return html`<figure class="chart" aria-labelledby="${id}-title">
<figcaption id="${id}-title">${title}</figcaption>
<div class="chart-canvas${opts.tall ? ' tall' : ''}" id="${id}" role="img" aria-label="${title}: the table below gives the same numbers"></div>
<details class="alt"><summary>Data table: ${title}</summary>${alt}</details>
</figure>`;
}
