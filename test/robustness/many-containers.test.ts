// A Pod with 10 000 containers starts in time proportional to its size: a status write remakes
// only the statuses of the containers that changed and compares only those, and a sync visits
// only the containers that are not running. Before, every write copied and compared the whole
// Pod, so 2000 containers took 8 times as long as 500.
import { describe, expect, it } from 'vitest';
import { MemFs } from '../../sim/fs/memfs';
import { createSession } from '../../sim/session';
import { attack } from './budget';

/** A Pod whose every container pulls its image (pull policy Always), one after another: a status write each. */
function bigPod(containers: number): MemFs {
  const list = Array.from({ length: containers }, (_, i) => `  - name: c${i}\n    image: registry.k8s.io/pause:3.10\n    imagePullPolicy: Always`).join('\n');
  const workspace = new MemFs();
  workspace.writeFile('/big.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n${list}\n`);
  return workspace;
}

function startBigPod(containers: number) {
  // About 0.3 s of virtual time per pull: 10 000 containers are all running after 50 minutes.
  const result = attack('kubectl apply -f big.yaml\nsleep 3600\nkubectl get pod big\n', createSession({ seed: 1, workspace: bigPod(containers) }));
  expect(result.crash).toBeUndefined();
  expect(result.output).toContain('pod/big created\n');
  expect(result.output).toMatch(new RegExp(`\nbig +${containers}/${containers} +Running +0 +60m\n$`));
  return result;
}

describe('a Pod with 10 000 containers', () => {
  it('reaches Running, in time that grows in proportion to the number of containers', () => {
    const quarter = startBigPod(2500);
    const whole = startBigPod(10_000);
    console.log(`2500 containers: ${Math.round(quarter.wallMs)} ms; 10 000 containers: ${Math.round(whole.wallMs)} ms, ${Math.round(whole.heapBytes / 2 ** 20)} MiB`);
    // Linear: four times the containers take about four times as long (quadratic: sixteen times).
    expect(whole.wallMs).toBeLessThan(quarter.wallMs * 7);
    // Each running container keeps its processes, files and log: a few tens of KiB, and nothing per pair of containers.
    expect(whole.heapBytes / 10_000).toBeLessThan(40 * 1024);
  }, 180_000);
});
