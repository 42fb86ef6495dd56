/**
 * Text for Slack's mrkdwn. Two kinds of text reach Slack: our own (answer templates, labels) whose
 * Markdown we convert, and customer text (quotes, evidence, status lines echoing data), which is
 * untrusted: it must never mention a user or channel, open a link, or restyle the message. Escaping
 * &, < and > makes "<!channel>" and "<@U123>" inert; formatting characters in customer text become
 * look-alikes, because mrkdwn has no escape for them.
 */

/** Escapes Slack's control characters &, < and >. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const lookAlike: Readonly<Record<string, string>> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };

/** Keeps bare "@here" and friends from being auto-linked, whatever the rendering surface does. */
function defuseBroadcasts(text: string): string {
  return text.replace(/@(here|channel|everyone)\b/gi, '@\u2060$1');
}

/**
 * Customer (untrusted) text as inert mrkdwn: control characters escaped, formatting characters swapped
 * for look-alikes (∗ ˍ ∼ ˋ), broadcasts defused, and a leading ">" kept from starting a block quote.
 */
export function neutralise(text: string): string {
  const escaped = escapeSlack(text.replace(/\u0000/g, '')).replace(/[*_~`]/g, (c) => lookAlike[c] ?? c);
  return defuseBroadcasts(escaped).replace(/^&gt;/gm, '\u00ad&gt;');
}

/** Customer text on one line (quotes, evidence). */
export function neutraliseInline(text: string): string {
  return neutralise(text.replace(/\s+/g, ' ').trim());
}

/** A citation list such as "1" or "1, 3" when every number is one of ours. */
function citation(list: string, known: ReadonlySet<number>): string | null {
  const numbers = list.split(',').map((s) => Number(s.trim()));
  return numbers.every((n) => known.has(n)) ? `\`[${numbers.join('] [')}]\`` : null;
}

/**
 * The answer's Markdown as mrkdwn. Text inside “curly quotes” is customer text and is neutralised;
 * the rest is escaped and converted: **bold** → *bold*, # headings → bold lines, "- " bullets → "• ",
 * [label](https://…) → <https://…|label>, and citations [n] of known evidence → `[n]`.
 */
export function answerMrkdwn(markdown: string, citations: ReadonlySet<number>): string {
  const quotes: string[] = [];
  // Placeholders contain no Markdown, so conversions around a quote (**“…”**) still pair up.
  const held = markdown.replace(/\u0000/g, '').replace(/“[^“”]{0,4000}”/g, (q) => `\u0000${quotes.push(neutralise(q)) - 1}\u0000`);
  const converted = escapeSlack(held)
    .replace(/\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)/g, (_, label: string, url: string) => `<${url}|${label.replace(/\|/g, '¦')}>`)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/__(.+?)__/g, '_$1_')
    .replace(/~~(.+?)~~/g, '~$1~')
    .replace(/^#{1,6}\s+(.+?)\s*#*$/gm, '*$1*')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ')
    .replace(/\[(\d{1,4}(?:\s*,\s*\d{1,4})*)\](?!\()/g, (whole, list: string) => citation(list, citations) ?? whole);
  return defuseBroadcasts(converted.replace(/\u0000(\d+)\u0000/g, (_, i: string) => quotes[Number(i)] ?? ''));
}

/** A safe place to cut at or before `max`: not inside an entity (&amp;), a <link>, or a surrogate pair. */
function safeCut(text: string, max: number): number {
  let cut = max;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 8 && text.indexOf(';', amp) >= cut) cut = amp;
  const open = text.lastIndexOf('<', cut - 1);
  if (open > 0 && text.lastIndexOf('>', cut - 1) < open && text.indexOf('>', open) >= cut) cut = open;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return Math.max(1, cut);
}

/** Splits text into pieces of at most `max` characters, preferring paragraph, line and word breaks. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const floor = Math.floor(max / 2);
    const breakAt = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i >= floor);
    const cut = safeCut(rest, breakAt ?? max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Shortens text to `max` characters with an ellipsis, cutting at a safe place. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}
