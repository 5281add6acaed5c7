// `kubectl describe` of PriorityClasses and of the two sides of a preemption prints what kubectl
// 1.32's own describers print. The goldens were captured with the real kubectl against `podlab
// serve` (kubectl describes client-side from the objects) after the same commands as below; what
// differs between two runs (times, ages, uids, container IDs) is masked on both sides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const golden = (name: string) => readFileSync(new URL(`../golden-files/priority/${name}`, import.meta.url), 'utf8');

function masked(text: string): string {
  return text
    .replace(/^((?:Start Time|\s+Started):\s+).*$/gm, '$1TIME')
    .replace(/Terminating \(lasts [^)]*\)/g, 'Terminating (lasts AGE)')
    .replace(/containerd:\/\/[0-9a-f]{64}/g, 'containerd://ID')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UID')
    .replace(/^(\s+(?:Normal|Warning)\s+\S+\s+)\S+(\s+)/gm, '$1AGE$2');
}

describe('describe of priority classes and preemption, against kubectl 1.32', () => {
  it.each([
    ['kubectl describe pc system-node-critical', 'describe-priorityclass-system-node-critical.txt'],
    ['kubectl describe pc high-priority', 'describe-priorityclass-high-priority.txt'],
    ['kubectl describe pc placeholder', 'describe-priorityclass-placeholder.txt'],
  ])('%s', (command, file) => {
    const lab = labShell();
    lab.sh('kubectl create priorityclass high-priority --value=1000000 --description="This priority class should be used for XYZ service pods only."');
    lab.sh('kubectl create priorityclass placeholder --value=-1000 --preemption-policy=Never --global-default');
    lab.sh('kubectl annotate pc high-priority team=a');
    expect(lab.sh(command)).toBe(golden(file));
  });

  it('shows the victim marked and told, and the preemptor nominated to its node', () => {
    const lab = labShell();
    for (const name of ['priority-classes', 'filler', 'important']) lab.write(`${name}.yaml`, golden(`manifests/${name}.yaml`));
    lab.sh('kubectl apply -f priority-classes.yaml');
    lab.sh('kubectl apply -f filler.yaml');
    lab.wait(6);
    lab.sh('kubectl apply -f important.yaml');
    lab.wait(2);
    const victim = lab.sh('kubectl get pods --no-headers').match(/^(\S+)\s+\S+\s+Terminating/m)?.[1];
    expect(victim).toBeDefined();
    expect(masked(lab.sh(`kubectl describe pod ${victim}`))).toBe(masked(golden('describe-pod-preemption-victim.txt')));
    expect(masked(lab.sh('kubectl describe pod important'))).toBe(masked(golden('describe-pod-preemptor.txt')));
  });
});
