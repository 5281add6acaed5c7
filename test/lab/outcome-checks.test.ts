// The check kinds that prove outcomes, against the real simulated cluster: what a page serves,
// what a log says, a running container's environment and files, a Service's endpoints, decoded
// Secret data, an answer compared with the live object, ordered checks, and grading that sees
// every state a long jump of virtual time passes through.

import { describe, expect, it } from 'vitest';
import type { Exercise } from '../../lab/course';
import { Grader } from '../../lab/grader';
import { checkSchema, type Check } from '../../lab/schema';
import { runSolution } from '../../lab/solution-runner';
import { defaultWorkspaceRoot } from '../../lab/workspace';
import { createSession } from '../../sim/session';
import type { Session } from '../../sim/session-types';

const workspaceRoot = defaultWorkspaceRoot;

function check(id: string, spec: Record<string, unknown>): Check {
  return checkSchema.parse({ id, title: { en: id, zh: id }, ...spec });
}

function exercise(checks: Check[]): Exercise {
  return { id: 'x', lessonId: 'l', title: { en: 'x', zh: 'x' }, instructions: { en: 'x', zh: 'x' }, startState: [], checks, hints: [], solution: [{ wait: 1 }], mistakes: [], alternatives: [], startObjects: [] };
}

function run(session: Session, ...lines: string[]): void {
  const results = runSolution(session, lines.map((line) => (/^sleep \d+$/.test(line) ? { wait: Number(line.slice(6)) } : { run: line })), { workspaceRoot });
  for (const result of results) expect(result.problem, `${'run' in result.step ? result.step.run : ''}: ${result.output}`).toBeUndefined();
}

function grade(session: Session, ...checks: Check[]) {
  return new Grader(session, exercise(checks), { workspaceRoot }).evaluate();
}

function write(session: Session, path: string, content: string): void {
  session.writeWorkspaceFile(`${workspaceRoot}/${path}`, content);
}

const webWithWriter = (writerTarget: string, mounted: boolean) => `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  volumes: [ { name: html, emptyDir: {} } ]
  containers:
    - name: nginx
      image: nginx:1.27
      volumeMounts: [ { name: html, mountPath: /usr/share/nginx/html } ]
    - name: writer
      image: busybox
      command: ["sh", "-c", "while true; do date > ${writerTarget}; sleep 5; done"]
${mounted ? '      volumeMounts: [ { name: html, mountPath: /html } ]' : ''}
`;

describe('outcome checks', () => {
  it('proves a page is served from inside the cluster, and fails a writer that writes beside the volume', () => {
    const served = check('served', { http: { from: { pod: 'client' }, url: 'http://web-svc/', body: { matches: '\\d{2}:\\d{2}:\\d{2}' } } });
    for (const [target, mounted, passed] of [
      ['/html/index.html', true, true],
      ['/tmp/index.html', false, false],
    ] as const) {
      const session = createSession({ seed: 1 });
      write(session, 'web.yaml', webWithWriter(target, mounted));
      run(session, 'kubectl apply -f web.yaml', 'kubectl expose pod web --name=web-svc --port=80', 'kubectl run client --image=busybox -- sleep 3600', 'sleep 20');
      const [result] = grade(session, served);
      expect(result.passed).toBe(passed);
      if (!passed) expect(result.reason.en).toBe('GET http://web-svc/ from Pod "client" answered 404, expected 200');
    }
  });

  it('leaves no trace: the grader asking for a page adds no line to the server log', () => {
    const session = createSession({ seed: 1 });
    run(session, 'kubectl run web --image=nginx:1.27', 'kubectl run client --image=busybox -- sleep 3600', 'sleep 15');
    const ip = session.api.get('Pod', 'default', 'web').status?.podIP;
    const before = session.api.logs('default', 'web').length;
    const [result] = grade(session, check('page', { http: { from: { pod: 'client' }, url: `http://${ip}/`, body: { contains: 'Welcome to nginx!' } } }));
    expect(result.passed).toBe(true);
    expect(session.api.logs('default', 'web').length).toBe(before);
  });

  it('asks every ready endpoint of a Service, so one broken replica fails the check', () => {
    const session = createSession({ seed: 1 });
    run(session, 'kubectl create deployment web --image=nginx:1.27 --replicas=2', 'kubectl expose deployment web --port=80', 'kubectl run client --image=busybox -- sleep 3600', 'sleep 20');
    const served = check('served', { http: { from: { pod: 'client' }, url: 'http://web/' } });
    expect(grade(session, served)[0].reason.en).toBe('GET http://web/ from Pod "client" answered 200 (all 2 endpoints)');
    const [one] = session.api.list('Pod', 'default', { labelSelector: 'app=web' });
    run(session, `kubectl exec ${one.metadata.name} -- rm /usr/share/nginx/html/index.html`);
    expect(grade(session, served)[0].passed).toBe(false);
  });

  it('reads a log, the previous instance included', () => {
    const session = createSession({ seed: 1 });
    run(session, `kubectl run greet --image=busybox --env=GREETING=Warm --command -- sh -c 'echo "$GREETING greetings"; sleep 5; exit 1'`, 'sleep 30');
    const results = grade(
      session,
      check('now', { log: { pod: 'greet', contains: 'Warm greetings' } }),
      check('before', { log: { pod: 'greet', previous: true, matches: '^Warm greetings$' } }),
      check('wrong', { log: { pod: 'greet', contains: 'Cold' } }),
    );
    expect(results.map((result) => result.passed)).toEqual([true, true, false]);
    expect(results[2].reason.en).toBe('the log of container greet does not contain "Cold"');
  });

  it('reads the environment and the files of a running container, and names the containers when one is misnamed', () => {
    const session = createSession({ seed: 1 });
    run(session, 'kubectl run app --image=busybox --env=MODE=prod -- sh -c "echo ready > /tmp/state; sleep 3600"', 'sleep 10');
    const results = grade(
      session,
      check('mode', { env: { pod: 'app', variable: 'MODE', equals: 'prod' } }),
      check('unset', { env: { pod: 'app', variable: 'DEBUG' } }),
      check('file', { containerFile: { pod: 'app', path: '/tmp/state', equals: 'ready' } }),
      check('missing', { containerFile: { pod: 'app', path: '/tmp/other' } }),
      check('misnamed', { env: { pod: 'app', container: 'nginx', variable: 'MODE' } }),
    );
    expect(results.map((result) => [result.passed, result.reason.en])).toEqual([
      [true, 'MODE in container app is as asked'],
      [false, 'DEBUG is not set in container app'],
      [true, '/tmp/state in container app is as asked'],
      [false, 'in container app: /tmp/other: No such file or directory'],
      [false, 'Pod "app" has no container named nginx; containers: app'],
    ]);
  });

  it('counts the ready endpoints of a Service and says why there are none', () => {
    const session = createSession({ seed: 1 });
    run(session, 'kubectl run web --image=nginx:1.27 --labels=app=web', 'kubectl create service clusterip web --tcp=80:80', 'sleep 15');
    const endpoints = check('endpoints', { endpoints: { service: 'web' } });
    expect(grade(session, endpoints)[0].passed).toBe(true);
    run(session, 'kubectl label pod web app=other --overwrite', 'sleep 2');
    expect(grade(session, endpoints)[0].reason.en).toBe('expected >= 1 ready endpoints behind Service "web": no Pod has the labels app=web');
  });

  it('decodes Secret data and compares an answer with the live object, not with a value written down', () => {
    const session = createSession({ seed: 1 });
    run(session, 'kubectl create secret generic db --from-literal=password=s3cr3t', 'kubectl create service nodeport web --tcp=80:80');
    const nodePort = String(session.api.get('Service', 'default', 'web').spec?.ports?.[0]?.nodePort);
    const answer = check('port', { answer: { file: 'port.txt', equalsField: { kind: 'Service', name: 'web', path: 'spec.ports[0].nodePort' } } });
    const password = check('password', { data: { kind: 'Secret', name: 'db', key: 'password', equals: 's3cr3t' } });
    write(session, 'port.txt', nodePort === '30000' ? '30001\n' : '30000\n');
    expect(grade(session, answer, password).map((result) => result.passed)).toEqual([false, true]);
    write(session, 'port.txt', `${nodePort}\n`);
    expect(grade(session, answer)[0].passed).toBe(true);
  });

  it('counts an ordered check only after the one it follows has passed', () => {
    const session = createSession({ seed: 1 });
    const exerciseWithOrder = exercise([
      check('gone', { when: 'reached', absent: { kind: 'Pod', name: 'web' } }),
      check('back', { after: 'gone', exists: { kind: 'Pod', name: 'web' } }),
    ]);
    run(session, 'kubectl run web --image=nginx:1.27');
    const grader = new Grader(session, exerciseWithOrder, { workspaceRoot });
    grader.start();
    expect(grader.evaluate()[1]).toMatchObject({ passed: false, reason: { en: 'first: gone' } });
    run(session, 'kubectl delete pod web', 'kubectl run web --image=nginx:1.27');
    expect(grader.evaluate().map((result) => result.passed)).toEqual([true, true]);
    grader.stop();
  });

  it('sees every state inside one long jump of virtual time: a sleep of 70 s holds a 30 s check', () => {
    const session = createSession({ seed: 1 });
    const grader = new Grader(session, exercise([check('held', { when: 'sustained', seconds: 30, condition: { kind: 'Pod', name: 'web', type: 'Ready' } })]), { workspaceRoot });
    grader.start();
    const terminal = session.openTerminal();
    terminal.execute('kubectl run web --image=nginx:1.27', () => {});
    const sleep = terminal.execute('sleep 70', () => {});
    // What `podlab --script` does: run the clock until the command has finished.
    (session as unknown as { runUntilIdle(done: () => boolean, limit: number): void }).runUntilIdle(() => sleep.done, 600_000);
    const [result] = grader.evaluate();
    grader.stop();
    expect(result.passed).toBe(true);
    expect(Number(/held for (\d+)s/.exec(result.reason.en)?.[1])).toBeGreaterThanOrEqual(60);
  });

  it('says what is really wrong: a container named otherwise, a state a restart moved, what makes a QoS class', () => {
    const session = createSession({ seed: 1 });
    write(session, 'web.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: nginx:1.27, resources: {limits: {memory: 64Mi}}}\n');
    run(session, 'kubectl apply -f web.yaml', 'kubectl run crasher --image=busybox:1.36 -- sh -c "sleep 2; exit 3"', 'sleep 30');
    const results = grade(
      session,
      check('named', { field: { kind: 'Pod', name: 'web', path: 'spec.containers[name=nginx].image', value: 'nginx:1.27' } }),
      check('exit', { field: { kind: 'Pod', name: 'crasher', path: 'status.containerStatuses[0].state.terminated.exitCode', value: 3 } }),
      check('qos', { field: { kind: 'Pod', name: 'web', path: 'status.qosClass', value: 'Guaranteed' } }),
    );
    expect(results.map((result) => [result.passed, result.reason.en])).toEqual([
      [false, 'no container named nginx; containers: web'],
      [true, 'exitCode is 3'],
      [false, 'expected qosClass to be "Guaranteed", found "Burstable": container web has no cpu limit'],
    ]);
  });
});
