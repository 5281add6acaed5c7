// The heap over 24 virtual hours of the mixed workload (100 nginx pods with httpGet probes, 100
// with `sh -c` probes, a 20-pod Deployment crash-looping through its liveness probe): containers
// killed and restarted all day. Prints the heap after garbage collection at the end of every hour,
// then `growth <MiB>`: hour 24 minus hour 1. Run with `node --expose-gc --import tsx bench/heap-day.ts`.
import { mixedCluster } from './workloads';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const hours = Number(process.argv[2] ?? 24);
const heapMiB = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const session = mixedCluster();
const samples: number[] = [];
for (let hour = 1; hour <= hours; hour++) {
  for (let minute = 0; minute < 60; minute++) session.clock.advanceBy(60_000);
  samples.push(heapMiB());
  console.log(`hour ${hour}: ${samples[hour - 1].toFixed(1)} MiB`);
}
console.log(`growth ${(samples[samples.length - 1] - samples[0]).toFixed(1)}`);
