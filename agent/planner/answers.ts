/**
 * Answer templates of the offline planner: plain business sentences built only from tool results.
 * Segments are called by their persona names (ids stay in the JSON), money carries the data's currency
 * only when it is known, ranks say "last of 6", and methods appear only in a short "how" line.
 */
export interface ToolOutcome {
  readonly name: string;
  readonly args?: Readonly<Record<string, unknown>>;
  readonly result: {
    readonly ok: boolean;
    readonly data?: Record<string, unknown>;
    readonly error?: { code: string; message: string };
    readonly evidence?: readonly { cite: number; customerText: string; customerId: string }[];
  };
}

type Data = Record<string, unknown>;
type Line = { segmentId: number; label: string; size: number; sharePct: number; persona: string | null; unstable?: boolean };

export const n = (v: unknown, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : 'unknown');
export const nameOf = (s: { persona?: string | null; label?: string; name?: string }) => s.name ?? s.persona ?? s.label ?? 'this segment';
/** An unstable segment (it changes when the data is resampled) is always flagged where its size is given. */
const sizeText = (s: { size: number; sharePct: number; unstable?: boolean }) =>
  `${n(s.size)} customers (${n(s.sharePct, 1)}% of all customers)${s.unstable ? ', an unstable segment: it changes when the data is resampled, so treat it as tentative' : ''}`;
/** Size inside parentheses: no nested brackets. */
const briefSize = (s: { size: number; sharePct: number; unstable?: boolean }) => `${n(s.size)} customers, ${n(s.sharePct, 1)}% of all${s.unstable ? ', unstable' : ''}`;
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/** "1st of 6", "last of 6". */
export function rankWords(rank: number, of: number): string {
  if (of > 1 && rank === of) return `last of ${of}`;
  const suffix = rank % 10 === 1 && rank % 100 !== 11 ? 'st' : rank % 10 === 2 && rank % 100 !== 12 ? 'nd' : rank % 10 === 3 && rank % 100 !== 13 ? 'rd' : 'th';
  return `${rank}${suffix} of ${of}`;
}

export function money(x: unknown, currency: string | null | undefined): string {
  return `${currency ? `${currency} ` : ''}${n(x, typeof x === 'number' && Math.abs(x) >= 100 ? 0 : 2)}`;
}

/** Exemplar evidence reads "A typical customer: …" (older runs' tools wrote "Customer <id>: …"); answers never show ids. */
const exemplar = /^(?:Customer \S+|A typical customer): /;
export const sourceText = (t: string): string => shownText(t);
const shownText = (t: string) => (exemplar.test(t) ? `A typical customer: ${plainFeatures(t.replace(exemplar, ''))}` : t);

/** Feature descriptions in plain words: one-hot indicators become "Region United Kingdom". */
export function plainFeatures(text: string): string {
  return text
    .replace(/(?:^|; )1 when [^;]*? is "[^"]*" 0(?=;|$)/g, '')
    .replace(/1 when ([^;]*?) is "([^"]*)" 1/g, '$1 $2')
    .replace(/ from the customer table/g, '')
    .replace(/^; /, '');
}

/** Column descriptions without where they come from: "Kids from the customer table" → "Kids". */
export const plainColumns = (text: string): string => text.replace(/ from the customer table/g, '');

/** A one-hot feature as a share: `1 when Region is "Chile"` → `share with region Chile`. */
export function plainFeature(description: string): { text: string; percent: boolean } {
  const m = description.match(/^1 when (.+?) is "(.+)"$/);
  if (m) return { text: `share with ${m[1]} ${m[2]}`, percent: true };
  return { text: description.replace(/ from the customer table$/, '').replace(/\s*\((\w+)\)$/, ''), percent: false };
}

export function quotes(outcome: ToolOutcome, max = 3): string {
  const items = (outcome.result.evidence ?? []).map((e) => ({ ...e, customerText: shownText(e.customerText) }));
  const persona = (outcome.result.data?.persona ?? null) as { quotes?: string[] } | null;
  const fromCard = (persona?.quotes ?? [])
    .map((q) => ({ q, e: items.find((e) => e.customerText.includes(q)) }))
    .filter((x): x is { q: string; e: NonNullable<typeof x.e> } => x.e !== undefined)
    .map(({ q, e }) => `“${q}” [${e.cite}]`);
  if (fromCard.length >= Math.min(2, items.length, max)) return fromCard.slice(0, max).join(' ');
  return items
    .slice(0, max)
    .map((e) => `“${e.customerText}” [${e.cite}]`)
    .join(' ');
}

export function explainAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const persona = d.persona as { name?: string; bio?: string } | null;
  const reasons = ((d.reasons as string[] | undefined) ?? []).slice(0, 3);
  const head = persona?.name ? `**${persona.name}** (${d.label})` : `**${d.label}**`;
  const lines = [`${head}: ${sizeText(d as { size: number; sharePct: number; unstable?: boolean })}.`];
  const bio = persona?.bio ? plainColumns(persona.bio) : null;
  if (bio) lines.push(bio);
  // A card's bio often already says what sets them apart: never the same heading twice.
  if (reasons.length && !/what sets them apart/i.test(bio ?? '')) lines.push(`What sets them apart: ${reasons.map(plainColumns).join('; ')}.`);
  const terms = (d.topTerms as string[] | undefined) ?? [];
  if (terms.length) lines.push(`They talk about: ${terms.slice(0, 6).join(', ')}.`);
  const q = quotes(outcome);
  if (q) lines.push(`In their own words: ${q}`);
  return lines.join('\n');
}

export function evidenceAnswer(outcome: ToolOutcome, max: number): string {
  const d = (outcome.result.data ?? {}) as Data;
  const name = (d.name as string | undefined) ?? (typeof d.persona === 'string' ? d.persona : undefined) ?? (d.label as string);
  const q = quotes(outcome, max);
  return q ? `In the words of ${name}: ${q}` : `I have no quotes for ${name}.`;
}

export function ltvAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const s = d.segment as Line;
  const v = d.value as { method: string; horizonMonths: number; meanClv: number; totalClv: number; probabilityAlive: number | null; churnRisk: string | null; expectedPurchases: number | null; currency: string | null };
  const cur = v.currency ?? (d.currency as string | null | undefined);
  const rank = rankWords(d.rank as number, d.of as number);
  if (v.method === 'snapshot-proxy') {
    return `${nameOf(s)}: there is no purchase history to model, so lifetime value is estimated as current spend — ${money(v.meanClv, cur)} per customer, ${money(v.totalClv, cur)} in total; ${rank} segments by value.\nHow this was computed: average current spend per customer.`;
  }
  const risk = v.churnRisk ? `churn risk ${v.churnRisk}` : 'churn risk not known';
  return (
    `${nameOf(s)}: expected lifetime value over the next ${v.horizonMonths} months is ${money(v.meanClv, cur)} per customer (${money(v.totalClv, cur)} for the segment), ` +
    `${n(v.expectedPurchases, 1)} purchases each, ${n((v.probabilityAlive ?? 0) * 100)}% still active, ${risk}; ${rank} segments by value.\n` +
    'How this was computed: a purchase-frequency and spend model fitted on the customers’ order histories.'
  );
}

export function channelsAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const s = d.segment as Line;
  const p = d.plan as { channels: { channel: string; why: string }[]; tone: { style: string; why: string }; offer: { type: string; why: string }; sendTime: { window: string; why: string } };
  const top = p.channels.slice(0, 3).map((c, i) => `${i + 1}. ${c.channel} — ${c.why}`);
  return [`How to reach ${nameOf(s)}:`, ...top, `Tone: ${p.tone.style}, because ${p.tone.why}.`, `Offer: ${p.offer.type}, because ${p.offer.why}.`, `When: ${p.sendTime.window} (${p.sendTime.why}).`].join('\n');
}

export function campaignAnswer(outcome: ToolOutcome, of: number | null): string {
  const d = (outcome.result.data ?? {}) as Data;
  const s = d.segment as Line;
  const c = d.campaign as { name: string; objective: string; message: string; offer: string; channelPlan: { channel: string; role: string; timing: string }[]; kpi: { metric: string; target: string }; rank: number };
  const q = quotes(outcome, 1);
  return [
    `Campaign for ${nameOf(s)}: **${c.name}**${of ? ` (${rankWords(c.rank, of)} segments by value at stake)` : ''}`,
    `Objective: ${c.objective}`,
    `Message: ${c.message}`,
    `Offer: ${c.offer}`,
    `Channels: ${c.channelPlan.map((p) => `${p.channel} (${p.role}, ${p.timing})`).join('; ')}`,
    `Success measure: ${c.kpi.metric}, ${c.kpi.target}`,
    ...(q ? [`Grounded in: ${q}`] : []),
  ].join('\n');
}

export function rankAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const ranked = d.ranked as { rank: number; name: string; display: string }[];
  const of = d.of as number;
  if (!ranked.length) return 'No segment has that figure, so I cannot rank them.';
  const top = ranked[0]!;
  const lowFirst = d.order === 'asc';
  const lines = [
    `${top.name} ${lowFirst ? 'is lowest' : 'comes first'} by ${d.statistic}: ${top.display}.`,
    ...ranked.map((r) => `${r.rank}. ${r.name} — ${r.display}${r.rank === of && of > 1 ? ` (last of ${of})` : ''}`),
  ];
  if (d.note) lines.push(`How this was computed: ${d.note}`);
  return lines.join('\n');
}

export function countAnswer(outcome: ToolOutcome, segmentOnly: string | null): string {
  const d = (outcome.result.data ?? {}) as Data;
  const matching = d.matching as number;
  const customers = d.customers as number;
  const parts = (d.bySegment as { name: string; count: number; pctOfSegment: number }[]) ?? [];
  if (segmentOnly) return `${segmentOnly} has ${plural(matching, 'customer', 'customers')}, ${n(d.sharePct, 1)}% of all ${n(customers)} customers.`;
  const head = `${n(matching)} of ${n(customers)} customers (${n(d.sharePct, 1)}%) match: ${d.restated}.`;
  if (!matching) return `${head} None of them, so there is nothing to break down.`;
  const top = parts.slice(0, 4).map((p) => `${p.name} ${n(p.count)} (${n(p.pctOfSegment)}% of that segment)`);
  return `${head}\nBy persona: ${top.join('; ')}${parts.length > 4 ? `; and ${plural(parts.length - 4, 'more', 'more')}` : ''}.`;
}

/** How common a counted behaviour is in one segment against everyone, and the segment's rank by it. */
export function figureLine(counted: ToolOutcome, segmentId: number, name: string, segments: number): string {
  const d = (counted.result.data ?? {}) as Data;
  const parts = (d.bySegment as { segmentId: number; pctOfSegment: number }[]) ?? [];
  const mine = parts.find((p) => p.segmentId === segmentId)?.pctOfSegment ?? 0;
  const rank = 1 + parts.filter((p) => p.pctOfSegment > mine).length;
  const of = Math.max(segments, parts.length, rank);
  const ranked = of > 1 ? `; ${rankWords(rank, of)} segments by that share` : '';
  return `${n(mine, 1)}% of ${name} match “${String(d.restated)}”, against ${n(d.sharePct, 1)}% of all ${n(d.customers)} customers${ranked}.`;
}

export function segmentAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const segs = d.segments as Line[];
  const who = d.restated ? `the ${n(d.customers)} customers matching ${d.restated}` : `all ${n(d.customers)} customers`;
  // Shares are of the customers segmented, which are not all customers when a subset was re-segmented.
  const of = d.restated ? 'of these customers' : 'of all customers';
  const size = (s: Line) => `${n(s.size)} customers (${n(s.sharePct, 1)}% ${of})${s.unstable ? ', an unstable segment: treat it as tentative' : ''}`;
  return [`I re-segmented ${who} into ${segs.length} segments; this conversation now uses them (other conversations keep theirs):`, ...segs.map((s) => `• ${nameOf(s)} — ${size(s)}`)].join('\n');
}

export function compareAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const a = d.a as Line;
  const b = d.b as Line;
  const diffs = ((d.differences as { description: string; a: number; b: number; population: number }[]) ?? []).slice(0, 5).map((x) => {
    const f = plainFeature(x.description);
    const v = (y: number) => (f.percent ? `${n(y * 100)}%` : n(y, 2));
    return `• ${f.text}: ${v(x.a)} for ${nameOf(a)} vs ${v(x.b)} for ${nameOf(b)} (everyone: ${v(x.population)})`;
  });
  // Only what customers wrote is quoted here: an exemplar's feature list is no quote.
  const written = { ...outcome, result: { ...outcome.result, evidence: (outcome.result.evidence ?? []).filter((e) => !exemplar.test(e.customerText)) } };
  const q = quotes(written, 2);
  return [`${nameOf(a)} (${briefSize(a)}) compared with ${nameOf(b)} (${briefSize(b)}):`, ...diffs, ...(q ? [`In their own words: ${q}`] : [])].join('\n');
}

export function compareRunsAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const newer = d.newer as { customers: number; segments: number };
  const earlier = d.earlier as { customers: number; segments: number };
  const news = d.newSegments as { name: string; size: number; change: string; merged: boolean; mostlyFrom: { name: string; size: number; pctOfNew: number } | null }[];
  const olds = d.oldSegments as { name: string; split: boolean; into: { name: string }[] }[];
  const lines = [`The current segmentation has ${plural(newer.segments, 'segment', 'segments')} over ${n(newer.customers)} customers; the earlier one had ${plural(earlier.segments, 'segment', 'segments')} over ${n(earlier.customers)} (${n(d.sharedCustomers)} customers in both).`];
  for (const s of news) {
    lines.push(s.mostlyFrom ? `• ${s.name} (${n(s.size)}): ${n(s.mostlyFrom.pctOfNew)}% come from ${s.mostlyFrom.name} (${n(s.mostlyFrom.size)}); ${s.merged ? 'a merge of several earlier segments' : s.change}.` : `• ${s.name} (${n(s.size)}): new customers only.`);
  }
  for (const s of olds.filter((o) => o.split)) lines.push(`• ${s.name} split into ${s.into.map((x) => x.name).join(' and ')}.`);
  lines.push('How this was computed: segments matched by the customers they share.');
  return lines.join('\n');
}

export function listAnswer(outcome: ToolOutcome, help: boolean): string {
  const d = (outcome.result.data ?? {}) as Data;
  const segs = d.segments as Line[];
  const list = [`There are ${plural(segs.length, 'segment', 'segments')} over ${n(d.customers)} customers:`, ...segs.map((s) => `• ${nameOf(s)} — ${sizeText(s)}`)];
  if (help) list.unshift(helpText);
  return list.join('\n');
}

export const helpText =
  'I can find a persona ("who are my deal hunters?"), explain it, show quotes, give its lifetime value, channels and a campaign draft, rank segments ("which group is the angriest?"), count customers on any column ("how many customers have kids at home?"), compare segments or runs, place a new customer, export, and re-segment a subset ("re-segment the UK customers into 5 groups").';

export function describeDataAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const fields = d.fields as { name: string; label: string; kind: string; levels?: unknown[]; moreLevels?: number; range?: { min: number; max: number } }[];
  const shown = fields.slice(0, 25).map((f) => {
    const detail = f.levels ? `: ${f.levels.slice(0, 6).join(', ')}${f.levels.length > 6 || (f.moreLevels ?? 0) > 0 ? ', …' : ''}` : f.range ? ` (${n(f.range.min, 2)} to ${n(f.range.max, 2)})` : f.kind === 'flag' ? ' (yes/no)' : '';
    return `• ${f.label}${f.label.replace(/\s/g, '').toLowerCase() !== f.name.replace(/_/g, '').toLowerCase() ? ` [${f.name}]` : ''}${detail}`;
  });
  return [
    `This data covers ${n(d.customers)} customers${d.hasTexts ? ' and what they wrote' : ''}, with ${plural(fields.length, 'column', 'columns')} you can filter and rank on:`,
    ...shown,
    ...(fields.length > 25 ? [`…and ${plural(fields.length - 25, 'more', 'more')}.`] : []),
  ].join('\n');
}

export function assignAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const a = (d.assignments as { name: string; confidence: number }[]).at(-1);
  const understood = (d.understood as string[] | undefined) ?? [];
  const unmatched = (d.unmatched as string[] | undefined) ?? [];
  if (!a) return 'I could not place that customer.';
  return [
    `That customer fits ${a.name} best (${n(a.confidence * 100)}% of the most similar customers are in it).`,
    understood.length ? `I read the description as: ${understood.join('; ')}.` : 'None of the description matched a column, so this placement rests on little.',
    ...(unmatched.length ? [`I couldn't match “${unmatched.join(' ')}” to your data.`] : []),
  ].join('\n');
}

export function exportAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const what = d.restated ? `the ${plural(d.customers as number, 'customer', 'customers')} matching ${d.restated}` : d.segmentName ? `${d.segmentName} (${plural(d.customers as number, 'customer', 'customers')})` : `all ${plural(d.customers as number, 'customer', 'customers')}`;
  return `Exported ${what} as ${String(d.format).toUpperCase()} to ${d.file}.`;
}

export function noMatchAnswer(found: ToolOutcome): string {
  const d = (found.result.data ?? {}) as Data;
  const candidates = (d.candidates as (Line & { score: number })[] | undefined) ?? [];
  if (d.ambiguous && candidates.length > 1) {
    return [`“${d.query}” fits more than one segment about equally:`, ...candidates.map((s) => `• ${nameOf(s)} — ${sizeText(s)}`), 'Which one do you mean?'].join('\n');
  }
  const nearest = ((d.nearest as (Line & { score: number })[]) ?? []).map((s) => `• ${nameOf(s)} — ${sizeText(s)}`);
  return [`No segment matches “${d.query}”, and I will not invent one. The closest are:`, ...nearest, 'I can also re-segment the customers who mention it, if you ask.'].join('\n');
}

export function unmatchedAnswer(words: readonly string[], closest: readonly string[], labels: ReadonlyMap<string, string>): string {
  const cols = closest.map((c) => labels.get(c) ?? c);
  return `I couldn't match “${words.join(' ')}” to your data${cols.length ? `; the closest columns are ${cols.join(', ')}` : ''}. I have not run anything on all customers instead.`;
}

/** A tool's error for people: without the tool's name. */
export function errorAnswer(message: string): string {
  const plain = message.replace(/^[a-z]+(_[a-z]+)*:\s*/, '').replace(/\brun \d+\b/gi, 'this segmentation').replace(/\bsegments? \d+(, \d+)*\b/gi, 'that segment');
  return `I couldn't do that: ${plain}${/[.?!]$/.test(plain) ? '' : '.'}`;
}

export function outOfScopeAnswer(language: 'english' | 'other'): string {
  return language === 'other'
    ? "I can't answer that: I only understand questions in English, about your customers and their segments. Try for example “which segment is most valuable?”."
    : `I can't answer that from this data. ${helpText}`;
}

const kindWords: Record<string, string> = { customers: 'customer table', transactions: 'transaction history', texts: 'table of customer texts' };

/** An import or the list of imported data, in words: name, what it holds, rows and customers. */
export function loadAnswer(outcome: ToolOutcome): string {
  const d = (outcome.result.data ?? {}) as Data;
  const kind = (k: unknown) => kindWords[String(k)] ?? String(k);
  const customers = (counts: unknown) => {
    const c = (counts ?? {}) as Record<string, number>;
    return typeof c.customers === 'number' ? `, ${plural(c.customers, 'customer', 'customers')}` : '';
  };
  if (d.status === 'imported') {
    const counts = (d.counts ?? {}) as Record<string, number>;
    const invalid = counts.invalidCells ? ` ${plural(counts.invalidCells, 'value', 'values')} could not be read and were left empty (see the import report).` : '';
    return `Imported ${d.name} as a ${kind(d.kind)}: ${plural(d.rows as number, 'row', 'rows')}${customers(counts)}.${invalid} Segment the data to find its personas.`;
  }
  // The import's own reason speaks to the operator (ids, command options), so chat gets its meaning.
  if (d.status === 'skipped') return `${d.name} (${kind(d.kind)}) was already imported with exactly the same contents, so I left the data as it was.`;
  const datasets = (d.datasets as { name: string; kind: string; counts: Record<string, number> | null }[] | undefined) ?? [];
  if (!datasets.length) return 'No data is imported yet: upload a customers, transactions or texts file, then ask me to import it by name.';
  return [`${plural(datasets.length, 'dataset is', 'datasets are')} imported:`, ...datasets.map((x) => `• ${x.name} — ${kind(x.kind)}${typeof x.counts?.rows === 'number' ? `, ${plural(x.counts.rows, 'row', 'rows')}` : ''}${customers(x.counts)}`)].join('\n');
}
