// A web server's access log as `kubectl logs` shows it: one line per request, probes included,
// each with the time of its own request, between the server's other output.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe("nginx's access log", () => {
  it('shows every probe request at its own second, and a request from another pod between them', () => {
    const lab = labShell();
    lab.write(
      '/web.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
`,
    );
    expect(lab.sh('kubectl apply -f web.yaml')).toBe('pod/web created\n');
    lab.wait(20);
    const ip = lab.sh("kubectl get pod web -o jsonpath='{.status.podIP}'");
    expect(lab.sh(`kubectl run client --image=busybox:1.36 --restart=Never -- wget -q -O /dev/null http://${ip}/`)).toBe('pod/client created\n');
    lab.wait(12);
    const probe = (time: string) => `172.30.1.4 - - [15/Jan/2026:${time} +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"\n`;
    // busybox wget names itself "Wget".
    const fromClient = '10.244.1.3 - - [15/Jan/2026:10:00:21 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"\n';
    const logs = lab.sh('kubectl logs web');
    expect(logs).toMatch(/^\/docker-entrypoint\.sh: /);
    expect(logs.endsWith('2026/01/15 10:00:03 [notice] 1#1: start worker process 30\n' + probe('10:00:03') + probe('10:00:08') + probe('10:00:13') + probe('10:00:18') + fromClient + probe('10:00:23') + probe('10:00:28'))).toBe(true);
    expect(lab.sh('kubectl logs web --timestamps --tail=3')).toBe(
      `2026-01-15T10:00:21.461000000Z ${fromClient}2026-01-15T10:00:23.263000000Z ${probe('10:00:23')}2026-01-15T10:00:28.263000000Z ${probe('10:00:28')}`,
    );
    expect(lab.sh('kubectl logs web --since=6s')).toBe(probe('10:00:23') + probe('10:00:28'));
  });

  it("logs a request made inside the pod to localhost as coming from 127.0.0.1, with each client's user agent", () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(20);
    lab.sh('kubectl exec web -- curl -s localhost -o /dev/null');
    lab.wait(5);
    const lines = lab.sh('kubectl logs web').split('\n').filter((line) => line.includes('"GET / HTTP/1.1"'));
    expect(lines).toHaveLength(1);
    // nginx's image installs Debian 12's curl, which names itself in the request.
    expect(lines[0]).toMatch(/^127\.0\.0\.1 - - \[15\/Jan\/2026:10:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/7\.88\.1" "-"$/);
    const ip = lab.sh("kubectl get pod web -o jsonpath='{.status.podIP}'");
    lab.sh(`kubectl run agent --image=busybox:1.36 --restart=Never -- wget -q -U probe-check -O /dev/null http://${ip}/`);
    lab.wait(5);
    expect(lab.sh('kubectl logs web --tail=1')).toMatch(/ 200 615 "-" "probe-check" "-"\n$/);
    lab.sh(`kubectl run curl --image=curlimages/curl:8.11.1 --restart=Never -- curl -s -o /dev/null http://${ip}/`);
    lab.sh(`kubectl run curl-agent --image=curlimages/curl --restart=Never -- curl -s -A lab-check -o /dev/null http://${ip}/`);
    lab.wait(10);
    const agents = lab.sh('kubectl logs web --tail=2').split('\n').map((line) => line.split('"')[5]);
    expect(agents.slice(0, 2).sort()).toEqual(['curl/8.11.1', 'lab-check']);
  });
});
