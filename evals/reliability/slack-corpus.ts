/**
 * Hostile strings for the Slack surface and the check of what a Slack client would render. Each string
 * carries a token (Zq<n>) so a check can see it was rendered at all. `inertProblems` names every live
 * link, mention, broadcast or formatting left in a rendered text once our own formatting is taken out.
 */
import type { ChatAnswer, ChatCard } from '../../agent/chat-types.ts';
import { explainAnswer } from '../../agent/planner/answers.ts';

/** Each string carries a token (Zq<n>) so the test can see it was rendered at all. */
export const hostile: readonly string[] = [
  'Verify your account” [Verify your account](https://evil.example/p72) **now**',
  '<https://evil.example/login|Click here to claim>',
  '<!channel> free gift for everyone',
  '<!here|here> look at this',
  '<!everyone> announcement',
  '<@U024BE7LH> please approve my refund',
  '<#C024BE7LH|general> join us',
  '<!subteam^S123|@admins> urgent',
  '<!date^1392734382^{date}|Feb 18> deadline',
  '*bold claim* and _italic_ and ~strike~',
  '`code` and ```block```',
  '> quoted line\n> second quoted line',
  '   > indented quote',
  '&lt;@U123&gt; pre-escaped mention',
  '&amp;lt;!channel&amp;gt; double escaped',
  '@here look at this and @channel too',
  'https://evil.example/p?token=abc',
  'www.evil.example/deal of the day',
  'mailto:boss@evil.example write me',
  '“closing quote” then **bold** and [link](http://evil.example)',
  '” <https://evil.example|x> “',
  '[Click](javascript:alert(1))',
  'invoice\u202Egnp.exe',
  'zero\u200Bwidth <\u200B!channel>',
  'line\r\n*bold on next line*',
  'tel:+15551234567 call me',
  'slack://open?team=T1',
  '`[1]` fake citation [99]',
  '**“nested *mixed* _styles_”**',
  '<mailto:a@b.example|mail me>',
  'nul\u0000<\u0000!here>',
  '~~strike~~ __under__',
  '# Heading injection\n- bullet injection',
  '<tel:123|call>',
  'A & B <> C',
  'ftp://files.evil.example/x',
  '<https://evil.example>',
  '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007',
].map((s, i) => `Zq${i} ${s}`);

export const tokens = hostile.map((_, i) => `Zq${i}`);

/** An answer whose every customer-derived field is hostile, with the answer text written by the planner's template. */
export function plantedAnswer(threadId: string, offset: number): ChatAnswer {
  const pick = (k: number) => hostile[(offset + k) % hostile.length] as string;
  const evidence = [0, 1, 2, 3].map((k) => ({ n: k + 1, text: pick(k), textId: `t${k}`, customerId: pick(k + 4), segmentId: 1, runId: 7, at: '2024-01-01T00:00:00Z' }));
  const persona = { name: pick(8), archetype: pick(9), bio: pick(10), quotes: [pick(0), pick(1)] };
  const text = explainAnswer({
      name: 'explain_segment',
      result: {
        ok: true,
        data: { persona, label: pick(11), segmentId: 1, runId: 7, size: 40, sharePct: 12.5, reasons: [pick(12)], topTerms: [pick(13), pick(14)] },
        evidence: evidence.map((e) => ({ cite: e.n, customerText: e.text, customerId: e.customerId })),
      },
  });
  const card: ChatCard = {
    runId: 7, segmentId: 1, size: 40, share: 0.125, label: pick(11), name: pick(8), archetype: pick(9), bio: pick(10),
    goals: [pick(15), pick(16)], frustrations: [pick(17)], preferredChannels: [pick(18)], quotes: [pick(0), pick(1), pick(19)],
    keyStats: [{ label: pick(20), display: pick(21) }],
  };
  return { threadId, answer: `${text}\n${pick(22)}`, evidence, cards: [card], toolCalls: [], runId: 7, segmentId: 1 };
}

export interface RenderedText {
  readonly text: string;
  readonly kind: 'mrkdwn' | 'plain';
}

/** Every mrkdwn or fallback string a Slack client would render, from every call the fake received. */
export function renderedTexts(calls: readonly { readonly body: Record<string, unknown> }[]): RenderedText[] {
  const out: RenderedText[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push({ text: o.text, kind: o.type === 'mrkdwn' ? 'mrkdwn' : 'plain' });
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
  };
  for (const call of calls) {
    if (typeof call.body.text === 'string') out.push({ text: call.body.text, kind: 'mrkdwn' });
    walk(call.body.blocks);
  }
  return out;
}

/** What is left of a message once our own formatting is taken out: whole-line bold titles, citation code spans, our emoji and our mention of the asker. */
export function withoutOurFormatting(text: string): string {
  return text
    .replace(/^<@U1> asked: /, '')
    .replace(/(^|\n)\*[^*\n]+\*(?=\n|$)/g, '$1')
    .replace(/`\[\d+\](?: \[\d+\])*`/g, '')
    .replace(/`[A-Za-z0-9._-]+`/g, '')
    .replace(/:(hourglass_flowing_sand|white_check_mark|warning):/g, '');
}

/** Problems in one rendered string: each is a live link, mention, broadcast or formatting from customer text. */
export function inertProblems(text: string, kind: 'mrkdwn' | 'plain'): string[] {
  const problems: string[] = [];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) problems.push('control or bidi character');
  if (kind === 'plain') return problems;
  const rest = withoutOurFormatting(text);
  if (/</.test(rest)) problems.push('raw "<": a link, mention or command');
  if (/>/.test(rest)) problems.push('raw ">"');
  if (/&(?!amp;|lt;|gt;)/.test(rest)) problems.push('bare "&"');
  if (/[a-z]:\/\//i.test(rest) || /\bwww\./i.test(rest)) problems.push('a bare URL Slack would linkify');
  if (/\b(mailto|tel|slack|javascript):/i.test(rest)) problems.push('a live URI scheme');
  if (/@(here|channel|everyone)\b/i.test(rest)) problems.push('a broadcast');
  if (/[*_~`]/.test(rest)) problems.push('a formatting character');
  if (/^[ \t]*&gt;/m.test(rest)) problems.push('a block quote');
  if (/\]\(/.test(rest)) problems.push('a Markdown link');
  return problems;
}
