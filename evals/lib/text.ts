/**
 * Bag-of-words helpers the suites use to compare cards, texts and segments by meaning. Written here, not
 * borrowed from the pipeline, so a score never agrees with the product just because it shares its code.
 * Any script and language: a token is a run of letters or digits; very short tokens and the commonest
 * English function words are dropped so that shared grammar does not read as shared meaning.
 */

const functionWords = new Set(
  (
    'the and for are but not you all any can had her was one our out has him his how its may new now ' +
    'see two who did get let say she too use this that with have from they will would there their what ' +
    'about which when make like time just know take into year your some could them than then look only ' +
    'come over also back after work first well even want because these give most very were been being ' +
    'more such much many here where does done should shall might must each other those every while per'
  ).split(' '),
);

export type SparseVector = ReadonlyMap<string, number>;

/** Lower-cased word tokens of at least three characters, function words removed. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const t = m[0];
    if ([...t].length >= 3 && !functionWords.has(t) && !/^\d+$/.test(t)) out.push(t);
  }
  return out;
}

export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Inverse document frequency over documents given as token sets: ln((1 + n) / (1 + df)) + 1. */
export function inverseDocumentFrequency(documents: readonly ReadonlySet<string>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of documents) for (const t of doc) df.set(t, (df.get(t) ?? 0) + 1);
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log((1 + n) / (1 + d)) + 1);
  return idf;
}

/** TF-IDF vector of a text (log-scaled term frequency); unseen terms get the largest idf. */
export function tfidf(text: string, idf: ReadonlyMap<string, number>, unseenIdf: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [t, c] of termCounts(text)) out.set(t, (1 + Math.log(c)) * (idf.get(t) ?? unseenIdf));
  return out;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, v] of a) {
    na += v * v;
    const w = b.get(t);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** The mean of unit-normalised vectors: a segment's centre in term space. */
export function centroid(vectors: readonly SparseVector[]): Map<string, number> {
  const out = new Map<string, number>();
  if (!vectors.length) return out;
  for (const v of vectors) {
    let norm = 0;
    for (const x of v.values()) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (const [t, x] of v) out.set(t, (out.get(t) ?? 0) + x / norm / vectors.length);
  }
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Whitespace collapsed and typographic quotes/dashes folded, so layout never decides a verbatim match. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
