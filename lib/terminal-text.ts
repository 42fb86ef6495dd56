/**
 * Text for a terminal. Customer text can carry escape sequences (colours, cursor moves, OSC-8
 * hyperlinks, window titles), BEL, carriage returns that overwrite a line, and bidi overrides that
 * reorder what a reader sees. Human CLI output shows each of them as a visible symbol instead, so the
 * terminal never acts on customer text: C0 controls as Unicode control pictures (ESC → ␛, BEL → ␇,
 * CR → ␍), DEL as ␡, and C1 controls and bidi/invisible formatters as <U+XXXX>. Newlines and tabs stay.
 */

const c0Picture = (code: number) => String.fromCharCode(0x2400 + code);

// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function visibleControls(text: string): string {
  return text.replace(unsafe, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return c0Picture(code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
