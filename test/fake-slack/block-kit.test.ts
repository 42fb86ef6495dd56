import { describe, expect, it } from 'vitest';
import { blockKitProblems } from './block-kit.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Block Kit limits of the fake Slack', () => {
  it('accepts valid blocks and names every broken limit', () => {
    expect(blockKitProblems([section('hi'), { type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'Tessa' } }])).toEqual([]);
    expect(blockKitProblems(Array.from({ length: 51 }, () => ({ type: 'divider' })))).toEqual(['51 blocks (max 50)']);
    expect(blockKitProblems([section('x'.repeat(3001))])).toEqual(['block 0 (section): text length 3001 outside 1..3000']);
    expect(blockKitProblems([section('')])).toEqual(['block 0 (section): text length 0 outside 1..3000']);
    expect(blockKitProblems([{ type: 'header', text: { type: 'mrkdwn', text: 'h'.repeat(151) } }])).toEqual([
      'block 0 (header): text type mrkdwn not in plain_text',
      'block 0 (header): text length 151 outside 1..150',
    ]);
    const fields = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' }));
    expect(blockKitProblems([{ type: 'section', fields }])).toEqual(['block 0 (section): 11 fields (max 10)']);
    expect(blockKitProblems([{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }])).toEqual(['block 0 (section) field 0: text length 2001 outside 1..2000']);
    expect(blockKitProblems([{ type: 'context', elements: fields }])).toEqual(['block 0 (context): needs 1..10 elements']);
    expect(blockKitProblems([{ type: 'context', elements: [{ type: 'plain_text', text: 'x', verbatim: true }] }])).toEqual(['block 0 (context) element 0: verbatim only applies to mrkdwn']);
    expect(blockKitProblems([{ type: 'image' }])).toEqual(['block 0 (image): unexpected block type']);
  });
});
