// runAsNonRoot: the kubelet refuses to start a container that would run as root, in its words.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const pod = (security: string, image = 'nginx:1.27') => `apiVersion: v1
kind: Pod
metadata: {name: guarded}
spec:
  securityContext: {${security}}
  containers:
  - {name: app, image: ${image}, command: [sleep, "3600"]}
`;

function start(yaml: string) {
  const lab = labShell();
  lab.write('pod.yaml', yaml);
  lab.sh('kubectl apply -f pod.yaml');
  lab.wait(30);
  return lab;
}

describe('runAsNonRoot', () => {
  it('stops an image that runs as root with CreateContainerConfigError', () => {
    const lab = start(pod('runAsNonRoot: true'));
    expect(lab.sh('kubectl get pod guarded')).toMatch(/guarded\s+0\/1\s+CreateContainerConfigError\s+0\s/);
    const uid = lab.sh(`kubectl get pod guarded -o jsonpath='{.metadata.uid}'`);
    expect(lab.sh('kubectl describe pod guarded')).toContain(`Error: container has runAsNonRoot and image will run as root (pod: "guarded_default(${uid})", container: app)`);
  });

  it('refuses runAsUser 0 and accepts another user', () => {
    expect(start(pod('runAsNonRoot: true, runAsUser: 0')).sh('kubectl describe pod guarded')).toMatch(/Error: container's runAsUser breaks non-root policy \(pod: "guarded_default\([\w-]+\)", container: app\)/);
    expect(start(pod('runAsNonRoot: true, runAsUser: 1000')).sh('kubectl get pod guarded')).toMatch(/guarded\s+1\/1\s+Running/);
  });

  it('cannot verify an image user given by name', () => {
    const lab = start(pod('runAsNonRoot: true', 'curlimages/curl:8.11.1'));
    expect(lab.sh('kubectl describe pod guarded')).toContain('Error: container has runAsNonRoot and image has non-numeric user (curl_user), cannot verify user is non-root');
  });
});
