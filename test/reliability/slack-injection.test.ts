/**
 * Customer text stays inert in Slack. A corpus of hostile strings (links in Slack and Markdown syntax,
 * broadcasts, user/channel/group mentions, formatting, block quotes, entities, curly-quote tricks,
 * invisible and bidi characters) is planted in every customer-derived field of an answer: evidence,
 * persona card fields, the offline planner's answer text (which quotes customers), progress and error
 * lines. The answers go out through the real Slack routes, Bolt and Web API client to the local fake
 * Slack API, and every text and block it receives is checked: no live link, mention, broadcast or
 * formatting that came from customer text. The agent is scripted at its interface (ChatService).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAnswer, ChatCard, ChatService } from '../../agent/chat-types.ts';
import { explainAnswer } from '../../agent/planner/answers.ts';
import { slackRoutes } from '../../integrations/slack/routes.ts';
import { recordingLogger } from '../fake-slack/recording-logger.ts';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../fake-slack/server.ts';

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

const tokens = hostile.map((_, i) => `Zq${i}`);

/** An answer whose every customer-derived field is hostile, with the answer text written by the planner's template. */
function plantedAnswer(threadId: string, offset: number): ChatAnswer {
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

let slack: FakeSlack;
let asked = 0;
const work: Promise<void>[] = [];

const chat: ChatService = {
  ask: async (req) => {
    const i = asked++;
    req.onProgress?.(`re-segmenting: ${hostile[(i * 7) % hostile.length]}`);
    if (i % 5 === 4) throw new Error(`bad value in ${hostile[(i * 3) % hostile.length]}`);
    return plantedAnswer(req.threadId, i * 3);
  },
};

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => slack?.close());

/** Every mrkdwn or fallback string a Slack client would render, from every call the fake received. */
function renderedTexts(): { text: string; kind: 'mrkdwn' | 'plain' }[] {
  const out: { text: string; kind: 'mrkdwn' | 'plain' }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push({ text: o.text, kind: o.type === 'mrkdwn' ? 'mrkdwn' : 'plain' });
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
  };
  for (const call of slack.calls) {
    if (typeof call.body.text === 'string') out.push({ text: call.body.text, kind: 'mrkdwn' });
    walk(call.body.blocks);
  }
  return out;
}

/** What is left of a message once our own formatting is taken out: whole-line bold titles, citation code spans, our emoji and our mention of the asker. */
function withoutOurFormatting(text: string): string {
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

async function send(payload: string, contentType: string, routes: ReturnType<typeof slackRoutes>): Promise<void> {
  const res = await routes.request('/slack/events', { method: 'POST', body: payload, headers: { 'content-type': contentType, ...signSlackRequest(payload, 'sig') } });
  expect(res.status).toBe(200);
  while (work.length) await Promise.all(work.splice(0));
}

describe('customer text is inert in Slack', () => {
  it('has a corpus of at least 30 hostile strings', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it('renders no live link, mention, broadcast or formatting from customer text in any message the Slack API receives', async () => {
    const routes = slackRoutes({ chat, signingSecret: 'sig', botToken: 'xoxb-test', slackApiUrl: slack.url, logger: recordingLogger(), progressIntervalMs: 0, onWork: (p) => void work.push(p) });
    for (let i = 0; i < 15; i++) {
      const ts = `1700000${i}.000100`;
      if (i % 3 === 0) {
        const body = new URLSearchParams({ command: '/persona', text: `who are they ${hostile[i]}`, team_id: 'T1', channel_id: 'C1', user_id: 'U1', trigger_id: `tr${i}`, response_url: slack.responseUrl(`r${i}`) }).toString();
        await send(body, 'application/x-www-form-urlencoded', routes);
      } else {
        const event = i % 3 === 1
          ? { type: 'app_mention', channel: 'C1', user: 'U1', text: `<@UBOT> who are they? ${i}`, ts }
          : { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: `who are they? ${i}`, ts };
        await send(JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `Ev${i}`, event }), 'application/json', routes);
      }
    }
    expect(asked).toBe(15);
    const texts = renderedTexts();
    const all = texts.map((t) => t.text).join('\n');
    for (const token of tokens) expect(all, `${token} was never rendered`).toContain(token);

    const live: string[] = [];
    const formatting: string[] = [];
    for (const t of texts) {
      for (const p of inertProblems(t.text, t.kind)) (p.includes('formatting') || p.includes('quote') ? formatting : live).push(`${p}: ${t.text.slice(0, 120)}`);
    }
    expect(live).toEqual([]);
    expect(formatting).toEqual([]);
  });
});
