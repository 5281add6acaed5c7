// ping from a pod: pods and public hosts answer, a Service's cluster IP never does.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

function cluster() {
  const lab = labShell();
  lab.sh('kubectl run web --image=nginx:1.27 --port=80 --expose');
  lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
  lab.wait(20);
  return lab;
}

describe('ping', () => {
  it('gets replies from a pod', () => {
    const lab = cluster();
    const ip = lab.sh(`kubectl get pod web -o jsonpath='{.status.podIP}'`);
    expect(lab.sh(`kubectl exec box -- ping -c 2 ${ip}`)).toBe(
      `PING ${ip} (${ip}): 56 data bytes\n64 bytes from ${ip}: seq=0 ttl=64 time=0.087 ms\n64 bytes from ${ip}: seq=1 ttl=64 time=0.087 ms\n\n` +
        `--- ${ip} ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.087/0.087/0.087 ms\n`,
    );
  });

  it('gets no reply from a Service, whose cluster IP is only a forwarding rule', () => {
    const lab = cluster();
    const ip = lab.sh(`kubectl get svc web -o jsonpath='{.spec.clusterIP}'`);
    expect(lab.sh('kubectl exec box -- ping -c 3 web')).toBe(
      `PING web (${ip}): 56 data bytes\n\n--- web ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\ncommand terminated with exit code 1\n`,
    );
  });

  it('reaches the public hosts and fails on names that do not exist', () => {
    const lab = cluster();
    expect(lab.sh('kubectl exec box -- ping -c 1 example.com')).toContain('64 bytes from 23.192.228.80: seq=0 ttl=52 time=11.872 ms\n');
    expect(lab.sh('kubectl exec box -- ping -c 1 nowhere.invalid')).toBe("ping: bad address 'nowhere.invalid'\ncommand terminated with exit code 1\n");
  });
});
