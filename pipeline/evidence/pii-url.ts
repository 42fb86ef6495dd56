/**
 * Personal parts of URLs: a link in a customer's message can carry a session token, an email, an order
 * id or a private photo's slug. The scheme and host stay (they say what the customer was looking at);
 * random-looking path segments become [redacted]; a query or fragment with personal parameters is
 * dropped; user:password@ is dropped.
 */

export const redacted = '[redacted]';

/** http(s) links and bare www. links; not the domain part of an email address. */
export const urlPattern = /(?<![\w@.\/-])(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi;

/** Link shorteners: every path is an opaque token. */
const shorteners = new Set(['t.co', 'bit.ly', 'goo.gl', 'tinyurl.com', 'ow.ly', 'buff.ly', 'amzn.to', 'fb.me', 'youtu.be', 'lnkd.in', 'is.gd', 'rb.gy', 'cutt.ly', 'spoti.fi', 'apple.co', 'a.co']);

/** Query parameter names that carry personal or secret values. */
const sensitiveName = /^(?:token|key|apikey|session|sessionid|sid|auth|code|secret|pass|password|pwd|sig|signature|email|mail|e|phone|tel|user|username|uid|id|customer|account|acct|order|ref|hash|otp|pin|access|refresh|jwt|ticket)$/i;

/** Trailing characters that end the sentence rather than the URL. */
export function trimUrl(match: string): string {
  let url = match;
  for (;;) {
    const last = url.slice(-1);
    if (/[.,;:!?'"…*]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    else if (last === ']' && count(url, '[') < count(url, ']')) url = url.slice(0, -1);
    else return url;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

export function maskUrl(raw: string): string {
  const m = /^((?:https?:\/\/)?)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(raw);
  if (!m) return raw;
  const [, scheme = '', authority = '', path = '', query = '', fragment = ''] = m;
  const host = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  const shortener = shorteners.has(host.toLowerCase().replace(/^www\./, '').replace(/:\d+$/, ''));
  let maskedPath: string;
  if (shortener && path.replace(/\/+$/, '') !== '') maskedPath = `/${redacted}`;
  else maskedPath = path.split('/').map((seg) => (seg === '' || readableSegment(seg) ? seg : redacted)).join('/');
  const keptQuery = query && !sensitiveParams(query.slice(1)) ? query : '';
  const keptFragment = fragment && !sensitiveParams(fragment.slice(1)) ? fragment : '';
  return `${scheme}${host}${maskedPath}${keptQuery}${keptFragment}`;
}

/** Words, slugs and small numbers ("help", "returns-policy", "2023", "v2") are not personal. */
export function readableSegment(seg: string): boolean {
  let s = seg;
  try {
    s = decodeURIComponent(seg);
  } catch {
    return false;
  }
  if (s.length > 60 || s.includes('@')) return false;
  if (/^\d{1,4}$/.test(s)) return true;
  // Wiki-style titles keep their brackets: Foo_(bar).
  const word = s.replace(/\(([A-Za-z0-9]+)\)$/, '$1');
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_.+~][A-Za-z0-9]+)*$/.test(word)) return false;
  return !word.split(/[-_.+~]/).some(randomChunk);
}

/** A token rather than a word: letters and digits mixed, many inner capitals, or very long. */
function randomChunk(chunk: string): boolean {
  const digits = chunk.match(/\d/g)?.length ?? 0;
  if (digits >= 5) return true;
  if (chunk.length < 6) return false;
  if (digits >= 2 && /[A-Za-z].*\d|\d.*[A-Za-z]/.test(chunk)) return true;
  const innerCaps = chunk.slice(1).match(/[A-Z]/g)?.length ?? 0;
  if (innerCaps >= 3 && /[a-z]/.test(chunk)) return true;
  return chunk.length > 30;
}

/** A query or fragment naming a personal parameter, or holding a value that looks like one. */
function sensitiveParams(params: string): boolean {
  if (params === '') return false;
  for (const part of params.split(/[&;]/)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? '' : part.slice(0, eq);
    const value = eq < 0 ? part : part.slice(eq + 1);
    const nameParts = name.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[\s_.\-[\]]+/);
    if (nameParts.some((p) => sensitiveName.test(p))) return true;
    if (value.includes('@') || value.includes('%40') || /\d{5,}/.test(value)) return true;
    if (value.split(/[-_.+~%]/).some(randomChunk)) return true;
  }
  return false;
}
