// The pod lifecycle as kubectl shows it: every STATUS string, init containers and sidecars,
// logs of earlier instances, termination messages, images that refuse to start, and the busybox
// tools learners use to look inside (wget, tr, nc).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell, tableRow } from '../support/lab-shell';


/** READY, STATUS and RESTARTS (without the "(Ns ago)" part) of one pod. */
function readyStatusRestarts(lab: LabShell, name: string): string[] {
  const cells = tableRow(lab.sh(`kubectl get pod ${name}`), name);
  return [cells[1]!, cells[2]!, cells[3]!.split(' ')[0]!];
}

function apply(lab: LabShell, yaml: string): void {
  lab.write('/pod.yaml', yaml);
  expect(lab.sh('kubectl apply -f pod.yaml')).toMatch(/^pod\/\S+ created\n$/);
}

function pod(name: string, spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

describe('STATUS strings', () => {
  it('walks init containers: Init:0/2, Init:1/2, then Running', () => {
    const lab = labShell();
    apply(lab, pod('inits', `  initContainers:
  - name: a
    image: busybox:1.36
    command: ["sleep", "5"]
  - name: b
    image: busybox:1.36
    command: ["sleep", "5"]
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`));
    lab.wait(3);
    expect(readyStatusRestarts(lab, 'inits')).toEqual(['0/1', 'Init:0/2', '0']);
    expect(lab.sh('kubectl get pod inits -o jsonpath={.status.phase}')).toBe('Pending');
    lab.wait(5);
    expect(readyStatusRestarts(lab, 'inits')).toEqual(['0/1', 'Init:1/2', '0']);
    lab.wait(10);
    expect(readyStatusRestarts(lab, 'inits')).toEqual(['1/1', 'Running', '0']);
  });

  it('shows Init:CrashLoopBackOff for a failing init container; the pod stays Pending', () => {
    const lab = labShell();
    apply(lab, pod('initfail', `  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "exit 1"]
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`));
    lab.wait(8);
    expect(readyStatusRestarts(lab, 'initfail')).toEqual(['0/1', 'Init:CrashLoopBackOff', '1']);
    expect(lab.sh('kubectl get pod initfail -o jsonpath={.status.phase}')).toBe('Pending');
    expect(lab.sh('kubectl get pod initfail -o jsonpath={.status.initContainerStatuses[0].lastState.terminated.exitCode}')).toBe('1');
  });

  it('reports InvalidImageName and CreateContainerConfigError', () => {
    const lab = labShell();
    apply(lab, pod('badname', `  containers:
  - name: app
    image: "nginx:Bad:Tag"
`));
    apply(lab, pod('cfgerr', `  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: X
      valueFrom:
        configMapKeyRef:
          name: missing
          key: k
`));
    lab.wait(5);
    expect(readyStatusRestarts(lab, 'badname')).toEqual(['0/1', 'InvalidImageName', '0']);
    expect(readyStatusRestarts(lab, 'cfgerr')).toEqual(['0/1', 'CreateContainerConfigError', '0']);
    expect(lab.sh('kubectl get pod cfgerr -o jsonpath={.status.containerStatuses[0].state.waiting.message}')).toBe('configmap "missing" not found');
  });

  it('fails a missing executable with StartError and exit code 128', () => {
    const lab = labShell();
    apply(lab, pod('noexec', `  containers:
  - name: app
    image: busybox:1.36
    command: ["/no/such/binary"]
`));
    lab.wait(8);
    expect(readyStatusRestarts(lab, 'noexec')).toEqual(['0/1', 'CrashLoopBackOff', '1']);
    const describe = lab.sh('kubectl describe pod noexec');
    expect(describe).toContain('    Last State:     Terminated\n      Reason:       StartError\n');
    expect(describe).toContain('exec: "/no/such/binary": stat /no/such/binary: no such file or directory: unknown');
    expect(describe).toContain('      Exit Code:    128\n');
  });

  it('restarts only failures under restartPolicy OnFailure, and logs --previous shows the last run', () => {
    const lab = labShell();
    apply(lab, pod('onfail', `  restartPolicy: OnFailure
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo run at $(date +%S); sleep 3; exit 2"]
`));
    lab.wait(3);
    expect(lab.sh('kubectl logs onfail --previous')).toBe(
      'Error from server (BadRequest): previous terminated container "app" in pod "onfail" not found\n',
    );
    lab.wait(5);
    expect(readyStatusRestarts(lab, 'onfail')).toEqual(['1/1', 'Running', '1']);
    expect(lab.sh('kubectl logs onfail --previous')).toMatch(/^run at \d\d\n$/);
    expect(lab.sh('kubectl get pod onfail -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}')).toBe('2');
    lab.wait(30);
    expect(readyStatusRestarts(lab, 'onfail')).toEqual(['0/1', 'CrashLoopBackOff', '2']);
    expect(lab.sh('kubectl get pod onfail -o jsonpath={.status.phase}')).toBe('Running');
  });

  it('counts a native sidecar (init container with restartPolicy Always) in READY', () => {
    const lab = labShell();
    apply(lab, pod('sidecar', `  initContainers:
  - name: log
    image: busybox:1.36
    command: ["sleep", "3600"]
    restartPolicy: Always
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`));
    // While the sidecar's image is pulled, the pod is initializing like any pod with init containers.
    expect(readyStatusRestarts(lab, 'sidecar')).toEqual(['0/2', 'Init:0/1', '0']);
    lab.wait(8);
    expect(readyStatusRestarts(lab, 'sidecar')).toEqual(['2/2', 'Running', '0']);
    expect(lab.sh('kubectl get pod sidecar -o jsonpath={.status.initContainerStatuses[0].state.running.startedAt}')).toMatch(/^2026-/);
  });
});

describe('lifecycle hooks', () => {
  it('runs postStart in the container and preStop before SIGTERM on delete', () => {
    const lab = labShell();
    apply(lab, pod('hooks', `  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "echo started > /tmp/poststart"]
      preStop:
        exec:
          command: ["sh", "-c", "sleep 8"]
`));
    lab.wait(5);
    expect(lab.sh('kubectl exec hooks -- cat /tmp/poststart')).toBe('started\n');
    expect(lab.sh('kubectl delete pod hooks --wait=false')).toBe('pod "hooks" deleted\n');
    expect(tableRow(lab.sh('kubectl get pod hooks'), 'hooks')[2]).toBe('Terminating');
    // The hook's `sleep 8` holds the container; then SIGTERM runs the trap, which exits.
    lab.wait(5);
    expect(tableRow(lab.sh('kubectl get pod hooks'), 'hooks')[2]).toBe('Terminating');
    lab.wait(5);
    expect(lab.sh('kubectl get pod hooks')).toBe('Error from server (NotFound): pods "hooks" not found\n');
  });

  it('quotes a failing postStart hook as the kubelet formats it: the command as a Go list', () => {
    const lab = labShell();
    apply(lab, pod('gate', `  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "echo ready > /nowhere/status.html"]
`));
    lab.wait(10);
    const message = lab.sh('kubectl get events --field-selector reason=FailedPostStartHook -o jsonpath={.items[0].message}');
    expect(message.startsWith('Exec lifecycle hook ([sh -c echo ready > /nowhere/status.html]) for Container "web" in Pod "gate_default(')).toBe(true);
  });

  it('gives a container 2 s after SIGTERM when its preStop hook used up the grace period', () => {
    const lab = labShell();
    apply(lab, pod('slowstop', `  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    lifecycle:
      preStop:
        exec:
          command: ["sleep", "20"]
`));
    lab.wait(5);
    lab.sh('kubectl delete pod slowstop --wait=false');
    lab.wait(6);
    expect(tableRow(lab.sh('kubectl get pod slowstop'), 'slowstop')[2]).toBe('Terminating');
    lab.wait(2);
    expect(lab.sh('kubectl get pod slowstop')).toBe('Error from server (NotFound): pods "slowstop" not found\n');
  });

  it('reports a failing preStop hook without its output, and still stops the container', () => {
    const lab = labShell();
    apply(lab, pod('badhook', `  containers:
  - name: app
    image: nginx:1.27
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "echo secret-token; exit 3"]
`));
    lab.wait(5);
    lab.sh('kubectl delete pod badhook --wait=false');
    lab.wait(2);
    expect(lab.sh('kubectl get pod badhook')).toBe('Error from server (NotFound): pods "badhook" not found\n');
    const events = lab.sh('kubectl get events --field-selector involvedObject.name=badhook');
    expect(events).toMatch(/Warning\s+FailedPreStopHook\s+pod\/badhook\s+PreStopHook failed/);
    expect(events).not.toContain('secret-token');
  });
});

describe('SIGTERM and a shell as PID 1', () => {
  it('runs the shell\'s TERM trap when the kubelet stops the container, after the command in the foreground', () => {
    const lab = labShell();
    apply(lab, pod('graceful', `  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'echo got SIGTERM; exit 0' TERM; echo up; while true; do sleep 2; done"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/never"]
      initialDelaySeconds: 10
      periodSeconds: 5
      failureThreshold: 1
`));
    lab.wait(14);
    expect(readyStatusRestarts(lab, 'graceful')[2]).toBe('1');
    expect(lab.sh('kubectl logs graceful --previous')).toBe('up\ngot SIGTERM\n');
    expect(lab.sh('kubectl get pod graceful -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}')).toBe('0');
    expect(lab.sh('kubectl get pod graceful -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}')).toBe('Completed');
  });

  it('lets kill 1 from kubectl exec reach a shell\'s TERM trap, and leaves PID 1 without a handler running', () => {
    const lab = labShell();
    lab.sh(`kubectl run trapper --image=busybox:1.36 -- sh -c "trap 'echo got TERM; exit 0' TERM; while true; do sleep 1; done"`);
    lab.sh('kubectl run sleeper --image=busybox:1.36 -- sleep 3600');
    lab.wait(10);
    lab.sh('kubectl exec trapper -- kill 1');
    lab.sh('kubectl exec sleeper -- kill 1');
    lab.wait(5);
    expect(readyStatusRestarts(lab, 'trapper')).toEqual(['1/1', 'Running', '1']);
    expect(lab.sh('kubectl logs trapper --previous')).toBe('got TERM\n');
    expect(lab.sh("kubectl get pod trapper -o jsonpath='{.status.containerStatuses[0].lastState.terminated.exitCode}'")).toBe('0');
    expect(readyStatusRestarts(lab, 'sleeper')).toEqual(['1/1', 'Running', '0']);
  });

  it('lets kill -9 end a process at once, past its trap, but not PID 1 from inside its own namespace', () => {
    const lab = labShell();
    apply(lab, pod('saver', `  shareProcessNamespace: true
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'echo app: state saved; exit 0' TERM; while true; do sleep 1; done"]
  - name: ops
    image: busybox:1.36
    command: ["sleep", "3600"]
`));
    lab.wait(10);
    expect(lab.sh('kubectl exec saver -c app -- kill -9 1')).toBe('');
    expect(lab.sh('kubectl exec saver -c ops -- kill -9 2')).toBe('');
    lab.wait(5);
    expect(lab.sh("kubectl get pod saver -o jsonpath='{.status.containerStatuses[0].lastState.terminated.exitCode}'")).toBe('137');
    expect(lab.sh('kubectl logs saver -c app --previous')).toBe('');
    expect(lab.sh('kubectl exec saver -c ops -- kill 99')).toBe("kill: can't kill pid 99: No such process\ncommand terminated with exit code 1\n");
  });

  it('ignores SIGTERM without a trap, so the kubelet kills it when the grace period ends (137)', () => {
    const lab = labShell();
    apply(lab, pod('stubborn', `  terminationGracePeriodSeconds: 10
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "while true; do sleep 1; done"]
`));
    lab.wait(5);
    lab.sh('kubectl delete pod stubborn --wait=false');
    lab.wait(9);
    expect(tableRow(lab.sh('kubectl get pod stubborn'), 'stubborn')[2]).toBe('Terminating');
    lab.wait(3);
    expect(lab.sh('kubectl get pod stubborn')).toBe('Error from server (NotFound): pods "stubborn" not found\n');
  });
});

describe('a node that stops', () => {
  it('goes NotReady, taints the node, and evicts its pods after 300 s; the ReplicaSet replaces them', () => {
    const lab = labShell();
    lab.write('/rs.yaml', `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`);
    lab.sh('kubectl apply -f rs.yaml');
    lab.wait(10);
    const onNode01 = lab.sh('kubectl get pods -o wide').split('\n').filter((l) => / node01 /.test(l)).map((l) => l.split(/\s+/)[0]!);
    expect(onNode01.length).toBeGreaterThan(0);
    lab.sh('ssh node01');
    lab.sh('systemctl stop kubelet');
    lab.sh('exit');
    lab.wait(30);
    expect(tableRow(lab.sh('kubectl get nodes'), 'node01')[1]).toBe('Ready');
    lab.wait(35);
    expect(tableRow(lab.sh('kubectl get nodes'), 'node01')[1]).toBe('NotReady');
    expect(lab.sh('kubectl describe node node01')).toContain('\nTaints:             node.kubernetes.io/unreachable:NoExecute\n');
    const victim = onNode01[0]!;
    expect(lab.sh(`kubectl get pod ${victim} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`)).toBe('False');
    // Only the condition changes: READY counts containerStatuses, which nobody on the node updates.
    expect(tableRow(lab.sh('kubectl get pods'), victim)[1]).toBe('1/1');
    lab.wait(300);
    const pods = lab.sh('kubectl get pods -o wide');
    expect(tableRow(pods, victim)[2]).toBe('Terminating');
    const running = pods.split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l));
    expect(running).toHaveLength(4);
    expect(running.every((l) => !/ node01 /.test(l))).toBe(true);
  });

  it('gives a pod that arrives on an unreachable node its own 300 s', () => {
    const lab = labShell();
    // A command after the host runs there and comes back, as ssh does.
    expect(lab.sh('ssh node01 systemctl stop kubelet; hostname')).toBe('podlab\n');
    lab.wait(100);
    expect(lab.sh('kubectl describe node node01')).toContain('\nTaints:             node.kubernetes.io/unreachable:NoExecute\n');
    // Bound by hand, past the scheduler, long after the taint was added.
    apply(lab, pod('latecomer', `  nodeName: node01
  containers:
  - name: app
    image: nginx:1.27
`));
    lab.wait(290);
    expect(tableRow(lab.sh('kubectl get pods'), 'latecomer')[2]).toBe('Pending');
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pods'), 'latecomer')[2]).toBe('Terminating');
    expect(lab.sh('kubectl get events --field-selector involvedObject.name=latecomer')).toContain('Marking for deletion Pod default/latecomer');
  });
});

describe('termination messages and failing images', () => {
  it('shows terminationMessagePath and FallbackToLogsOnError as Message: in describe', () => {
    const lab = labShell();
    apply(lab, pod('termmsg', `  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo 'disk full' > /dev/termination-log; exit 3"]
`));
    apply(lab, pod('fallback', `  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo last words; exit 4"]
    terminationMessagePolicy: FallbackToLogsOnError
`));
    lab.wait(8);
    expect(readyStatusRestarts(lab, 'termmsg')).toEqual(['0/1', 'Error', '0']);
    expect(lab.sh('kubectl get pod termmsg -o jsonpath={.status.phase}')).toBe('Failed');
    expect(lab.sh('kubectl get pod termmsg -o jsonpath={.status.containerStatuses[0].state.terminated.message}')).toBe('disk full\n');
    const fallback = lab.sh('kubectl describe pod fallback');
    expect(fallback).toContain('      Reason:       Error\n      Message:      last words\n      Exit Code:    4\n');
  });

  it('stops postgres and mysql without their password variables, with the image\'s error in logs', () => {
    const lab = labShell();
    apply(lab, pod('pg', `  containers:
  - name: db
    image: postgres:16
`));
    apply(lab, pod('my', `  containers:
  - name: db
    image: mysql:8
`));
    lab.wait(20);
    expect(readyStatusRestarts(lab, 'pg')).toEqual(['0/1', 'CrashLoopBackOff', '2']);
    expect(lab.sh('kubectl logs pg')).toContain(
      'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser.',
    );
    expect(readyStatusRestarts(lab, 'my')[1]).toBe('CrashLoopBackOff');
    expect(lab.sh('kubectl logs my')).toMatch(/\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n/);
  });
});

describe('busybox tools inside containers', () => {
  const ambassador = pod('amb', `  containers:
  - name: web
    image: nginx:1.27
  - name: ambassador
    image: busybox:1.36
    command: ["sh", "-c", "nc -lk -p 8080 -e nc localhost 80"]
  - name: client
    image: busybox:1.36
    command: ["sh", "-c", "while true; do printf 'HTTP/1.1 200 OK\\\\r\\\\n\\\\r\\\\nhello from nc\\\\n' | nc -l -p 9090; done"]
`);

  it('wget -qO- combines short options with an attached value', () => {
    const lab = labShell();
    apply(lab, ambassador);
    lab.wait(10);
    expect(lab.sh('kubectl exec amb -c client -- wget -qO- localhost:80')).toContain('<title>Welcome to nginx!</title>');
    expect(lab.sh('kubectl exec amb -c client -- wget -qX localhost')).toBe(
      "wget: invalid option -- 'X'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\ncommand terminated with exit code 1\n",
    );
  });

  it('tr -c/-C complements the first set', () => {
    const lab = labShell();
    apply(lab, ambassador);
    lab.wait(10);
    expect(lab.sh("kubectl exec amb -c client -- sh -c 'echo abc123def45 | tr -dc 0-9'")).toBe('12345');
    expect(lab.sh("kubectl exec amb -c client -- sh -c 'echo hello world | tr -c a-z _'")).toBe('hello_world_');
    expect(lab.sh("kubectl exec amb -c client -- sh -c 'echo aa..bb | tr -sC a-z'")).toBe('aa.bb\n');
    // The learner's own shell has GNU tr.
    expect(lab.sh("echo 'id: 42x' | tr -dC '0-9\\n'")).toBe('42\n');
  });

  it('nc listens for a sibling container and proxies like an ambassador', () => {
    const lab = labShell();
    apply(lab, ambassador);
    lab.wait(10);
    expect(readyStatusRestarts(lab, 'amb')).toEqual(['3/3', 'Running', '0']);
    // A one-shot nc server answers once; the loop around it listens again.
    // nginx's image has curl but no wget.
    expect(lab.sh('kubectl exec amb -c web -- curl -s localhost:9090')).toBe('hello from nc\n');
    lab.wait(2);
    expect(lab.sh('kubectl exec amb -c web -- curl -s http://localhost:9090/second')).toBe('hello from nc\n');
    expect(lab.sh('kubectl logs amb -c client')).toBe(
      // curl names the port, itself and what it accepts, as the real one's request does.
      'GET / HTTP/1.1\r\nHost: localhost:9090\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\nGET /second HTTP/1.1\r\nHost: localhost:9090\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n',
    );
    // The ambassador on 8080 forwards each request to nginx on 80.
    expect(lab.sh('kubectl exec amb -c client -- wget -qO- localhost:8080')).toContain('<h1>Welcome to nginx!</h1>');
    expect(lab.sh('kubectl exec amb -c client -- wget -qO- localhost:8080')).toContain('<h1>Welcome to nginx!</h1>');
    expect(lab.sh("kubectl exec amb -c client -- sh -c 'printf \"GET / HTTP/1.0\\r\\n\\r\\n\" | nc localhost 80'")).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.\d+\r\n/);
    expect(lab.sh('kubectl exec amb -c client -- nc localhost 81')).toBe(
      "nc: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n",
    );
  });
});

describe('grep context on the workstation', () => {
  it('prints -A/-B/-C context like GNU grep (golden from GNU grep 3)', () => {
    const lab = labShell();
    lab.write('/g.txt', 'a\nb\nmatch1\nc\nd\ne\nf\nmatch2\ng\n');
    const commands = ['grep -A1 match g.txt', 'grep -B 2 -n match g.txt', 'grep -C3 match g.txt', 'grep -A 1 match g.txt g.txt'];
    const ours = commands.map((c) => `$ ${c}\n${lab.sh(c)}`).join('');
    expect(ours).toBe(readFileSync(new URL('../golden-files/scenario/grep-context.txt', import.meta.url), 'utf8'));
  });
});
