import { describe, expect, it } from 'vitest';
import type { ChatAnswer, ChatCard, ChatEvidence } from '../../agent/chat-types.ts';
import { blockKitProblems } from '../../test/fake-slack/block-kit.ts';
import { answerMessages, blockLimits, cardBlocks, quoteCustomer, type SlackBlock } from './blocks.ts';

const card: ChatCard = {
  runId: 1,
  segmentId: 4,
  label: 'Trust skeptics',
  size: 58,
  share: 0.161,
  name: 'Tessa, the trust skeptic',
  archetype: 'Trust skeptic',
  bio: 'Reads every review twice & wants proof.',
  goals: ['Buy from genuine shops'],
  frustrations: ['Fake reviews'],
  preferredChannels: ['web', 'email'],
  quotes: ['<!channel> is this real?? <@U123> *bold* claims'],
  keyStats: [
    { label: 'share of all customers', display: '16.1%' },
    { label: 'orders per customer', display: '3.2' },
  ],
};

const evidence: ChatEvidence[] = [
  { n: 1, text: 'Honestly <!channel> is this real?? <@U123> *bold* claims everywhere', textId: 't1', customerId: 'cust-7f3a', segmentId: 4, runId: 1, at: '2024-03-01T10:00:00Z' },
  { n: 2, text: 'Delivery was fine', textId: 't2', customerId: 'cust-0b21', segmentId: 2, runId: 1, at: null },
];

function answer(over: Partial<ChatAnswer> = {}): ChatAnswer {
  return { threadId: 't', answer: '**Tessa, the trust skeptic** leads the trust skeptics: “is this real??” [1]', evidence, cards: [card], toolCalls: [], runId: 1, segmentId: 4, ...over };
}

/** Every text in a message's blocks, to search for what reaches Slack. */
function texts(blocks: readonly SlackBlock[]): string[] {
  return blocks.flatMap((b) => {
    const own = 'text' in b && b.text ? [b.text.text] : [];
    const fields = 'fields' in b && b.fields ? b.fields.map((f) => f.text) : [];
    const elements = b.type === 'context' ? b.elements.map((e) => ('text' in e ? e.text : '')) : [];
    return [...own, ...fields, ...elements];
  });
}

describe('Block Kit rendering', () => {
  it('renders the answer, a persona card and numbered evidence', () => {
    const [m, ...rest] = answerMessages(answer());
    expect(rest).toHaveLength(0);
    expect(blockKitProblems(m!.blocks)).toEqual([]);
    expect(m!.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Tessa, the trust skeptic leads the trust skeptics: “is this real??” `[1]`', verbatim: true } });
    expect(m!.text).toBe('Tessa, the trust skeptic leads the trust skeptics: “is this real??” `[1]`');
    const types = m!.blocks.map((b) => b.type);
    expect(types).toEqual(['section', 'header', 'context', 'section', 'section', 'section', 'context', 'divider', 'section', 'context', 'context']);
    expect(m!.blocks[1]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Tessa, the trust skeptic', emoji: true } });
    const all = texts(m!.blocks);
    expect(all).toContain('*Trust skeptic*');
    expect(all).toContain('58 customers · 16.1% of all');
    expect(all).toContain('Reads every review twice &amp; wants proof.');
    expect(all).toContain('*Goals*\n• Buy from genuine shops');
    expect(all).toContain('*Channels*\n• web\n• email');
    expect(all).toContain('*16.1%*\nshare of all customers');
    expect(all).toContain('`[2]`');
    expect(all).toContain('cust-0b21 · segment 2');
  });

  it('neutralises a customer quote that tries to ping a channel, mention a user and restyle text', () => {
    const [m] = answerMessages(answer());
    const all = texts(m!.blocks).join('\n');
    expect(all).not.toMatch(/<!channel>|<@U123>|\*bold\*/);
    const quote = m!.blocks.find((b) => b.type === 'context' && texts([b])[0]!.startsWith('“&lt;!channel'));
    expect(quote).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '“&lt;!channel&gt; is this real?? &lt;@U123&gt; \u2217bold\u2217 claims”', verbatim: true },
        { type: 'mrkdwn', text: '— cust-7f3a', verbatim: true },
      ],
    });
    expect(all).toContain('“Honestly &lt;!channel&gt; is this real?? &lt;@U123&gt; \u2217bold\u2217 claims everywhere”');
  });

  it('finds the customer behind a card quote in the evidence, preferring the card’s segment', () => {
    const other: ChatEvidence = { ...evidence[0]!, n: 3, customerId: 'cust-elsewhere', segmentId: 9 };
    expect(quoteCustomer('is this real??', card, [other, ...evidence])).toBe('cust-7f3a');
    expect(quoteCustomer('never said', card, evidence)).toBeNull();
  });

  it('keeps card fields within limits and omits empty lists', () => {
    const stats = Array.from({ length: 13 }, (_, i) => ({ label: `stat ${i}`, display: String(i) }));
    const blocks = cardBlocks({ ...card, goals: [], frustrations: [], preferredChannels: [], keyStats: stats, bio: '', name: 'N'.repeat(400) });
    expect(blockKitProblems(blocks)).toEqual([]);
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.map((s) => ('fields' in s ? s.fields?.length : 0))).toEqual([10, 3]);
    expect((blocks[0] as { text: { text: string } }).text.text).toHaveLength(blockLimits.headerText);
  });

  it('splits a huge answer into several messages, each within every Block Kit limit, losing nothing', () => {
    const cards = Array.from({ length: 12 }, (_, i) => ({ ...card, segmentId: i, name: `Persona ${i}`, quotes: ['a', 'b', 'c', 'd', 'e'], bio: 'b'.repeat(4000) }));
    const many = Array.from({ length: 30 }, (_, i) => ({ ...evidence[1]!, n: i + 1, text: `evidence ${i + 1} ${'z'.repeat(1500)}` }));
    const huge = answer({ answer: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${'word '.repeat(60)}`).join('\n\n'), cards, evidence: many });
    const messages = answerMessages(huge);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(blockKitProblems(m.blocks)).toEqual([]);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text.length).toBeLessThanOrEqual(blockLimits.fallbackText);
    }
    const headers = messages.flatMap((m) => m.blocks.filter((b) => b.type === 'header'));
    expect(headers).toHaveLength(12);
    // Every card starts and ends in the same message (none is cut across two).
    for (const m of messages) expect(m.blocks.filter((b) => b.type === 'header').length).toBe(m.blocks.filter((b) => b.type === 'divider').length);
    const all = messages.flatMap((m) => texts(m.blocks)).join('\n');
    for (let i = 0; i < 40; i++) expect(all).toContain(`Paragraph ${i} `);
    for (let n = 1; n <= 30; n++) expect(all).toContain(`\`[${n}]\``);
    expect(messages[1]!.text).toBe(`Answer continued (2 of ${messages.length})`);
  });

  it('says so when there is no answer at all', () => {
    const [m] = answerMessages(answer({ answer: '  ', cards: [], evidence: [] }));
    expect(m!.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'I have no answer to that.', verbatim: true } }]);
    expect(m!.text).toBe('I have no answer to that.');
  });
});
