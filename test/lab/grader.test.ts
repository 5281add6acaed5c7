import { describe, expect, it } from 'vitest';
import type { Exercise } from '../../lab/course';
import { chooseHint, Grader } from '../../lab/grader';
import { exerciseSchema } from '../../lab/schema';
import { createPod, labSession, setStatus } from './lab-session';

function exercise(checks: unknown[], hints: unknown[] = []): Exercise {
  const spec = exerciseSchema.parse({
    id: 'test',
    title: { en: 'Test', zh: '测试' },
    instructions: { en: 'Do it', zh: '做' },
    checks: checks.map((check, index) => ({ id: `c${index}`, title: { en: `check ${index}`, zh: `检查 ${index}` }, ...(check as object) })),
    hints,
    solution: [{ run: 'true' }],
  });
  return { ...spec, lessonId: 'l', startObjects: [] };
}

function reasons(grader: Grader) {
  return grader.evaluate().map((result) => ({ passed: result.passed, en: result.reason.en, zh: result.reason.zh }));
}

describe('grader reasons', () => {
  it('says which object is missing, in both languages', () => {
    const session = labSession();
    const grader = new Grader(session, exercise([{ exists: { kind: 'Pod', name: 'web' } }, { exists: { kind: 'Pod', name: 'db', namespace: 'dev' } }]));
    expect(reasons(grader)).toEqual([
      { passed: false, en: 'Pod "web" not found', zh: '未找到 Pod "web"' },
      { passed: false, en: 'Pod "db" in namespace dev not found', zh: '未找到命名空间 dev 中的 Pod "db"' },
    ]);
  });

  it('compares a field and shows expected and found values', () => {
    const session = labSession();
    createPod(session, 'web', { status: { phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 0 }] } });
    const grader = new Grader(
      session,
      exercise([
        { field: { kind: 'Pod', name: 'web', path: 'status.containerStatuses[name=app].restartCount', op: '>=', value: 1 } },
        { field: { kind: 'Pod', name: 'web', path: 'spec.containers[0].image', op: 'equals', value: 'nginx:1.25' } },
        { field: { kind: 'Pod', name: 'web', path: 'status.containerStatuses[name=sidecar].ready', op: 'equals', value: true } },
        { field: { kind: 'Pod', name: 'web', path: 'metadata.labels.tier', op: 'exists' } },
      ]),
    );
    expect(reasons(grader)).toEqual([
      { passed: false, en: 'expected restartCount >= 1, found 0', zh: '期望 restartCount >= 1，实际为 0' },
      { passed: false, en: 'expected image to be "nginx:1.25", found "nginx:1.27"', zh: '期望 image 为 "nginx:1.25"，实际为 "nginx:1.27"' },
      // The Pod has no container of that name: say so, and name the ones it has.
      { passed: false, en: 'no container named sidecar; containers: app', zh: '没有名为 sidecar 的容器；现有容器：app' },
      { passed: false, en: 'expected metadata.labels.tier to be set', zh: '期望已设置 metadata.labels.tier' },
    ]);
    setStatus(session, 'web', { phase: 'Running', containerStatuses: [{ name: 'app', restartCount: 2 }] });
    expect(grader.evaluate()[0]).toMatchObject({ passed: true, reason: { en: 'restartCount is 2' } });
  });

  it('counts objects by selector and checks every match of a field selector', () => {
    const session = labSession();
    createPod(session, 'a', { labels: { app: 'web' } });
    createPod(session, 'b', { labels: { app: 'web' } });
    const grader = new Grader(
      session,
      exercise([
        { count: { kind: 'Pod', selector: 'app=web', op: '>=', value: 3 } },
        { field: { kind: 'Pod', selector: 'app=web', path: 'status.phase', op: 'equals', value: 'Running' } },
        { field: { kind: 'Pod', selector: 'app=db', path: 'status.phase', op: 'equals', value: 'Running' } },
      ]),
    );
    expect(reasons(grader)).toEqual([
      { passed: false, en: 'expected >= 3 Pod objects with app=web, found 2', zh: '期望带有 app=web 的 Pod 数量 >= 3，实际为 2' },
      { passed: false, en: 'Pod "a": expected phase to be "Running", found "Pending"', zh: 'Pod "a"：期望 phase 为 "Running"，实际为 "Pending"' },
      { passed: false, en: 'no Pod matches app=db', zh: '没有与 app=db 匹配的 Pod' },
    ]);
  });

  it('checks conditions, events, absence, commands, files and answers', () => {
    const session = labSession();
    createPod(session, 'web', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } });
    session.workspace.writeFile('/pod.yaml', 'spec:\n  containers:\n    - image: nginx\n');
    session.workspace.writeFile('/answer.txt', 'CrashLoopBackOff\n');
    const grader = new Grader(
      session,
      exercise([
        { condition: { kind: 'Pod', name: 'web', type: 'Ready', status: 'True' } },
        { condition: { kind: 'Pod', name: 'web', type: 'Initialized' } },
        { event: { reason: 'Unhealthy', kind: 'Pod', name: 'web', messageContains: 'Liveness probe failed' } },
        { absent: { kind: 'Pod', name: 'web' } },
        { command: { pattern: '^kubectl describe pod web' } },
        { file: { path: 'pod.yaml', field: 'spec.containers[0].image', op: 'equals', value: 'nginx:1.27' } },
        { file: { path: 'missing.yaml' } },
        { answer: { file: 'answer.txt', matches: '(?i)^oomkilled$' } },
      ]),
    );
    expect(reasons(grader)).toEqual([
      { passed: false, en: 'expected condition Ready to be "True", found "False"', zh: '期望状况 Ready 为 "True"，实际为 "False"' },
      { passed: false, en: 'Pod "web" has no Initialized condition yet', zh: 'Pod "web" 还没有 Initialized 状况' },
      {
        passed: false,
        en: 'no Unhealthy event for Pod "web" containing "Liveness probe failed" yet',
        zh: 'Pod "web" 还没有 Unhealthy 事件（包含 "Liveness probe failed"）',
      },
      { passed: false, en: 'Pod "web" still exists', zh: 'Pod "web" 仍然存在' },
      { passed: false, en: 'not run yet', zh: '还没有运行过' },
      { passed: false, en: 'pod.yaml: expected image to be "nginx:1.27", found "nginx"', zh: 'pod.yaml：期望 image 为 "nginx:1.27"，实际为 "nginx"' },
      { passed: false, en: 'file missing.yaml does not exist', zh: '文件 missing.yaml 不存在' },
      { passed: false, en: 'the answer in answer.txt is not right yet', zh: 'answer.txt 中的答案还不正确' },
    ]);
  });

  it('picks a document of a multi-document file by kind and name', () => {
    const session = labSession();
    session.workspace.writeFile(
      '/shop.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\ndata:\n  currency: EUR\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  selector:\n    app: shop-frontend\n',
    );
    session.workspace.writeFile('/broken.yaml', 'kind: Pod\n---\nmetadata: [\n');
    const grader = new Grader(
      session,
      exercise([
        { file: { path: 'shop.yaml', kind: 'ConfigMap', field: 'data.currency', value: 'EUR' } },
        { file: { path: 'shop.yaml', kind: 'Service', name: 'shop', field: 'spec.selector.app', value: 'shop' } },
        { file: { path: 'shop.yaml', kind: 'Deployment', name: 'shop' } },
        { file: { path: 'shop.yaml', field: 'kind', value: 'ConfigMap' } },
        { file: { path: 'broken.yaml' } },
      ]),
    );
    const results = reasons(grader);
    expect(results.slice(0, 4)).toEqual([
      { passed: true, en: 'shop.yaml: currency is "EUR"', zh: 'shop.yaml：currency 为 "EUR"' },
      { passed: false, en: 'shop.yaml: expected app to be "shop", found "shop-frontend"', zh: 'shop.yaml：期望 app 为 "shop"，实际为 "shop-frontend"' },
      { passed: false, en: 'shop.yaml has no Deployment shop document', zh: 'shop.yaml 中没有 Deployment shop 文档' },
      { passed: true, en: 'shop.yaml: kind is "ConfigMap"', zh: 'shop.yaml：kind 为 "ConfigMap"' },
    ]);
    expect(results[4]?.passed).toBe(false);
    expect(results[4]?.en).toMatch(/^broken\.yaml is not valid YAML: /);
  });

  it('passes event, command, file and answer checks once the learner acts', () => {
    const session = labSession();
    const grader = new Grader(
      session,
      exercise([
        { event: { reason: 'Unhealthy', kind: 'Pod', name: 'web' } },
        { command: { pattern: '^kubectl describe pod web' } },
        { answer: { file: 'answer.txt', matches: '(?i)^oomkilled$' } },
      ]),
    );
    createPod(session, 'web');
    const terminal = session.openTerminal();
    terminal.execute('kubectl describe pod web', () => {});
    terminal.execute('false', () => {});
    session.workspace.writeFile('/answer.txt', 'OOMKilled\n');
    session.api.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
      reason: 'Unhealthy',
      type: 'Warning',
      message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
    });
    expect(grader.evaluate().map((result) => result.passed)).toEqual([true, true, true]);
  });

  it('ignores commands run before the exercise started and failed commands', () => {
    const session = labSession();
    session.openTerminal().execute('kubectl describe pod web', () => {});
    const grader = new Grader(session, exercise([{ command: { pattern: 'describe' } }, { command: { pattern: '^kubectl nonsense' } }]));
    session.openTerminal().execute('kubectl nonsense', () => {});
    expect(grader.evaluate().map((result) => result.passed)).toEqual([false, false]);
  });
});

describe('reached and sustained checks', () => {
  it('keeps a reached check passed after the state goes away', () => {
    const session = labSession();
    const grader = new Grader(session, exercise([{ when: 'reached', exists: { kind: 'Pod', name: 'web' } }, { exists: { kind: 'Pod', name: 'web' } }]));
    grader.start();
    expect(grader.results().map((result) => result.passed)).toEqual([false, false]);
    createPod(session, 'web');
    expect(grader.results().map((result) => result.passed)).toEqual([true, true]);
    session.api.delete('Pod', 'default', 'web');
    expect(grader.results().map((result) => result.passed)).toEqual([true, false]);
    expect(grader.results()[0].reason).toEqual({ en: 'reached', zh: '已达成' });
    grader.stop();
  });

  it('passes a sustained check only after it held for the given virtual seconds, and restarts the count when it breaks', () => {
    const session = labSession();
    createPod(session, 'web', { status: { phase: 'Running' } });
    const grader = new Grader(
      session,
      exercise([{ when: 'sustained', seconds: 30, field: { kind: 'Pod', name: 'web', path: 'status.phase', op: 'equals', value: 'Running' } }]),
    );
    grader.start();
    session.clock.advanceBy(12_000);
    expect(grader.results()[0]).toMatchObject({
      passed: false,
      reason: { en: 'phase is "Running"; held for 12s of 30s', zh: 'phase 为 "Running"；已保持 12 秒，需要 30 秒' },
    });
    setStatus(session, 'web', { phase: 'Failed' });
    expect(grader.results()[0].reason.en).toBe('expected phase to be "Running", found "Failed"');
    setStatus(session, 'web', { phase: 'Running' });
    session.clock.advanceBy(25_000);
    expect(grader.results()[0].passed).toBe(false);
    session.clock.advanceBy(5_000);
    expect(grader.results()[0]).toMatchObject({ passed: true, reason: { en: 'held for 30s', zh: '已保持 30 秒' } });
    grader.stop();
  });

  it('tells listeners the results on every change', () => {
    const session = labSession();
    const grader = new Grader(session, exercise([{ exists: { kind: 'Pod', name: 'web' } }]));
    const seen: boolean[] = [];
    grader.onResults((results) => seen.push(results[0].passed));
    grader.start();
    createPod(session, 'web');
    grader.stop();
    createPod(session, 'other');
    expect(seen).toEqual([false, true]);
    expect(grader.complete()).toBe(true);
  });
});

describe('hints', () => {
  const hints = [
    { text: { en: 'general 1', zh: '一' } },
    { text: { en: 'about c1', zh: '二' }, whenFailing: 'c1' },
    { text: { en: 'general 2', zh: '三' } },
  ];
  const results = (failing: string[]) =>
    ['c0', 'c1'].map((id) => ({ id, title: { en: id, zh: id }, passed: !failing.includes(id), reason: { en: '', zh: '' } }));

  it('prefers a hint tied to a failing check, then general hints in order', () => {
    expect(chooseHint(hints as never, new Set(), results(['c1']))).toBe(1);
    expect(chooseHint(hints as never, new Set([1]), results(['c1']))).toBe(0);
    expect(chooseHint(hints as never, new Set(), results(['c0']))).toBe(0);
    expect(chooseHint(hints as never, new Set([0, 2]), results([]))).toBe(1);
    expect(chooseHint(hints as never, new Set([0, 1, 2]), results([]))).toBeUndefined();
  });
});

describe('when the grader grades', () => {
  it('grades at once on a change through the API, but not at every frame of a running clock', () => {
    const session = labSession();
    const grader = new Grader(session, exercise([{ exists: { kind: 'Pod', name: 'web' } }]));
    let evaluations = 0;
    grader.onResults(() => evaluations++);
    grader.start();
    session.clock.advanceBy(1_000);
    evaluations = 0;
    // The app's clock at 1x: twenty frames of 50 ms in one second of virtual time.
    for (let frame = 0; frame < 20; frame++) session.clock.advanceBy(50);
    expect(evaluations).toBeLessThanOrEqual(2);
    createPod(session, 'web');
    expect(grader.results()[0].passed).toBe(true);
    grader.stop();
  });

  it('says what changed', () => {
    const session = labSession();
    const notices: string[] = [];
    session.onChange((change) => notices.push(Object.entries(change).filter(([, value]) => value).map(([key]) => key).join('+')));
    session.clock.advanceBy(50);
    session.writeWorkspaceFile('/a.txt', 'x');
    createPod(session, 'web');
    session.openTerminal().execute('true', () => {});
    session.reset();
    expect(notices).toEqual(['time', 'files', 'objects', 'command', 'objects+files+rebuilt']);
  });
});
