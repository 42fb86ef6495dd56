/**
 * Text for Slack's mrkdwn. Everything derived from customer data (quotes, evidence, persona fields,
 * labels, status lines and the agent's answer, which quotes customers and may echo anything a model
 * read) goes through one function, `neutralise`, so it can never mention a user or channel, open a
 * link, or restyle the message. Our own formatting (bold titles, citation code spans, bullets) is added
 * around neutralised text, never derived from it.
 */

/** Escapes Slack's control characters &, < and >. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const lookAlike: Readonly<Record<string, string>> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };

/** C0/C1 controls (tab and newline kept), bidi embeddings/overrides/isolates, and zero-width formatters. */
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Keeps bare "@here" and friends from being auto-linked, whatever the rendering surface does. */
function defuseBroadcasts(text: string): string {
  return text.replace(/@(here|channel|everyone)\b/gi, '@\u2060$1');
}

/**
 * Links a client would make from bare text: "scheme://" becomes "scheme[:]//", "www." becomes
 * "www[.]", "mailto:"/"tel:"/"slack:" lose their colon, and a Markdown link's "](" is split, so a
 * customer's URL stays readable but is never live (Slack linkifies bare URLs in a message's text).
 */
function defangLinks(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]{0,30}):\/\//gi, '$1[:]//')
    .replace(/\b(mailto|tel|sms|slack|javascript|data|file):/gi, '$1[:]')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}[.]`)
    .replace(/\]\(/g, '] (');
}

/**
 * Untrusted text as inert mrkdwn: invisible and control characters removed, &, < and > escaped (so
 * "<!channel>", "<@U123>" and "<https://…|…>" are plain text), formatting characters swapped for
 * look-alikes (∗ ˍ ∼ ˋ; mrkdwn has no escape for them), links defanged, broadcasts defused, and a
 * leading ">" kept from starting a block quote.
 */
export function neutralise(text: string): string {
  const plain = text.replace(invisible, '').replace(/\r\n?/g, '\n');
  const escaped = escapeSlack(defangLinks(plain)).replace(/[*_~`]/g, (c) => lookAlike[c] ?? c);
  return defuseBroadcasts(escaped).replace(/^([ \t\u00a0]*)&gt;/gm, '$1\u00ad&gt;');
}

/** Untrusted text for a plain_text element (headers): nothing there is parsed, but controls and bidi overrides still reorder or hide what a reader sees. */
export function plainText(text: string): string {
  return text.replace(invisible, '');
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
 * The agent's answer as mrkdwn. The answer quotes customers (and a model may echo whatever it read),
 * so no part of it is trusted to format: Markdown emphasis and heading marks are dropped, the whole
 * text is neutralised, and only then do our own touches go on: "- " bullets → "• ", and citations [n]
 * of known evidence → `[n]`.
 */
export function answerMrkdwn(markdown: string, citations: ReadonlySet<number>): string {
  const unmarked = markdown
    .replace(/\*\*([^*\n]+?)\*\*/g, '$1')
    .replace(/__([^_\n]+?)__/g, '$1')
    .replace(/^#{1,6}\s+(.+?)\s*#*$/gm, '$1')
    .replace(/^(\s*)[-*]\s+/gm, '$1\u2022 ');
  return neutralise(unmarked).replace(/\[(\d{1,4}(?:\s*,\s*\d{1,4})*)\](?!\()/g, (whole, list: string) => citation(list, citations) ?? whole);
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
