// shareProcessNamespace: the containers of a pod see one another's processes, pause is PID 1, and
// a container's first process is no longer PID 1, so it dies of a SIGTERM it has no handler for.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const pod = (share: boolean) => `apiVersion: v1
kind: Pod
metadata: {name: shared}
spec:
  shareProcessNamespace: ${share}
  containers:
  - {name: app, image: busybox:1.36, command: [sleep, "3600"]}
  - {name: shell, image: busybox:1.36, command: [sh, -c, "while true; do sleep 1; done"]}
`;

describe('shareProcessNamespace', () => {
  it('shows every container’s processes under /pause', () => {
    const lab = labShell();
    lab.write('pod.yaml', pod(true));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    const ps = lab.sh('kubectl exec shared -c shell -- ps ax');
    expect(ps).toMatch(/^PID +USER +TIME +COMMAND\n +1 root +0:00 \/pause\n/);
    expect(ps).toMatch(/\n +\d+ root +0:00 sleep 3600\n/);
    expect(ps).toMatch(/\n +\d+ root +0:00 sh -c while true; do sleep 1; done\n/);
  });

  it('lets one container kill another’s process', () => {
    const lab = labShell();
    lab.write('pod.yaml', pod(true));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    const pid = /\n +(\d+) root +0:00 sleep 3600\n/.exec(lab.sh('kubectl exec shared -c shell -- ps ax'))![1];
    expect(lab.sh(`kubectl exec shared -c shell -- kill ${pid}`)).toBe('');
    lab.wait(5);
    expect(lab.sh(`kubectl get pod shared -o jsonpath='{.status.containerStatuses[?(@.name=="app")].lastState.terminated.exitCode}'`)).toBe('143');
  });

  it('without it, each container sees only its own processes', () => {
    const lab = labShell();
    lab.write('pod.yaml', pod(false));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl exec shared -c app -- ps ax')).toMatch(/^PID +USER +TIME +COMMAND\n +1 root +0:00 sleep 3600\n +\d+ root +0:00 ps ax\n$/);
  });

  it("reaches another container's files and environment through /proc, as far as ptrace access allows", () => {
    const lab = labShell();
    lab.sh('kubectl apply -f https://k8s.io/examples/pods/share-process-namespace.yaml');
    lab.wait(20);
    const ps = lab.sh('kubectl exec nginx -c shell -- ps ax');
    const master = /\n +(\d+) root +0:00 nginx: master process/.exec(ps)![1];
    const worker = /\n +(\d+) 101 +0:00 nginx: worker process/.exec(ps)![1];
    // As the task page does: the shell container reads nginx's configuration through its root.
    expect(lab.sh(`kubectl exec nginx -c shell -- head -1 /proc/${master}/root/etc/nginx/nginx.conf`)).toMatch(/^\S.*\n$/);
    expect(lab.sh(`kubectl exec nginx -c shell -- cat /proc/${master}/root/etc/hostname`)).toBe('nginx\n');
    expect(lab.sh(`kubectl exec nginx -c shell -- sh -c "tr '\\0' '\\n' < /proc/${master}/environ | grep NGINX_VERSION"`)).toMatch(/^NGINX_VERSION=1\.\d+\.\d+\n$/);
    // The workers run as another user, and root without CAP_SYS_PTRACE may not trace them.
    expect(lab.sh(`kubectl exec nginx -c shell -- cat /proc/${worker}/environ`)).toBe(
      `cat: can't open '/proc/${worker}/environ': Permission denied\ncommand terminated with exit code 1\n`,
    );
    // Its status is for anyone to read, with its own user.
    expect(lab.sh(`kubectl exec nginx -c shell -- grep -E '^(Pid|Uid):' /proc/${worker}/status`)).toBe(`Pid:\t${worker}\nUid:\t101\t101\t101\t101\n`);
  });
});
