// Signals other than TERM and KILL arrive as themselves: kill -l, -0, -HUP and the rest, trap
// handlers, the default actions (128+n), PID 1's immunity, and nginx reloading on SIGHUP.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('kill and trap in a container', () => {
  it('runs the trap of each signal the main shell gets, and ignores the rest as PID 1', () => {
    const lab = labShell();
    lab.sh(`kubectl run t --image=busybox -- sh -c 'trap "echo got HUP" HUP; trap "echo got USR1" USR1; while true; do sleep 1; done'`);
    lab.wait(10);
    expect(lab.sh('kubectl exec t -- kill -HUP 1; kubectl exec t -- kill -s USR1 1; kubectl exec t -- kill -INT 1; kubectl exec t -- kill -USR2 1')).toBe('');
    lab.wait(3);
    expect(lab.sh('kubectl logs t')).toBe('got HUP\ngot USR1\n');
    expect(lab.sh("kubectl get pod t -o jsonpath='{.status.containerStatuses[0].restartCount}'")).toBe('0');
  });

  it('ends a process without a handler with 128+n, and runs a trap set for it', () => {
    const lab = labShell();
    lab.sh('kubectl run t --image=busybox -- sleep 3600');
    lab.wait(10);
    expect(lab.sh("kubectl exec t -- sh -c 'kill -HUP $$; echo not here'; echo \"status $?\"")).toBe('command terminated with exit code 129\nstatus 129\n');
    expect(lab.sh("kubectl exec t -- sh -c 'kill -USR2 $$'; echo \"status $?\"")).toBe('command terminated with exit code 140\nstatus 140\n');
    expect(lab.sh("kubectl exec t -- sh -c 'kill -QUIT $$'; echo \"status $?\"")).toBe('command terminated with exit code 131\nstatus 131\n');
    expect(lab.sh("kubectl exec t -- sh -c 'kill -WINCH $$; kill -CHLD $$; echo still here'")).toBe('still here\n');
    expect(lab.sh(`kubectl exec t -- sh -c 'trap "echo trapped" HUP; kill -HUP $$; echo after'`)).toBe('trapped\nafter\n');
    expect(lab.sh(`kubectl exec t -- sh -c 'trap "echo one" 1; trap "" USR1; trap; trap - HUP; trap'`)).toBe("trap -- 'echo one' HUP\ntrap -- '' USR1\ntrap -- '' USR1\n");
    expect(lab.sh(`kubectl exec t -- sh -c 'trap "echo x" FOO'; echo $?`)).toBe('sh: trap: FOO: bad trap\ncommand terminated with exit code 1\n1\n');
  });

  it('lists signals and checks processes as busybox and bash do', () => {
    const lab = labShell();
    lab.sh('kubectl run t --image=busybox -- sleep 3600');
    lab.wait(10);
    const busybox = lab.sh('kubectl exec t -- kill -l');
    expect(busybox.split('\n').slice(0, 3)).toEqual([' 1) HUP', ' 2) INT', ' 3) QUIT']);
    expect(busybox).toContain('\n10) USR1\n');
    expect(lab.sh('kubectl exec t -- kill -l 129; kubectl exec t -- kill -l USR1')).toBe('HUP\n10\n');
    expect(lab.sh('kubectl exec t -- kill -0 1; echo $?')).toBe('0\n');
    expect(lab.sh('kubectl exec t -- kill -0 4242')).toBe("kill: can't kill pid 4242: No such process\ncommand terminated with exit code 1\n");
    expect(lab.sh('kubectl exec t -- kill -FOO 1')).toBe("kill: bad signal name 'FOO'\ncommand terminated with exit code 1\n");
    const bash = lab.sh('kill -l');
    expect(bash.split('\n')[0]).toBe(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP');
    expect(bash.split('\n')[6]).toBe('31) SIGSYS\t34) SIGRTMIN\t35) SIGRTMIN+1\t36) SIGRTMIN+2\t37) SIGRTMIN+3');
    expect(bash.endsWith('63) SIGRTMAX-1\t64) SIGRTMAX\t\n')).toBe(true);
    expect(lab.sh("bash -c 'trap \"echo got\" USR2; trap'")).toBe("trap -- 'echo got' SIGUSR2\n");
  });

  it('stops and continues a process in a shared PID namespace', () => {
    const lab = labShell();
    lab.sh(`kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: shared}
spec:
  shareProcessNamespace: true
  containers:
  - {name: a, image: busybox, command: [sleep, '3600']}
  - {name: b, image: busybox, command: [sleep, '3600']}
EOF`);
    lab.wait(10);
    const pid = /\n +(\d+) root +0:00 sleep 3600\n/.exec(lab.sh('kubectl exec shared -c b -- ps'))![1];
    expect(lab.sh(`kubectl exec shared -c b -- kill -STOP ${pid}; kubectl exec shared -c b -- grep State /proc/${pid}/status`)).toBe('State:\tT (stopped)\n');
    expect(lab.sh(`kubectl exec shared -c b -- kill -CONT ${pid}; kubectl exec shared -c b -- grep State /proc/${pid}/status`)).toBe('State:\tS (sleeping)\n');
    expect(lab.sh(`kubectl exec shared -c b -- kill -USR1 ${pid}`)).toBe('');
    lab.wait(3);
    expect(lab.sh("kubectl get pod shared -o jsonpath='{.status.containerStatuses[0].lastState.terminated.exitCode}'")).toBe('138');
  });
});

describe('nginx and its signals', () => {
  it('reloads its configuration on SIGHUP and nginx -s reload, with new workers', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27.3');
    lab.wait(10);
    expect(lab.sh('kubectl exec web -- nginx -s reload')).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] (\d+)#\1: signal process started\n$/);
    const reload = lab.sh('kubectl logs web --tail=16');
    expect(reload).toMatch(/\[notice\] 1#1: signal 1 \(SIGHUP\) received from (\d+), reconfiguring\n.*\[notice\] 1#1: reconfiguring\n.*\[notice\] 1#1: using the "epoll" event method\n.*\[notice\] 1#1: start worker processes\n.*\[notice\] 1#1: start worker process (\d+)\n/);
    expect(reload).toMatch(/\[notice\] (\d+)#\1: gracefully shutting down\n.*\[notice\] \1#\1: exiting\n.*\[notice\] \1#\1: exit\n/);
    expect(reload).toMatch(/\[notice\] 1#1: worker process \d+ exited with code 0\n.*\[notice\] 1#1: signal 29 \(SIGIO\) received\n$/);
    expect(lab.sh('kubectl exec web -- kill -HUP 1')).toBe('');
    expect(lab.sh('kubectl logs web --tail=16')).toMatch(/1#1: signal 1 \(SIGHUP\) received from \d+, reconfiguring\n/);
    expect(lab.sh("kubectl get pod web -o jsonpath='{.status.containerStatuses[0].restartCount}'")).toBe('0');
    expect(lab.sh('kubectl exec web -- curl -s http://localhost')).toContain('<title>Welcome to nginx!</title>');
  });

  it('quits on nginx -s quit, and the container starts again', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27.3');
    lab.wait(10);
    lab.sh('kubectl exec web -- nginx -s quit');
    lab.wait(3);
    expect(lab.sh('kubectl logs web --previous --tail=1')).toMatch(/\[notice\] 1#1: exit\n$/);
    expect(lab.sh("kubectl get pod web -o jsonpath='{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}'")).toBe('1 0');
  });
});
