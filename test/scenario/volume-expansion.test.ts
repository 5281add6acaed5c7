// Growing, shrinking and changing a PersistentVolumeClaim as the 1.32 API server and the kind
// cluster's local-path provisioner answer it: the resize admission plugin, the claim's update
// validation, the expand controller with no resizer to hand the claim to, and a Block claim the
// provisioner will not make.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

function claimAndPod(name: string, extra = ''): string {
  return (
    `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n${extra}  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n---\n` +
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}-user\nspec:\n  containers:\n  - name: c\n    image: busybox:1.37\n    command: [sleep, "3600"]\n    volumeMounts:\n    - {name: data, mountPath: /data}\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: ${name}\n`
  );
}

const resize = (name: string, size: string) => `kubectl patch pvc ${name} -p '{"spec":{"resources":{"requests":{"storage":"${size}"}}}}'`;

describe('PersistentVolumeClaim expansion', () => {
  it('the default class allows no expansion: growing is refused, shrinking and other changes are invalid', () => {
    const lab = labShell();
    lab.write('claim.yaml', claimAndPod('data'));
    lab.sh('kubectl apply -f claim.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl get pvc data')).toMatch(/^data\s+Bound\s+pvc-\S+\s+1Gi\s+RWO\s+standard\s/m);
    expect(lab.sh(resize('data', '2Gi'))).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    );
    expect(lab.sh(resize('data', '500Mi'))).toBe('The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n');
    expect(lab.sh(`kubectl patch pvc data -p '{"spec":{"accessModes":["ReadWriteMany"]}}'`)).toMatch(
      /^The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n/,
    );
    expect(lab.sh(`kubectl get pvc data -o jsonpath='{.spec.resources.requests.storage} {.spec.accessModes}'`)).toBe('1Gi ["ReadWriteOnce"]');
  });

  it('a claim not bound yet cannot change its request at all', () => {
    const lab = labShell();
    lab.write('claim.yaml', claimAndPod('later').split('---\n')[0]);
    lab.sh('kubectl apply -f claim.yaml');
    lab.wait(5);
    expect(lab.sh('kubectl get pvc later')).toMatch(/^later\s+Pending\s/m);
    expect(lab.sh(resize('later', '2Gi'))).toMatch(/^The PersistentVolumeClaim "later" is invalid: spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n/);
  });

  it('a class that allows expansion takes the larger request, and the claim waits for a resizer local-path does not have', () => {
    const lab = labShell();
    lab.write('class.yaml', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: expandable\nprovisioner: rancher.io/local-path\nallowVolumeExpansion: true\nvolumeBindingMode: WaitForFirstConsumer\n');
    lab.write('claim.yaml', claimAndPod('grow', '  storageClassName: expandable\n'));
    lab.sh('kubectl apply -f class.yaml -f claim.yaml');
    lab.wait(20);
    expect(lab.sh(resize('grow', '2Gi'))).toBe('persistentvolumeclaim/grow patched\n');
    lab.wait(10);
    expect(lab.sh(`kubectl get pvc grow -o jsonpath='{.spec.resources.requests.storage} {.status.capacity.storage}'`)).toBe('2Gi 1Gi');
    expect(lab.sh('kubectl get pvc grow')).toMatch(/^grow\s+Bound\s+pvc-\S+\s+1Gi\s+RWO\s+expandable\s/m);
    expect(lab.sh('kubectl describe pvc grow')).toMatch(/\n  Normal  ExternalExpanding      \d+s\s+volume_expand\s+waiting for an external controller to expand this PVC\n$/);
    // Back down to what the volume has is still refused; a size in between is not.
    expect(lab.sh(resize('grow', '1Gi'))).toContain('spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n');
    expect(lab.sh(resize('grow', '1536Mi'))).toBe('persistentvolumeclaim/grow patched\n');
  });

  it('local-path makes no block devices: a Block claim stays Pending', () => {
    const lab = labShell();
    lab.write('claim.yaml', claimAndPod('raw', '  volumeMode: Block\n').replace('    volumeMounts:\n    - {name: data, mountPath: /data}\n', '    volumeDevices:\n    - {name: data, devicePath: /dev/xvda}\n'));
    lab.sh('kubectl apply -f claim.yaml');
    lab.wait(30);
    expect(lab.sh('kubectl get pvc raw')).toMatch(/^raw\s+Pending\s+standard\s/m);
    const events = lab.sh('kubectl get events --field-selector involvedObject.name=raw -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message --sort-by=.lastTimestamp');
    expect(events).toMatch(/^Warning +ProvisioningFailed +rancher\.io\/local-path does not support block volume provisioning$/m);
    expect(events.match(/ProvisioningFailed/g)).toHaveLength(1);
    expect(lab.sh('kubectl get pod raw-user')).toMatch(/^raw-user\s+0\/1\s+Pending\s/m);
  });
});
