/**
 * A seeded stratified sample of rows: strata are the cells of a 16-means partition fitted on a seeded
 * pilot of up to 5,000 rows (every row joins its nearest pilot centroid), each stratum gets its
 * proportional share (largest remainder rounding), and rows are drawn uniformly inside it. A uniform
 * sample can miss a small dense region by chance; k-means++ seeding gives a far, small region its own
 * stratum, so this sample draws from every region in proportion to its population.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { sampleIndices, type Rng } from '../../lib/rng.ts';
import { fitKMeans } from '../cluster/kmeans.ts';
import { centroidModel, predict } from '../cluster/predict.ts';

export const stratifiedSampleDefaults = Object.freeze({ pilotRows: 5000, strata: 16 });

/** Ascending row indices of the sample; all rows when size ≥ rows. */
export function stratifiedSample(x: Matrix, size: number, rng: Rng): Uint32Array {
  const n = x.rows;
  const d = x.cols;
  if (!Number.isInteger(size) || size < 1) throw new PersonaError('bad_option', `stratifiedSample: size must be a positive integer, got ${size}`);
  if (size >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const pilot = sampleIndices(n, Math.min(n, stratifiedSampleDefaults.pilotRows), rng.fork('pilot'));
  const pilotData = new Float64Array(pilot.length * d);
  pilot.forEach((row, i) => pilotData.set(x.data.subarray(row * d, (row + 1) * d), i * d));
  const axes = Math.min(2, d);
  const pilotMatrix = { rows: pilot.length, cols: d, data: pilotData };
  const strata = Math.min(stratifiedSampleDefaults.strata, pilot.length);
  const groups = fitKMeans(pilotMatrix, rng.fork('strata'), { k: strata, restarts: 1 });
  const { labels: stratum } = predict(centroidModel(pilotMatrix, groups.labels, groups.clusterCount), x);
  const counts = new Float64Array(strata);
  for (let i = 0; i < n; i++) counts[stratum[i] as number] = (counts[stratum[i] as number] as number) + 1;

  // Proportional allocation; the remainder goes to the largest fractional parts (ties: lower stratum).
  const take = new Int32Array(strata);
  let given = 0;
  const frac: [number, number][] = [];
  for (let s = 0; s < strata; s++) {
    const exact = (size * (counts[s] as number)) / n;
    take[s] = Math.floor(exact);
    given += take[s] as number;
    frac.push([exact - Math.floor(exact), s]);
  }
  frac.sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let r = 0; given < size && r < frac.length; r++) {
    const s = frac[r]![1];
    if ((take[s] as number) < (counts[s] as number)) {
      take[s] = (take[s] as number) + 1;
      given++;
    }
  }

  const members: number[][] = Array.from({ length: strata }, () => []);
  for (let i = 0; i < n; i++) members[stratum[i] as number]!.push(i);
  const out: number[] = [];
  members.forEach((rows, s) => {
    const pick = sampleIndices(rows.length, take[s] as number, rng.fork(`stratum-${s}`));
    for (const p of pick) out.push(rows[p] as number);
  });
  return Uint32Array.from(out).sort();
}
