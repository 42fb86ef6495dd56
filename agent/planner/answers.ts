/** Answer templates of the offline planner: plain sentences built only from tool results. */
import type { ToolOutcome } from './plan.ts';

type Line = { segmentId: number; label: string; size: number; sharePct: number; persona: string | null };
type Data = Record<string, unknown>;

const n = (v: unknown, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : 'unknown');
const who = (s: Line) => `${s.persona ? `${s.persona} (${s.label})` : s.label}`;
const whoIn = (s: Line, runId: unknown) => `${who(s)} [segment ${s.segmentId} of run ${runId}]`;
const sizeText = (s: { size: number; sharePct: number }) => `${n(s.size)} customers, ${s.sharePct}% of the run`;

function quotes(outcome: ToolOutcome, max = 3): string {
  const items = outcome.result.evidence ?? [];
  // A persona's quotes are verbatim snippets of the evidence: cite the item each one comes from.
  const persona = (outcome.result.data?.persona ?? null) as { quotes?: string[] } | null;
  const fromCard = (persona?.quotes ?? [])
    .map((q) => ({ q, e: items.find((e) => e.customerText.includes(q)) }))
    .filter((x): x is { q: string; e: NonNullable<typeof x.e> } => x.e !== undefined)
    .map(({ q, e }) => `“${q}” [${e.cite}]`);
  if (fromCard.length >= Math.min(2, items.length)) return fromCard.slice(0, max).join(' ');
  return items.slice(0, max).map((e) => `“${e.customerText}” [${e.cite}]`).join(' ');
}

export function answerFor(kind: string, outcome: ToolOutcome, done: readonly ToolOutcome[]): string {
  const d = (outcome.result.data ?? {}) as Data;
  switch (kind) {
    case 'explain_segment': {
      const persona = d.persona as { name?: string; archetype?: string; bio?: string } | null;
      const reasons = (d.reasons as string[]).slice(0, 3);
      const head = persona?.name ? `**${persona.name}** — ${d.label} (segment ${d.segmentId} of run ${d.runId})` : `**${d.label}** (segment ${d.segmentId} of run ${d.runId})`;
      const lines = [`${head}: ${sizeText(d as { size: number; sharePct: number })}.`];
      if (persona?.bio) lines.push(persona.bio);
      else if (reasons.length) lines.push(`What sets them apart: ${reasons.join('; ')}.`);
      const terms = d.topTerms as string[];
      if (terms.length) lines.push(`They talk about: ${terms.slice(0, 6).join(', ')}.`);
      const q = quotes(outcome);
      if (q) lines.push(`In their own words: ${q}`);
      return lines.join('\n');
    }
    case 'predict_ltv': {
      const s = d.segment as Line;
      const v = d.value as { method: string; note: string; horizonMonths: number; meanClv: number; totalClv: number; probabilityAlive: number | null; churnRisk: string | null; expectedPurchases: number | null; currency: string | null };
      const money = (x: number) => `${v.currency ? `${v.currency} ` : ''}${n(x, 2)}`;
      if (v.method === 'snapshot-proxy') {
        return `${whoIn(s, d.runId)}: no purchase history to model, so lifetime value is a proxy — current spend averages ${money(v.meanClv)} per customer (${money(v.totalClv)} in total), rank ${d.rank} of ${d.of} segments. ${v.note}`;
      }
      return (
        `${whoIn(s, d.runId)}: predicted ${v.horizonMonths}-month lifetime value averages ${money(v.meanClv)} per customer (${money(v.totalClv)} for the segment), ` +
        `${n(v.expectedPurchases, 1)} expected purchases each, ${n((v.probabilityAlive ?? 0) * 100)}% probability still active, churn risk ${v.churnRisk ?? 'unknown'}. ` +
        `That ranks ${d.rank} of ${d.of} segments by value. ${v.note}`
      );
    }
    case 'map_channels': {
      const s = d.segment as Line;
      const p = d.plan as { channels: { channel: string; score: number; why: string }[]; tone: { style: string; why: string }; offer: { type: string; why: string }; sendTime: { window: string; why: string } };
      const top = p.channels.slice(0, 3).map((c, i) => `${i + 1}. ${c.channel} — ${c.why}`);
      return [`Channels for ${whoIn(s, d.runId)}:`, ...top, `Tone: ${p.tone.style} (${p.tone.why}).`, `Offer: ${p.offer.type} (${p.offer.why}).`, `Send: ${p.sendTime.window} (${p.sendTime.why}).`].join('\n');
    }
    case 'draft_campaign': {
      const s = d.segment as Line;
      const c = d.campaign as { name: string; objective: string; message: string; offer: string; channelPlan: { channel: string; role: string; timing: string }[]; kpi: { metric: string; target: string }; rank: number };
      return [
        `Campaign for ${whoIn(s, d.runId)}: **${c.name}** (ranked ${c.rank} by value at stake)`,
        `Objective: ${c.objective}`,
        `Message: ${c.message}`,
        `Offer: ${c.offer}`,
        `Channels: ${c.channelPlan.map((p) => `${p.channel} (${p.role}, ${p.timing})`).join('; ')}`,
        `KPI: ${c.kpi.metric} — ${c.kpi.target}`,
        ...(quotes(outcome, 1) ? [`Grounded in: ${quotes(outcome, 1)}`] : []),
      ].join('\n');
    }
    case 'get_evidence':
      return d.items ? `What ${d.label} customers say: ${quotes(outcome, 5)}` : `I have no evidence items for ${d.label} that match.`;
    case 'export_segment':
      return `Exported ${n(d.customers)} customers (${d.segments} segment${d.segments === 1 ? '' : 's'}) of run ${d.runId} to ${d.file}.`;
    case 'segment': {
      const segs = d.segments as Line[];
      const subset = d.subset as Data;
      const filter = Object.keys(subset).length ? ` (${describeSubset(subset)})` : '';
      return [`Created run ${d.runId}: ${n(d.customers)} customers${filter} in ${segs.length} segments with ${d.algorithm}:`, ...segs.map((s) => `• ${s.segmentId}: ${who(s)} — ${sizeText(s)}`)].join('\n');
    }
    case 'filter_data':
      return `${n(d.matching)} of ${n(d.customers)} customers match (${describeSubset(d.subset as Data)}). Say "re-segment them into 4 groups" to segment only these.`;
    case 'compare_segments': {
      const a = d.a as Line;
      const b = d.b as Line;
      const diffs = (d.differences as { text: string }[]).slice(0, 5).map((x) => `• ${x.text}`);
      return [`${who(a)} vs ${who(b)} (${a.label} first):`, ...diffs, quotes(outcome, 2)].filter(Boolean).join('\n');
    }
    case 'list_segments':
    case 'help': {
      const segs = d.segments as Line[];
      const list = [`Run ${d.runId} (${d.algorithm}, ${n(d.customers)} customers) has ${segs.length} segments:`, ...segs.map((s) => `• ${s.segmentId}: ${who(s)} — ${sizeText(s)}`)];
      if (kind === 'help') {
        list.unshift('I can find a persona ("who are my trust skeptics?"), explain it, give its lifetime value, channels and a campaign draft, compare segments, and re-segment a subset ("re-segment only customers with at least 3 orders into 4 groups").');
      }
      return list.join('\n');
    }
    case 'load_data':
      return d.status === 'imported'
        ? `Imported ${d.name} as dataset ${d.datasetId} (${d.kind}, ${n(d.rows)} rows).`
        : d.status === 'skipped'
          ? `Dataset ${d.datasetId} (${d.name}) was already imported: ${d.reason}.`
          : `Imported datasets: ${(d.datasets as { datasetId: number; name: string; kind: string }[]).map((x) => `${x.datasetId} ${x.name} (${x.kind})`).join(', ') || 'none yet'}.`;
    default:
      return `Done (${kind}); ${done.length} tool call${done.length === 1 ? '' : 's'}.`;
  }
}

export function noMatchAnswer(found: ToolOutcome): string {
  const d = (found.result.data ?? {}) as Data;
  const nearest = (d.nearest as (Line & { score: number })[]).map((s) => `• ${s.segmentId}: ${who(s)} — ${sizeText(s)} (match ${n(s.score * 100)}%)`);
  const suggestion = (d.suggestion as { text: string } | undefined)?.text;
  return [
    `No segment in run ${d.runId} matches “${d.query}”. I will not invent one. The nearest segments are:`,
    ...nearest,
    ...(suggestion ? [`I can ${suggestion} to look for them specifically — just ask.`] : []),
  ].join('\n');
}

export function errorAnswer(tool: string, message: string): string {
  return `I could not complete that (${tool}): ${message}`;
}

function describeSubset(s: Data): string {
  const parts: string[] = [];
  if (s.minOrders !== undefined) parts.push(`at least ${s.minOrders} orders`);
  if (s.maxOrders !== undefined) parts.push(`at most ${s.maxOrders} orders`);
  if (s.minSpend !== undefined) parts.push(`spent at least ${s.minSpend}`);
  if (s.maxSpend !== undefined) parts.push(`spent at most ${s.maxSpend}`);
  const attrs = s.attributes as Record<string, string[]> | undefined;
  if (attrs) for (const [k, v] of Object.entries(attrs)) parts.push(`${k} ${v.join('/')}`);
  if (s.textContains) parts.push(`texts mentioning “${s.textContains}”`);
  if (s.segmentOf) parts.push('one segment');
  if (typeof s.customerIds === 'string') parts.push(`texts close in meaning to the description (${s.customerIds})`);
  return parts.length ? `only customers with ${parts.join(', ')}` : 'all customers';
}
