// apt-get in Debian-based images: nothing to install before `update`, then the tools a slim image
// leaves out arrive in /usr/bin and the container finds them (the shared-volume page's steps).
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('apt-get', () => {
  it('installs procps after an update, so ps works in the nginx container', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(30);
    expect(lab.sh('kubectl exec web -- ps aux')).toContain('exec: "ps": executable file not found in $PATH');
    expect(lab.sh('kubectl exec web -- apt-get install -y procps')).toBe(
      'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nE: Unable to locate package procps\ncommand terminated with exit code 100\n',
    );
    expect(lab.sh('kubectl exec web -- apt-get update')).toMatch(/^Get:1 http:\/\/deb\.debian\.org\/debian bookworm InRelease \[151 kB\]\n[\s\S]*Reading package lists\.\.\. Done\n$/);
    const install = lab.sh('kubectl exec web -- apt-get install -y curl procps');
    expect(install).toContain('curl is already the newest version (7.88.1-10+deb12u8).\n');
    expect(install).toContain('Setting up procps (2:4.0.2-3) ...\n');
    expect(lab.sh('kubectl exec web -- ps aux')).toMatch(/nginx: master process nginx -g daemon off;/);
    expect(lab.sh(`kubectl exec web -- sh -c 'ps aux | grep -c "[n]ginx: worker"'`)).toBe('2\n');
  });

  it('asks before installing without -y, and gets no answer', () => {
    const lab = labShell();
    lab.sh('kubectl run deb --image=debian:bookworm -- sleep infinity');
    lab.wait(40);
    lab.sh('kubectl exec deb -- apt-get update');
    expect(lab.sh('kubectl exec deb -- apt-get install iputils-ping')).toContain('Do you want to continue? [Y/n] Abort.\ncommand terminated with exit code 1\n');
    expect(lab.sh('kubectl exec deb -- ping -c 1 example.com')).toContain('executable file not found');
  });

  it('does not carry installs into a restarted container', () => {
    const lab = labShell();
    lab.sh('kubectl run deb --image=debian:bookworm -- sleep infinity');
    lab.wait(40);
    lab.sh(`kubectl exec deb -- sh -c 'apt-get update && apt-get install -y curl'`);
    expect(lab.sh('kubectl exec deb -- curl -s http://example.com')).toContain('<h1>Example Domain</h1>');
    lab.sh('kubectl delete pod deb --grace-period=1');
    lab.sh('kubectl run deb --image=debian:bookworm -- sleep infinity');
    lab.wait(40);
    expect(lab.sh('kubectl exec deb -- curl -s http://example.com')).toContain('executable file not found');
  });
});
