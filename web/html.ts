/**
 * HTML building for the explorer. Every interpolated value goes through `escapeHtml` unless it is
 * already `SafeHtml` made by this module, so customer text can never become markup.
 */

/** Markup that was built by `html` (or deliberately from a constant) and needs no further escaping. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** The one escaping function: text and attribute values alike (attributes are always double-quoted). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => entities[ch] as string);
}

export type Html = SafeHtml | string | number | null | undefined | false | readonly Html[];

function render(value: Html): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/** Tagged template: the literal parts are trusted markup, every `${}` is escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: readonly Html[]): SafeHtml {
  let out = strings[0] as string;
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] as string);
  });
  return new SafeHtml(out);
}

/** Only for constant markup written in this code base, never for data. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A JSON island for client scripts: `<script type="application/json">` is never executed, and escaping
 * `<`, `>`, `&` and the JS line separators keeps `</script>` inside customer text from closing it.
 */
export function jsonIsland(id: string, data: unknown): SafeHtml {
  const json = JSON.stringify(data ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return html`<script type="application/json" id="${id}">${trusted(json)}</script>`;
}

/** Only same-site relative links are ever emitted for navigation targets taken from requests. */
export function safeLocalPath(path: string | undefined | null, fallback = '/'): string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.includes('\\') || /[\u0000-\u001f]/.test(path)) return fallback;
  return path;
}
