// A few public hosts answer from inside a pod; other names fail as each tool reports a failed lookup.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it("serves kubernetes.io's examples from the lab's copy, with k8s.io redirecting there, in pods and on the workstation", () => {
    const lab = podWithTools();
    const simplePod = readFileSync(join(__dirname, '../../examples/kubernetes.io/pods/simple-pod.yaml'), 'utf8');
    // busybox wget follows the redirect, connecting anew.
    expect(lab.sh('kubectl exec box -- wget -O /tmp/pod.yaml https://k8s.io/examples/pods/simple-pod.yaml')).toBe(
      'Connecting to k8s.io:443 (34.107.204.206:443)\nConnecting to kubernetes.io:443 (147.75.40.148:443)\n' +
        `saving to '/tmp/pod.yaml'\n/tmp/pod.yaml        100% |********************************|   ${simplePod.length}  0:00:00 ETA\n'/tmp/pod.yaml' saved\n`,
    );
    expect(lab.sh('kubectl exec box -- cat /tmp/pod.yaml')).toBe(simplePod);
    // curl follows it only with -L.
    expect(lab.sh('kubectl exec curl -- curl -s https://k8s.io/examples/pods/simple-pod.yaml')).toContain('<title>301 Moved Permanently</title>');
    expect(lab.sh('kubectl exec curl -- curl -sI https://k8s.io/examples/pods/simple-pod.yaml')).toContain('Location: https://kubernetes.io/examples/pods/simple-pod.yaml\r\n');
    expect(lab.sh('kubectl exec curl -- curl -sL https://k8s.io/examples/pods/simple-pod.yaml')).toBe(simplePod);
    expect(lab.sh('kubectl exec curl -- curl -fsSL https://kubernetes.io/examples/pods/no-such.yaml')).toBe(
      'curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22\n',
    );

    // The learner's workstation downloads them as the pages do, then applies the file.
    // Saving to a file, curl shows its progress meter on stderr: a line for the redirect, one for the file.
    expect(lab.sh('curl -LO https://k8s.io/examples/pods/simple-pod.yaml')).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '100   162  100   162    0     0   5400      0 --:--:-- --:--:-- --:--:--  5400\n' +
        `100   ${simplePod.length}  100   ${simplePod.length}    0     0   5650      0 --:--:-- --:--:-- --:--:--  5650\n`,
    );
    expect(lab.sh('curl -fsSLo job.yaml https://k8s.io/examples/controllers/job.yaml; ls')).toBe('job.yaml\nsimple-pod.yaml\n');
    expect(lab.sh('cat simple-pod.yaml')).toBe(simplePod);
    expect(lab.sh('kubectl apply -f job.yaml')).toBe('job.batch/pi created\n');
    expect(lab.sh('curl -O https://kubernetes.io/; echo $?')).toBe('curl: Remote file name has no length!\n23\n');
    expect(lab.sh('curl -sS https://github.com; echo $?')).toBe('curl: (6) Could not resolve host: github.com\n6\n');
  });
});
