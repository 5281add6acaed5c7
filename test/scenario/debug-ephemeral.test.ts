// The walkthroughs of kubernetes.io's "Debug Running Pods" page
// (content/en/docs/tasks/debug/debug-application/debug-running-pod.md), run as written:
// an ephemeral container in a running pod, and copies of a pod with a shell to attach to.
import { describe, expect, it } from 'vitest';
import { attachedTerminal } from '../support/attached-terminal';

const suffix = '[bcdfghjklmnpqrstvwxz2456789]{5}';

describe('kubectl debug with an ephemeral container', () => {
  it('adds a busybox shell to a pod without one, in the target container\'s processes', () => {
    const t = attachedTerminal();
    expect(t.run('kubectl run ephemeral-demo --image=registry.k8s.io/pause:3.1 --restart=Never')).toBe('pod/ephemeral-demo created\n');
    t.session.clock.advanceBy(20_000);
    expect(t.run('kubectl exec -it ephemeral-demo -- sh')).toContain('exec: "sh": executable file not found in $PATH');
    expect(t.terminal.prompt()).toBe('learner@podlab:~$ ');
    t.start('kubectl debug -it ephemeral-demo --image=busybox:1.28 --target=ephemeral-demo');
    const name = new RegExp(`Defaulting debug container name to (debugger-${suffix})\\.\n`).exec(t.output())?.[1];
    expect(t.output()).toBe(
      `Targeting container "ephemeral-demo". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\nDefaulting debug container name to ${name}.\nIf you don't see a command prompt, try pressing enter.\n`,
    );
    t.type('\n');
    t.type('ps\n');
    expect(t.output().split("enter.\n")[1]).toMatch(/^\/ # PID   USER     TIME  COMMAND\n    1 root      0:00 \/pause\n +\d+ root      0:00 sh\n\/ # $/);

    // While it runs, describe and the pod's YAML show it as the API server and the kubelet keep it.
    const other = t.session.openTerminal();
    const side = (line: string) => {
      let text = '';
      const run = other.execute(line, (chunk) => (text += chunk));
      t.session.runUntilIdle(() => run.done, 1000);
      return text;
    };
    const described = side('kubectl describe pod ephemeral-demo');
    expect(described).toMatch(new RegExp(`\nEphemeral Containers:\n  ${name}:\n    Container ID:   containerd://[0-9a-f]{64}\n    Image:          busybox:1.28\n    Image ID:       docker.io/library/busybox@sha256:[0-9a-f]{64}\n    Port:           <none>\n    Host Port:      <none>\n    State:          Running\n      Started:      .+\n    Ready:          False\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:         <none>\nConditions:\n`));
    expect(side("kubectl get pod ephemeral-demo -o jsonpath='{.spec.ephemeralContainers[0]}'")).toBe(
      `{"image":"busybox:1.28","imagePullPolicy":"IfNotPresent","name":"${name}","resources":{},"stdin":true,"targetContainerName":"ephemeral-demo","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","tty":true}`,
    );
    expect(side("kubectl get pod ephemeral-demo -o jsonpath='{.status.ephemeralContainerStatuses[0].name} {.status.ephemeralContainerStatuses[0].ready} {.status.ephemeralContainerStatuses[0].image} {.status.ephemeralContainerStatuses[0].started}'")).toBe(`${name} false docker.io/library/busybox:1.28 `);
    expect(side('kubectl get pod ephemeral-demo')).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nephemeral-demo +1\/1 +Running +0 +\d+s\n$/);
    expect(side('kubectl get events --field-selector involvedObject.name=ephemeral-demo -o custom-columns=REASON:.reason,FIELD:.involvedObject.fieldPath')).toMatch(new RegExp(`\nStarted +spec\\.ephemeralContainers\\{${name}\\}\n`));

    t.type('exit\n');
    t.finish();
    // kubectl 1.32 prints its reattach hint only for a pod with restartPolicy Always.
    expect(t.output().endsWith('/ # ')).toBe(true);
    t.session.clock.advanceBy(30_000);
    expect(t.run(`kubectl get pod ephemeral-demo -o jsonpath='{.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.ephemeralContainerStatuses[0].restartCount} {.status.phase}'`)).toBe('Completed 0 Running');
    expect(t.run(`kubectl attach ephemeral-demo -c ${name} -i -t`)).toBe(`If you don't see a command prompt, try pressing enter.\nerror: unable to upgrade connection: container not found ("${name}")\n`);
    expect(t.run('kubectl delete pod ephemeral-demo --wait=false')).toBe('pod "ephemeral-demo" deleted\n');
  });

  it('shows the log of a command that ended before kubectl could attach, with kubectl\'s warning', () => {
    const t = attachedTerminal();
    t.run('kubectl run web --image=nginx');
    t.session.clock.advanceBy(20_000);
    const printed = t.run('kubectl debug -it web --image=busybox:1.28 --target=web -- ps');
    const name = new RegExp(`Defaulting debug container name to (debugger-${suffix})\\.\n`).exec(printed)?.[1];
    expect(printed.split("enter.\n")[1]).toMatch(
      new RegExp(`^warning: couldn't attach to pod/web, falling back to streaming logs: unable to upgrade connection: container not found \\("${name}"\\)\nPID   USER     TIME  COMMAND\n    1 root      0:00 nginx: master process nginx -g daemon off;\n(.*\n)* +\\d+ root      0:00 ps\n$`),
    );
  });

  it('applies the sysadmin profile: the shell holds every capability', () => {
    const t = attachedTerminal();
    t.run('kubectl run myapp --image=busybox:1.28 --restart=Never -- sleep 1d');
    t.session.clock.advanceBy(20_000);
    t.start('kubectl debug -it myapp --image=busybox:1.28 --target=myapp --profile=sysadmin');
    t.type('grep Cap /proc/$$/status\n');
    expect(t.output()).toMatch(/\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n/);
    t.type('ps\n');
    expect(t.output()).toMatch(/PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 1d\n +\d+ root      0:00 sh\n/);
    t.type('exit\n');
    t.finish();
    expect(t.output().endsWith('/ # ')).toBe(true);
    expect(t.run("kubectl get pod myapp -o jsonpath='{.spec.ephemeralContainers[0].securityContext}'")).toBe('{"privileged":true}');
  });

  it('refuses what the API server refuses', () => {
    const t = attachedTerminal();
    t.run('kubectl run myapp --image=busybox:1.28 --restart=Never -- sleep 1d');
    t.session.clock.advanceBy(20_000);
    expect(t.run('kubectl debug myapp --image=busybox:1.28 -c myapp --profile=general')).toBe('The Pod "myapp" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "myapp"\n');
    expect(t.run('kubectl debug myapp --image=busybox:1.28 -c probe --target=nope --profile=general')).toBe(
      'Targeting container "nope". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\nThe Pod "myapp" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"\n',
    );
    expect(t.run("kubectl get pod myapp -o jsonpath='{.spec.ephemeralContainers}'")).toBe('');
  });
});

describe('kubectl debug --copy-to with a shell', () => {
  it('adds an Ubuntu container to a copy sharing processes, and the terminal joins it', () => {
    const t = attachedTerminal();
    t.run('kubectl run myapp --image=busybox:1.28 --restart=Never -- sleep 1d');
    t.session.clock.advanceBy(20_000);
    t.start('kubectl debug myapp -it --image=ubuntu --share-processes --copy-to=myapp-debug');
    expect(t.output()).toMatch(new RegExp(`Defaulting debug container name to debugger-${suffix}\\.\nIf you don't see a command prompt, try pressing enter\\.\n$`));
    t.type('\n');
    t.type('cat /proc/1/cmdline; echo\n');
    // The command line's arguments end with a NUL each, as the kernel keeps them.
    expect(t.output().split('enter.\n')[1]).toBe('root@myapp-debug:/# /pause\0\nroot@myapp-debug:/# ');
    t.type('exit\n');
    t.finish();
    expect(t.output().endsWith('root@myapp-debug:/# exit\n')).toBe(true);
  });

  it('changes the command of a crashing container to an interactive shell', () => {
    const t = attachedTerminal();
    t.run('kubectl run --image=busybox:1.28 myapp -- false');
    t.session.clock.advanceBy(20_000);
    t.start('kubectl debug myapp -it --copy-to=myapp-debug --container=myapp -- sh');
    expect(t.output()).toBe('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\nIf you don\'t see a command prompt, try pressing enter.\n');
    t.type('\n');
    t.type('hostname\n');
    expect(t.output().split('enter.\n')[1]).toBe('/ # myapp-debug\n/ # ');
    t.type('exit\n');
    t.finish();
    expect(t.output().endsWith("/ # Session ended, resume using 'kubectl attach myapp-debug -c myapp -i -t' command when the pod is running\n")).toBe(true);
  });
});

describe('kubectl debug into a pod that restarts its containers', () => {
  it('ends with the ephemeral reattach hint', () => {
    const t = attachedTerminal();
    t.run('kubectl run demo --image=busybox:1.28 -- sleep 1d');
    t.session.clock.advanceBy(20_000);
    t.start('kubectl debug -it demo --image=busybox:1.28 --target=demo -c dbg --profile=general');
    t.type('exit\n');
    t.finish();
    // The shell's first prompt came before kubectl joined it, as the page's note about pressing enter says.
    expect(t.output()).toBe(
      'Targeting container "demo". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n' +
        "If you don't see a command prompt, try pressing enter.\nSession ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach demo -c dbg -i -t' if it is still running\n",
    );
    expect(t.run("kubectl get pod demo -o jsonpath='{.spec.ephemeralContainers[0].securityContext}'")).toBe('{"capabilities":{"add":["SYS_PTRACE"]}}');
  });
});
