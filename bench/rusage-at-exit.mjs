// Preloaded with `node --import` by the scale bench: at exit, writes this process's wall-clock
// lifetime, CPU time (all threads) and peak RSS to the file named by PERSONA_BENCH_RUSAGE.
import { writeFileSync } from 'node:fs';

const target = process.env.PERSONA_BENCH_RUSAGE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ cpuSeconds: Math.round((u.userCPUTime + u.systemCPUTime) / 1e4) / 100, peakRssMb: Math.round(u.maxRSS / 1024) }),
    );
  });
}
