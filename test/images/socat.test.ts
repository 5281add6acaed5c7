// alpine/socat relays a listening port to another address, as ambassador sidecars use it, and logs
// its errors as socat 1.8 does.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const logLine = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d socat\[\d+\] E /;

describe('socat', () => {
  it('relays every connection to its target with fork, so localhost:8080 answers as http-echo does', () => {
    const lab = labShell();
    lab.sh(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: relay}
spec:
  containers:
  - {name: app, image: hashicorp/http-echo, args: ["-text=hello from the app"]}
  - {name: ambassador, image: alpine/socat, args: ["TCP-LISTEN:8080,fork,reuseaddr", "TCP:localhost:5678"]}
  - {name: client, image: busybox:1.36, command: [sleep, "3600"]}
EOF`);
    lab.wait(20);
    expect(lab.sh('kubectl exec relay -c client -- wget -qO- localhost:8080')).toBe('hello from the app\n');
    expect(lab.sh('kubectl exec relay -c client -- wget -qO- localhost:8080')).toBe('hello from the app\n');
    expect(lab.sh('kubectl exec relay -c ambassador -- ps')).toContain('socat TCP-LISTEN:8080,fork,reuseaddr TCP:localhost:5678\n');
    expect(lab.sh('kubectl logs relay -c ambassador')).toBe('');
  });

  it('logs a refused connection and, without fork, ends after its one connection', () => {
    const lab = labShell();
    lab.sh('kubectl run once --image=alpine/socat:1.8.0.3 --restart=Never -- tcp-listen:9000 tcp:localhost:9999');
    lab.sh('kubectl run client --image=busybox:1.36 -- sleep 3600');
    lab.wait(20);
    const ip = lab.sh(`kubectl get pod once -o jsonpath='{.status.podIP}'`);
    expect(lab.sh(`kubectl exec client -- wget -qO- ${ip}:9000`)).toBe('wget: error getting response\ncommand terminated with exit code 1\n');
    lab.wait(5);
    expect(lab.sh('kubectl logs once')).toMatch(new RegExp(`${logLine.source}connect\\(5, AF=2 127\\.0\\.0\\.1:9999, 16\\): Connection refused\\n$`));
    expect(lab.sh('kubectl get pod once')).toMatch(/^once\s+0\/1\s+Error\s+0\s/m);
  });

  it('sends stdin to a server and prints its answer with `-`', () => {
    const lab = labShell();
    lab.sh('kubectl run cache --image=redis:7.4');
    lab.sh('kubectl run tool --image=alpine/socat --command -- sleep 3600');
    lab.wait(20);
    const ip = lab.sh(`kubectl get pod cache -o jsonpath='{.status.podIP}'`);
    expect(lab.sh(`kubectl exec tool -- sh -c 'echo PING | socat - TCP:${ip}:6379'`)).toBe('+PONG\r\n');
  });

  it('refuses what it cannot parse, in its own words', () => {
    const lab = labShell();
    lab.sh('kubectl run one --image=alpine/socat --restart=Never -- TCP-LISTEN:80');
    lab.sh('kubectl run odd --image=alpine/socat --restart=Never -- FOO:1 TCP:x:1');
    lab.wait(20);
    expect(lab.sh('kubectl logs one')).toMatch(new RegExp(`${logLine.source}exactly 2 addresses required \\(there are 1\\); use option "-h" for help\\n$`));
    expect(lab.sh('kubectl logs odd')).toMatch(new RegExp(`${logLine.source}unknown device/address "FOO:1"\\n$`));
    expect(lab.sh('kubectl get pods --no-headers')).toMatch(/^odd +0\/1 +Error +0 +20s\none +0\/1 +Error +0 +20s\n$/);
  });

  it('has the real tags only', () => {
    const lab = labShell();
    lab.sh('kubectl run bad --image=alpine/socat:1.8.9');
    lab.wait(10);
    expect(lab.sh('kubectl describe pod bad')).toContain('docker.io/alpine/socat:1.8.9: not found');
  });
});
