// A few public hosts answer from inside a pod; other names fail as each tool reports a failed lookup.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

function podWithTools() {
  const lab = labShell();
  lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
  lab.sh('kubectl run curl --image=curlimages/curl:8.11.1 -- sleep 3600');
  lab.wait(20);
  return lab;
}

describe('the outside world', () => {
  it('example.com and info.cern.ch answer wget and curl with their pages', () => {
    const lab = podWithTools();
    expect(lab.sh('kubectl exec box -- wget -qO- http://info.cern.ch')).toContain('<h1>http://info.cern.ch - home of the first website</h1>');
    expect(lab.sh('kubectl exec curl -- curl -s https://example.com')).toContain('<h1>Example Domain</h1>');
    expect(lab.sh('kubectl exec curl -- curl -s kubernetes.io')).toContain('<title>Kubernetes</title>');
  });

  it('other names fail to resolve in each tool’s words', () => {
    const lab = podWithTools();
    expect(lab.sh('kubectl exec box -- wget -qO- http://no-such-host.invalid')).toBe("wget: bad address 'no-such-host.invalid'\ncommand terminated with exit code 1\n");
    expect(lab.sh('kubectl exec curl -- curl -sS http://no-such-host.invalid')).toBe('curl: (6) Could not resolve host: no-such-host.invalid\ncommand terminated with exit code 6\n');
  });

  it('nslookup shows a public name as a non-authoritative answer', () => {
    const lab = podWithTools();
    expect(lab.sh('kubectl exec box -- nslookup example.com')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 23.192.228.80\n\n');
  });

  it('nc reaches a public host’s web port', () => {
    const lab = podWithTools();
    expect(lab.sh('kubectl exec box -- sh -c "nc -z -w 2 example.com 80; echo $?"')).toBe('0\n');
  });

  it('an HTTP probe to a public host succeeds and one to an unknown name fails with a lookup error', () => {
    const lab = labShell();
    lab.write('probe.yaml', `apiVersion: v1
kind: Pod
metadata: {name: probed}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    readinessProbe:
      httpGet: {host: example.com, path: /, port: 80}
      periodSeconds: 5
  - name: other
    image: busybox:1.36
    command: [sleep, "3600"]
    readinessProbe:
      httpGet: {host: nowhere.invalid, path: /, port: 80}
      periodSeconds: 5
`);
    lab.sh('kubectl apply -f probe.yaml');
    lab.wait(30);
    expect(lab.sh(`kubectl get pod probed -o jsonpath='{.status.containerStatuses[*].ready}'`)).toBe('true false');
    expect(lab.sh('kubectl describe pod probed')).toContain('Readiness probe failed: Get "http://nowhere.invalid:80/": dial tcp: lookup nowhere.invalid: no such host');
  });
});
