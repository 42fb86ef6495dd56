import { describe, expect, it } from 'vitest';
import type { ChatAnswer } from '../../agent/chat-types.ts';
import { answerMessages, blockLimits, escapeSlack } from './blocks.ts';

const card = {
  runId: 1, segmentId: 4, label: 'Trust skeptics', size: 58, share: 0.161, name: 'Tessa, the trust skeptic', archetype: 'Trust skeptic',
  bio: 'Wants proof.', goals: ['Buy from genuine shops'], frustrations: ['Fake reviews'], preferredChannels: ['web'],
  quotes: ['<!channel> is this real? <@U123> *bold*'], keyStats: [{ label: 'share of all customers', display: '16.1%' }],
};

function answer(over: Partial<ChatAnswer> = {}): ChatAnswer {
  return { threadId: 't', answer: '**Tessa** says “hi” [1]', evidence: [{ n: 1, text: 'hi <@U999>', textId: 't1', customerId: 'cust-1', segmentId: 4, runId: 1, at: null }], cards: [card], toolCalls: [], runId: 1, segmentId: 4, ...over };
}

describe('Block Kit rendering', () => {
  it('renders the answer, the card and the sources, with customer text unable to ping anyone', () => {
    const [m] = answerMessages(answer());
    const json = JSON.stringify(m!.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
    expect(json).not.toContain('<@U999>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(m!.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Tessa* says “hi” [1]' } });
    expect(m!.blocks.some((b) => b.type === 'header')).toBe(true);
    expect(escapeSlack('a & b')).toBe('a &amp; b');
  });

  it('splits a long answer into messages within every limit', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...card, segmentId: i, name: `Persona ${i} ${'x'.repeat(200)}` }));
    const messages = answerMessages(answer({ answer: 'y'.repeat(7000), cards: many }));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(blockLimits.blocksPerMessage);
      expect(m.text.length).toBeLessThanOrEqual(blockLimits.fallbackText);
      for (const b of m.blocks) {
        const text = (b as { text?: { text: string } }).text?.text ?? '';
        expect(text.length).toBeLessThanOrEqual(b.type === 'header' ? blockLimits.headerText : blockLimits.sectionText);
        const fields = (b as { fields?: unknown[] }).fields;
        if (fields) expect(fields.length).toBeLessThanOrEqual(blockLimits.fields);
      }
    }
  });
});
