// On a node, /proc/<pid>/root is the root filesystem of that process: a container's files for a
// container's process, reached with the PID that `crictl inspect` or `ps` shows.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

function podOnNode01() {
  const lab = labShell();
  lab.sh(`kubectl run web --image=nginx:1.27 --overrides='{"spec":{"nodeName":"node01"}}'`);
  lab.wait(20);
  lab.sh('ssh node01');
  const pid = lab.sh(`crictl inspect $(crictl ps --name web -q) | grep '"pid"' | head -1 | tr -dc 0-9`);
  expect(pid).toMatch(/^\d+$/);
  return { lab, pid };
}

describe('/proc/<pid>/root on a node', () => {
  it('shows the container root filesystem and its files', () => {
    const { lab, pid } = podOnNode01();
    const listing = lab.sh(`ls /proc/${pid}/root/`).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['bin', 'docker-entrypoint.sh', 'etc', 'proc', 'usr']));
    expect(lab.sh(`cat /proc/${pid}/root/etc/hostname`)).toBe('web\n');
    expect(lab.sh(`readlink /proc/${pid}/root`)).toBe('/\n');
    // The node's own files are not in the container's root.
    expect(lab.sh(`ls /proc/${pid}/root/etc/kubernetes`)).toBe(`ls: cannot access '/proc/${pid}/root/etc/kubernetes': No such file or directory\n`);
  });

  it('reaches a file the container wrote, and the container sees what root writes there', () => {
    const { lab, pid } = podOnNode01();
    lab.sh('exit');
    lab.sh(`kubectl exec web -- sh -c 'echo from-pod > /tmp/note'`);
    lab.sh('ssh node01');
    expect(lab.sh(`cat /proc/${pid}/root/tmp/note`)).toBe('from-pod\n');
    lab.sh(`echo from-node > /proc/${pid}/root/tmp/reply`);
    lab.sh('exit');
    expect(lab.sh('kubectl exec web -- cat /tmp/reply')).toBe('from-node\n');
  });

  it('fails as ls and cat do for a missing process or file', () => {
    const { lab, pid } = podOnNode01();
    expect(lab.sh('ls /proc/99999/root/')).toBe("ls: cannot access '/proc/99999/root/': No such file or directory\n");
    expect(lab.sh('cat /proc/99999/root/etc/hostname')).toBe('cat: /proc/99999/root/etc/hostname: No such file or directory\n');
    expect(lab.sh(`cat /proc/${pid}/root/nope`)).toBe(`cat: /proc/${pid}/root/nope: No such file or directory\n`);
  });

  it('gives the node processes the node root', () => {
    const { lab } = podOnNode01();
    expect(lab.sh('cat /proc/1/root/etc/hostname')).toBe('node01\n');
  });
});
