/**
 * Every answer template rendered with real-looking values: no unfilled slots, no ids or run numbers,
 * no tool names, plural agreement, currency only when known, and ranks that say "last of N".
 */
import { describe, expect, it } from 'vitest';
import * as A from './answers.ts';
import type { ToolOutcome } from './answers.ts';

const line = (segmentId: number, persona: string | null, size = 58) => ({ segmentId, label: `Label ${segmentId}`, size, sharePct: 16.1, persona });
const ok = (name: string, data: Record<string, unknown>, evidence: ToolOutcome['result']['evidence'] = []): ToolOutcome => ({ name, result: { ok: true, data, evidence } });
const ev = [
  { cite: 1, customerText: 'Is this site even real?', customerId: 'C00017' },
  { cite: 2, customerText: 'Customer C00018: income 52,000; 1 when Region is "Chile" 1; 1 when Region is "Peru" 0', customerId: 'C00018' },
];

const rendered: [string, string][] = [
  ['explain', A.explainAnswer(ok('explain_segment', { label: 'Trust skeptics', size: 58, sharePct: 16.1, reasons: ['cancel more often'], topTerms: ['trust', 'card'], persona: { name: 'Wary Wim', bio: 'Wim checks everything twice.' } }, ev))],
  ['evidence', A.evidenceAnswer(ok('get_evidence', { label: 'Trust skeptics', name: 'Wary Wim' }, ev), 2)],
  ['ltv model', A.ltvAnswer(ok('predict_ltv', { segment: line(4, 'Wary Wim'), value: { method: 'bgnbd-gamma-gamma', horizonMonths: 12, meanClv: 386.6, totalClv: 22422, probabilityAlive: 0.93, churnRisk: 'low', expectedPurchases: 2.4, currency: null }, currency: 'EUR', rank: 6, of: 6 }))],
  ['ltv proxy', A.ltvAnswer(ok('predict_ltv', { segment: line(1, null), value: { method: 'snapshot-proxy', horizonMonths: 12, meanClv: 1200, totalClv: 120000, probabilityAlive: null, churnRisk: null, expectedPurchases: null, currency: null }, rank: 1, of: 3 }))],
  ['channels', A.channelsAnswer(ok('map_channels', { segment: line(2, 'Punctual Pablo'), plan: { channels: [{ channel: 'email', why: 'they open order updates' }], tone: { style: 'reassuring', why: 'they worry about delays' }, offer: { type: 'free tracking', why: 'they ask where parcels are' }, sendTime: { window: 'weekday mornings (UTC)', why: 'when they write' } } }))],
  ['campaign', A.campaignAnswer(ok('draft_campaign', { segment: line(2, 'Punctual Pablo'), campaign: { name: 'On time, every time', objective: 'Retain', message: 'Track it live.', offer: 'Free tracking', channelPlan: [{ channel: 'email', role: 'lead', timing: 'week 1' }], kpi: { metric: 'repeat rate', target: '+5%' }, rank: 6 } }, ev), 6)],
  ['rank', A.rankAnswer(ok('rank_segments', { statistic: 'predicted lifetime value per customer', order: 'desc', of: 3, note: 'Lifetime value is predicted from purchase histories.', ranked: [{ rank: 1, name: 'Discerning Dev', display: 'EUR 1,913' }, { rank: 2, name: 'Punctual Pablo', display: 'EUR 1,049' }, { rank: 3, name: 'Wary Wim', display: 'EUR 387' }] }))],
  ['count', A.countAnswer(ok('count_customers', { customers: 2240, matching: 1, sharePct: 0, restated: 'kids above 0', bySegment: [{ name: 'Busy Bea', count: 1, pctOfSegment: 1 }] }), null)],
  ['count none', A.countAnswer(ok('count_customers', { customers: 2240, matching: 0, sharePct: 0, restated: 'region Atlantis', bySegment: [] }), null)],
  ['segment size', A.countAnswer(ok('count_customers', { customers: 200, matching: 1, sharePct: 0.5, restated: 'members of Busy Bea', bySegment: [] }), 'Busy Bea')],
  ['segment', A.segmentAnswer(ok('segment', { customers: 58, restated: 'region United Kingdom', segments: [line(0, 'A'), line(1, null)] }))],
  ['compare', A.compareAnswer(ok('compare_segments', { a: line(0, 'Affluent Amara', 49), b: line(1, 'Young Yuki', 29), differences: [{ description: '1 when Profession is "Doctor"', a: 1, b: 0, population: 0.25 }, { description: 'income (AnnualIncome)', a: 117069, b: 46582, population: 69388 }] }, ev))],
  ['runs', A.compareRunsAnswer(ok('compare_runs', { newer: { customers: 58, segments: 2 }, earlier: { customers: 200, segments: 1 }, sharedCustomers: 58, newSegments: [{ name: 'A', size: 30, change: 'shrank', merged: false, mostlyFrom: { name: 'B', size: 49, pctOfNew: 90 } }], oldSegments: [{ name: 'B', split: true, into: [{ name: 'A' }, { name: 'C' }] }] }))],
  ['explain unstable', A.explainAnswer(ok('explain_segment', { label: 'Night owls', size: 12, sharePct: 3.3, stability: 0.41, unstable: true, reasons: [], topTerms: [], persona: { name: 'Late Lotte' } }, [{ cite: 1, customerText: 'A typical customer: kayak rentals 3', customerId: 'C00019' }]))],
  ['list unstable', A.listAnswer(ok('list_segments', { customers: 360, segments: [line(0, 'Thrifty Tessa'), { ...line(1, 'Late Lotte'), unstable: true }] }), false)],
  ['list', A.listAnswer(ok('list_segments', { customers: 360, segments: [line(0, 'Thrifty Tessa'), line(1, null)] }), true)],
  ['describe data', A.describeDataAnswer(ok('describe_data', { customers: 200, hasTexts: false, fields: [{ name: 'KayakRentals', label: 'kayak rentals', kind: 'number', range: { min: 0, max: 1493 } }, { name: 'Region', label: 'region', kind: 'category', levels: ['Chile'] }, { name: 'Exited', label: 'exited', kind: 'flag' }] }))],
  ['assign', A.assignAnswer(ok('assign_customer', { assignments: [{ name: 'Young Yuki', confidence: 0.6 }], understood: ['age 29', 'region United Kingdom'], unmatched: ['app'] }))],
  ['export', A.exportAnswer(ok('export_segment', { customers: 1, format: 'csv', file: '/tmp/x.csv', restated: 'region France' }))],
  ['export segment', A.exportAnswer(ok('export_segment', { customers: 58, format: 'json', file: '/tmp/y.json', segmentName: 'Wary Wim' }))],
  ['no match', A.noMatchAnswer(ok('find_segment', { query: 'crypto miners', nearest: [{ ...line(0, 'Wary Wim'), score: 0.3 }] }))],
  ['ambiguous match', A.noMatchAnswer(ok('find_segment', { query: 'paddlers', ambiguous: true, candidates: [{ ...line(0, 'Wary Wim'), score: 0.61 }, { ...line(1, 'Late Lotte'), score: 0.6 }], nearest: [] }))],
  ['unmatched', A.unmatchedAnswer(['own', 'sailboat'], ['Age', 'Kids'], new Map([['Age', 'age']]))],
  ['error', A.errorAnswer('predict_ltv: run 3 has no value model for segment 2')],
  ['figure', A.figureLine(ok('count_customers', { customers: 200, matching: 50, sharePct: 25, restated: 'cancelled: yes', bySegment: [{ segmentId: 1, pctOfSegment: 40 }, { segmentId: 0, pctOfSegment: 10 }] }), 0, 'Busy Bea', 3)],
  ['out of scope', A.outOfScopeAnswer('english')],
  ['other language', A.outOfScopeAnswer('other')],
];

describe('answer templates', () => {
  it.each(rendered)('%s renders cleanly', (_, text) => {
    expect(text.trim().length).toBeGreaterThan(10);
    expect(text).not.toMatch(/\{[A-Za-z_]\w*\}|\bundefined\b|\bNaN\b|\[object Object\]|\bnull\b/);
    expect(text).not.toMatch(/\brun \d+\b|\bsegment \d+\b|[a-z]+_[a-z]+\(|\b(predict_ltv|rank_segments|count_customers|explain_segment)\b/);
    expect(text).not.toMatch(/\bC000\d\d\b/);
    expect(text).not.toMatch(/ {2,}\S| [.,;:](?!\d)|\.\.(?!\.)|\(\s*\)|\b1 customers\b|\b(\w+) \1\b/);
    expect(text).not.toMatch(/1 when .* is "/);
  });

  it('names the last rank "last of N" and shows currency only when known', () => {
    const rank = rendered.find(([k]) => k === 'rank')![1];
    expect(rank).toContain('(last of 3)');
    expect(rendered.find(([k]) => k === 'ltv model')![1]).toMatch(/EUR 387 per customer[\s\S]*last of 6 segments by value/);
    expect(rendered.find(([k]) => k === 'ltv proxy')![1]).not.toMatch(/EUR|USD|\$|£|€/);
    expect(A.rankWords(1, 6)).toBe('1st of 6');
    expect(A.rankWords(2, 6)).toBe('2nd of 6');
    expect(A.rankWords(6, 6)).toBe('last of 6');
    expect(rendered.find(([k]) => k === 'figure')![1]).toBe('10% of Busy Bea match “cancelled: yes”, against 25% of all 200 customers; 2nd of 3 segments by that share.');
  });

  it('says when a segment is unstable, and only then', () => {
    expect(rendered.find(([k]) => k === 'explain unstable')![1]).toMatch(/^\*\*Late Lotte\*\* \(Night owls\): 12 customers \(3\.3% of all customers\), an unstable segment: it changes when the data is resampled/);
    const list = rendered.find(([k]) => k === 'list unstable')![1].split('\n');
    expect(list.find((l) => l.includes('Late Lotte'))).toMatch(/unstable segment/);
    expect(list.find((l) => l.includes('Thrifty Tessa'))).not.toMatch(/unstable/);
    expect(rendered.find(([k]) => k === 'explain')![1]).not.toMatch(/unstable/);
  });

  it('keeps method names out of the answer body', () => {
    for (const [, text] of rendered) expect(text).not.toMatch(/BG\/NBD|Gamma-Gamma|mention density|\(0 = /);
  });
});
