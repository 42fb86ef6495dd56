/**
 * Agreement between two partitions of the same items, written for the suites (independent of the
 * pipeline's own evaluate stage): adjusted Rand index, normalised mutual information (arithmetic mean
 * normalisation, as scikit-learn's default) and best-match Jaccard between clusters.
 */

function contingency(a: readonly (string | number)[], b: readonly (string | number)[]) {
  if (a.length !== b.length) throw new Error(`partitions differ in length: ${a.length} vs ${b.length}`);
  const table = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    const key = `${typeof x}:${x}\u0000${typeof y}:${y}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  return { cells: [...table.values()], rows: [...rows.values()], cols: [...cols.values()], n: a.length };
}

const pairs = (n: number) => (n * (n - 1)) / 2;

export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const { cells, rows, cols, n } = contingency(a, b);
  if (n < 2) return 1;
  const index = cells.reduce((s, c) => s + pairs(c), 0);
  const sumRows = rows.reduce((s, c) => s + pairs(c), 0);
  const sumCols = cols.reduce((s, c) => s + pairs(c), 0);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  // Both partitions trivial (all one cluster, or all singletons): identical by convention.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

export function normalizedMutualInformation(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const ids = (xs: readonly (string | number)[]) => {
    const m = new Map<string | number, number>();
    return xs.map((x) => {
      let id = m.get(x);
      if (id === undefined) m.set(x, (id = m.size));
      return id;
    });
  };
  const ia = ids(a);
  const ib = ids(b);
  const { rows, cols, n } = contingency(ia, ib);
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) joint.set(`${ia[i]},${ib[i]}`, (joint.get(`${ia[i]},${ib[i]}`) ?? 0) + 1);
  const rowCount = new Map<number, number>();
  const colCount = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    rowCount.set(ia[i] as number, (rowCount.get(ia[i] as number) ?? 0) + 1);
    colCount.set(ib[i] as number, (colCount.get(ib[i] as number) ?? 0) + 1);
  }
  let mi = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split(',').map(Number) as [number, number];
    mi += (c / n) * Math.log((n * c) / ((rowCount.get(x) as number) * (colCount.get(y) as number)));
  }
  const ha = entropy(rows, n);
  const hb = entropy(cols, n);
  if (ha === 0 && hb === 0) return 1;
  const denominator = (ha + hb) / 2;
  return denominator > 0 ? Math.max(0, mi / denominator) : 0;
}

/** For each cluster of `a`, the largest Jaccard overlap with any cluster of `b`, and which one. */
export function bestMatches(a: ReadonlyMap<number, ReadonlySet<string>>, b: ReadonlyMap<number, ReadonlySet<string>>): Map<number, { match: number | null; jaccard: number }> {
  const out = new Map<number, { match: number | null; jaccard: number }>();
  for (const [ka, sa] of a) {
    let best: { match: number | null; jaccard: number } = { match: null, jaccard: 0 };
    for (const [kb, sb] of b) {
      let shared = 0;
      for (const x of sa) if (sb.has(x)) shared++;
      const j = shared / (sa.size + sb.size - shared || 1);
      if (j > best.jaccard) best = { match: kb, jaccard: j };
    }
    out.set(ka, best);
  }
  return out;
}

/** Members per cluster from parallel id/label arrays. */
export function membersByCluster(ids: readonly string[], labels: readonly number[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  ids.forEach((id, i) => {
    const l = labels[i] as number;
    let set = out.get(l);
    if (!set) out.set(l, (set = new Set()));
    set.add(id);
  });
  return out;
}
