// `kubectl patch` in a whole session: the kubelet acts on a patched pod, and validation refuses
// what a pod update may not change.
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';

describe('kubectl patch in a session', () => {
  it('an image patch on a pod restarts its container with the new image', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(30);
    expect(lab.sh(`kubectl patch pod web -p '{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}'`)).toBe('pod/web patched\n');
    lab.wait(60);
    const row = tableRow(lab.sh('kubectl get pod web'), 'web');
    expect(row[2]).toBe('Running');
    expect(row[3]).toMatch(/^1 \(\d+s ago\)$/);
    expect(lab.sh('kubectl get pod web -o jsonpath={.status.containerStatuses[0].image}')).toBe('docker.io/library/nginx:1.28');
    const describe = lab.sh('kubectl describe pod web');
    expect(describe).toMatch(/Normal\s+Killing\s+\S+\s+kubelet\s+Container web definition changed, will be restarted\n/);
    expect(describe).toMatch(/Normal\s+Pulling\s+\S+\s+kubelet\s+Pulling image "nginx:1.28"\n/);
    // nginx stops cleanly on SIGTERM.
    expect(lab.sh('kubectl get pod web -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}')).toBe('0');
  });

  it('fixes a pod stuck in ImagePullBackOff when its image is corrected, even with restartPolicy Never', () => {
    const lab = labShell();
    lab.sh('kubectl run typo --image=ngnix:1.27 --restart=Never');
    lab.wait(60);
    expect(tableRow(lab.sh('kubectl get pod typo'), 'typo')[2]).toBe('ImagePullBackOff');
    lab.sh('kubectl set image pod/typo typo=nginx:1.27');
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pod typo'), 'typo').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
  });

  it('refuses changes a pod update may not make, with the API server message', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    const out = lab.sh(`kubectl patch pod web -p '{"spec":{"containers":[{"name":"web","command":["sleep","1"]}]}}'`);
    expect(out).toMatch(/^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });

  it('scales a deployment through the scale subresource', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx --replicas=1');
    lab.wait(30);
    expect(lab.sh(`kubectl patch deployment web --subresource='scale' --type='merge' -p '{"spec":{"replicas":3}}'`)).toBe('scale.autoscaling/web patched\n');
    lab.wait(30);
    expect(lab.sh('kubectl get deploy web -o jsonpath={.status.readyReplicas}')).toBe('3');
  });

  it('an image patch on a pod is stored', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(30);
    expect(lab.sh(`kubectl patch pod web --type=json -p '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.28"}]'`)).toBe('pod/web patched\n');
    expect(lab.sh('kubectl get pod web -o jsonpath={.spec.containers[0].image}')).toBe('nginx:1.28');
  });

  it('cordons a node with a YAML patch', () => {
    const lab = labShell();
    lab.write('cordon.yaml', 'spec:\n unschedulable: true\n');
    expect(lab.sh('kubectl patch node node01 --patch-file cordon.yaml')).toBe('node/node01 patched\n');
    expect(lab.sh('kubectl get node node01 -o jsonpath={.spec.unschedulable}')).toBe('true');
  });
});
