// `kubectl describe` of a StatefulSet, a PersistentVolumeClaim, a PersistentVolume and a
// StorageClass prints what kubectl 1.32's own describers print. The goldens were captured with the
// real kubectl against `podlab serve` after applying web.yaml, pv-volume.yaml and pv-claim.yaml:
// kubectl describes client-side from the objects, so they check the lab's describers line by line.
// What differs between two runs (times, ages, generated names, the node picked) is masked on both sides.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const example = (path: string) => readFileSync(new URL(`../../examples/kubernetes.io/${path}`, import.meta.url), 'utf8');
const golden = (name: string) => readFileSync(new URL(`../golden-files/storage/${name}`, import.meta.url), 'utf8');

function masked(text: string): string {
  const [head, events = ''] = text.split(/^(?=Events:\n)/m);
  const stable = (part: string) =>
    part
      .replace(/^(CreationTimestamp:\s+).*$/m, '$1TIME')
      .replace(/pvc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'pvc-UID')
      .replace(/selected-node: node0\d/g, 'selected-node: NODE');
  // Event ages are wall-clock ones under `podlab serve`, and how often a waiting claim is reported
  // depends on what else the cluster did meanwhile; the rows are compared cell by cell.
  const rows = stable(events)
    .replace(/<invalid>|\b\d+[smhd](\d+[smhd])?\b/g, 'AGE')
    .replace(/\(x\d+ over /g, '(xN over ')
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/).join(' | '))
    .join('\n');
  return stable(head) + rows;
}

describe('describe of StatefulSets and storage, against kubectl 1.32', () => {
  const lab = labShell();
  lab.write('web.yaml', example('application/web/web.yaml'));
  lab.write('pv-volume.yaml', example('pods/storage/pv-volume.yaml'));
  lab.write('pv-claim.yaml', example('pods/storage/pv-claim.yaml'));
  lab.sh('kubectl apply -f web.yaml');
  lab.sh('kubectl apply -f pv-volume.yaml -f pv-claim.yaml');
  lab.wait(60);

  it.each([
    ['sts web', 'describe-statefulset-web.txt'],
    ['pvc www-web-0', 'describe-pvc-www-web-0.txt'],
    ['pv task-pv-volume', 'describe-pv-task-pv-volume.txt'],
    ['sc standard', 'describe-storageclass-standard.txt'],
  ])('kubectl describe %s', (what, file) => {
    expect(masked(lab.sh(`kubectl describe ${what}`))).toBe(masked(golden(file)));
  });
});
