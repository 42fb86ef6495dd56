/** Terminal attack strings planted as customer text, shared by the terminal-escape tests. */

/** Hostile terminal payloads; each is tagged so the test can find it was printed. */
export const payloads: readonly string[] = [
  'Tq0 \u001b]8;;https://evil.example\u0007click me\u001b]8;;\u0007',
  'Tq1 \u001b[2J\u001b[Hscreen cleared',
  'Tq2 \u001b[31mred\u001b[0m text',
  'Tq3 ring\u0007ring',
  'Tq4 \u001b]0;owned title\u0007',
  'Tq5 invoice\u202egnp.exe',
  'Tq6 \u2066isolate\u2069 and \u202dLTR override\u202c',
  'Tq7 line one\roverwritten',
  'Tq8 C1 CSI \u009b31m and NEL \u0085',
  'Tq9 backspace abc\b\b\bxyz',
  'Tq10 \u001bPdevice control\u001b\\',
  'Tq11 zero\u200bwidth\u200f mark',
];

/** Characters a terminal acts on or reorders: none may reach human output. */
// eslint-disable-next-line no-control-regex
export const acting = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
