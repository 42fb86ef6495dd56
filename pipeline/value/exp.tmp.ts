import { createRng } from '../../lib/rng.ts';
import { fitBgNbd } from './bgnbd.ts';
import { fitGammaGamma } from './gamma-gamma.ts';
import { rfmSummary } from './rfm-summary.ts';
import { simulateCustomers } from './simulate.ts';
const bg = { r: 0.8, alpha: 4, a: 0.8, b: 2.5 };
const gg = { p: 6, q: 4, v: 15 };
for (const n of [5000]) for (let seed = 10; seed < 40; seed++) {
  const sim = simulateCustomers(bg, gg, createRng(seed), { customers: n, minWeeks: 39, maxWeeks: 78 });
  const t0 = performance.now();
  const s = rfmSummary(sim.transactions, { end: sim.end });
  const t1 = performance.now();
  const f = fitBgNbd(s);
  const t2 = performance.now();
  const g = fitGammaGamma(s);
  const t3 = performance.now();
  const rel = (a: number, b: number) => ((a - b) / b * 100).toFixed(0);
  console.log(n, seed, sim.transactions.length, `sum ${(t1-t0).toFixed(0)}ms bg ${(t2-t1).toFixed(0)}ms it ${f.iterations} ${f.converged} gg ${(t3-t2).toFixed(0)}ms`,
    'r', rel(f.params.r, bg.r), 'al', rel(f.params.alpha, bg.alpha), 'a', rel(f.params.a, bg.a), 'b', rel(f.params.b, bg.b),
    '| p', rel(g.params.p, gg.p), 'q', rel(g.params.q, gg.q), 'v', rel(g.params.v, gg.v), g.customers);
}
