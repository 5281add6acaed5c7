// A container's stdin kept open (`stdin: true`) and the learner's terminal attached to it:
// `kubectl run -it`, `kubectl attach -it`, `kubectl run -i` with a command, stdinOnce.
import { describe, expect, it } from 'vitest';
import { MemFs } from '../../sim/fs/memfs';
import { createSession } from '../../sim/session';
import { attachedTerminal } from '../support/attached-terminal';

describe('kubectl run -it', () => {
  it('joins the shell of a new pod; exit ends it and --rm deletes the pod', () => {
    const t = attachedTerminal();
    t.start('kubectl run -i --tty --rm box --image=busybox --restart=Never -- sh');
    expect(t.current().readsInput).toBe(true);
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\n");
    t.type('\n');
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\n/ # ");
    t.type('echo hello $((1+2))\n');
    expect(t.output().endsWith('/ # hello 3\n/ # ')).toBe(true);
    t.type('exit 3\n');
    t.session.runUntilIdle(() => t.current().done, 60_000);
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\n/ # hello 3\n/ # pod \"box\" deleted\npod default/box terminated (Error)\n");
    expect(t.current().exitCode).toBe(3);
  });
});

const shellPod = (name: string, fields: string) => `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - {name: c, image: busybox, command: [sh], ${fields}}
EOF`;

describe('kubectl attach', () => {
  it('types into a container that keeps its stdin and tty; Ctrl-C stops the command in it, Ctrl-D ends the shell', () => {
    const t = attachedTerminal();
    t.run(shellPod('shell', 'stdin: true, tty: true'));
    t.session.clock.advanceBy(10_000);
    t.start('kubectl attach -it shell -c c');
    expect(t.current().readsInput).toBe(true);
    t.type('\n');
    t.type('echo $((6*7)) >&2\n');
    t.type('sleep 50\n');
    t.current().interrupt();
    t.session.runUntilIdle(() => t.current().done, 200);
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\n/ # 42\n/ # ^C\n/ # ");
    t.current().endInput();
    t.session.runUntilIdle(() => t.current().done, 60_000);
    // The shell's last status was 130: it ends with it, and the pod restarts it.
    expect(t.output().slice(t.output().lastIndexOf('/ # '))).toBe("/ # Session ended, resume using 'kubectl attach shell -c c -i -t' command when the pod is running\n");
    t.session.clock.advanceBy(20_000);
    expect(t.run("kubectl get pod shell -o jsonpath='{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}'")).toBe('1 130');
  });

  it('closes a stdinOnce stdin when the first client goes away', () => {
    const t = attachedTerminal();
    t.run(shellPod('once', 'stdin: true, stdinOnce: true'));
    t.session.clock.advanceBy(10_000);
    t.start('kubectl attach -i once');
    t.type('echo hi\n');
    t.current().interrupt();
    t.session.runUntilIdle(() => t.current().done, 1000);
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\nhi\n^C\n");
    t.session.clock.advanceBy(1000);
    expect(t.run("kubectl get pod once -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason}'")).toBe('Completed');
  });

  it('keeps a shell with a tty alone running: nobody types, it waits', () => {
    const t = attachedTerminal();
    t.run(shellPod('idle', 'tty: true'));
    t.session.clock.advanceBy(60_000);
    expect(t.run("kubectl get pod idle -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}'")).toBe('Running 0');
    expect(t.run('kubectl attach idle -i --request-timeout=2s -q')).toBe('');
  });
});

describe('kubectl run -i', () => {
  it('streams a command and ends with its exit code', () => {
    const t = attachedTerminal();
    expect(t.run("kubectl run -i once --image=busybox --restart=Never -- /bin/sh -c 'echo one; echo two >&2; exit 4'; echo \"status $?\"")).toBe('one\ntwo\npod default/once terminated (Error)\nstatus 4\n');
  });

  it('gives a shell without a terminal what is typed, until Ctrl-D', () => {
    const t = attachedTerminal();
    t.start('kubectl run -i --rm reader --image=busybox --restart=Never -- sh');
    t.type('echo from stdin; ls -d /etc\n');
    t.current().endInput();
    t.session.runUntilIdle(() => t.current().done, 60_000);
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\nfrom stdin\n/etc\npod \"reader\" deleted\n");
    expect(t.current().exitCode).toBe(0);
  });

  it("runs bash with Debian's prompt; exit prints exit and the restarted pod can be attached again", () => {
    const t = attachedTerminal();
    t.start('kubectl run -it deb --image=debian -- bash');
    t.type('\n');
    t.type('cd /tmp; pwd\n');
    t.type('exit\n');
    t.session.runUntilIdle(() => t.current().done, 60_000);
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\nroot@deb:/# /tmp\nroot@deb:/tmp# exit\nSession ended, resume using 'kubectl attach deb -c deb -i -t' command when the pod is running\n");
    t.session.clock.advanceBy(15_000);
    t.start('kubectl attach deb -c deb -i -t');
    t.type('echo again\n');
    expect(t.output()).toBe("If you don't see a command prompt, try pressing enter.\nagain\nroot@deb:/# ");
  });

  it('replays what was typed on undo and resume', () => {
    const t = attachedTerminal();
    t.start('kubectl run -it keep --image=busybox --restart=Never -- sh');
    t.type('touch /tmp/made; exit 7\n');
    t.session.runUntilIdle(() => t.current().done, 60_000);
    const journal = t.session.snapshot().journal.filter((e) => e.kind === 'input');
    expect(journal.map((e) => e.kind === 'input' && e.text)).toEqual(['touch /tmp/made; exit 7\n']);
    const again = createSession({ workspace: new MemFs() });
    again.restore(t.session.snapshot());
    const pod = again.inspect;
    expect(pod).toBeDefined();
    const terminal = again.openTerminal();
    let out = '';
    const run = terminal.execute("kubectl get pod keep -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'", (text) => (out += text));
    again.runUntilIdle(() => run.done, 1000);
    expect(out).toBe('7');
  });
});
