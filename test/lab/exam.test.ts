// Exams: parameters drawn per attempt, the validator's three guarantees, and `lab exam` in a terminal.

import { describe, expect, it } from 'vitest';
import { createLabCommand, labHostCommand } from '../../lab/lab-command';
import { LabController } from '../../lab/lab-controller';
import { drawValues, examAttempt, loadExams } from '../../lab/exam';
import { taskPoints } from '../../lab/exam-grading';
import { examSummaryLine, validateExams } from '../../lab/exam-validator';
import { formatProblem } from '../../lab/loader';
import { createSession } from '../../sim/session';
import type { SimSession } from '../../sim/session';
import { sampleExam } from './sample-exam';

const files = (text: string) => new Map([['sample.yaml', text]]);

describe('exam files', () => {
  it('draws every parameter from the seed, the same seed drawing the same values', () => {
    const { exams, problems } = loadExams(files(sampleExam));
    expect(problems).toEqual([]);
    expect(exams[0]).toMatchObject({ id: 'sample', taskCount: 2, points: 10, minutes: 30 });
    const draws = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(drawValues(exams[0].parameters, seed))));
    expect(draws.size).toBeGreaterThan(1);
    expect(drawValues(exams[0].parameters, 5)).toEqual(drawValues(exams[0].parameters, 5));
  });

  it('puts the drawn values into instructions, start, checks and solution, numbers staying numbers', () => {
    const { exams } = loadExams(files(sampleExam));
    const exam = examAttempt(exams[0], 3);
    const { app, replicas } = exam.values;
    const scale = exam.tasks[1];
    expect(scale.instructions.en).toBe(`Scale ${app}-api to ${replicas} replicas.`);
    expect(scale.startObjects[0].metadata.name).toBe(`${app}-api`);
    expect(scale.start?.files).toEqual({ [`notes/${app}.txt`]: `scale ${app}-api` });
    expect(scale.checks[0].field?.value).toBe(replicas);
    expect(scale.solution[0]).toEqual({ run: `kubectl scale deployment ${app}-api --replicas=${replicas}` });
  });

  it('reports an unknown placeholder and a task without a valid weight, naming the place', () => {
    const broken = sampleExam.replace('Run a Pod {{app}}', 'Run a Pod {{application}}').replace('weight: 6', 'weight: 0');
    const { exams, problems } = loadExams(files(broken), { label: 'exams' });
    expect(exams).toEqual([]);
    expect(problems.map(formatProblem)).toEqual(['exams/sample.yaml: tasks[0].instructions.en: unknown parameter {{application}}']);
    const { problems: weightProblems } = loadExams(files(sampleExam.replace('weight: 6', 'weight: 0')), { label: 'exams' });
    expect(weightProblems.map(formatProblem)).toEqual(['exams/sample.yaml: tasks[1].weight: a task is worth at least 1 point']);
  });

  it('checks the terminal blocks of a task against its files, with every value of the parameters', () => {
    const withBlocks = sampleExam.replace(
      'instructions: { en: "Scale {{app}}-api to {{replicas}} replicas.", zh: "把 {{app}}-api 扩容到 {{replicas}} 个副本。" }',
      'instructions: { en: "```terminal\\ncat notes/{{app}}.txt\\nkubectl apply -f {{app}}.yaml\\n```", zh: "```terminal\\ncat notes/{{app}}.txt\\n```" }',
    );
    expect(withBlocks).toContain('```terminal');
    const { exams, problems } = loadExams(files(withBlocks), { label: 'exams' });
    expect(exams).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      "exams/sample.yaml: tasks[1].instructions.en: terminal block 1 (line 1): line 2 reads shop.yaml, which is not among the exercise's start files or the files its solution writes",
      "exams/sample.yaml: tasks[1].instructions.en: terminal block 1 (line 1): line 2 reads blog.yaml, which is not among the exercise's start files or the files its solution writes",
    ]);
  });

  it('gives a task its points only when every check passes, partial points rounded down', () => {
    expect(taskPoints(4, 2, 2)).toBe(4);
    expect(taskPoints(4, 1, 2)).toBe(2);
    expect(taskPoints(2, 4, 5)).toBe(1);
    expect(taskPoints(4, 0, 3)).toBe(0);
  });
});

describe('the exam validator', () => {
  const validate = (text: string) => validateExams(files(text), { label: 'exams', createSession: () => createSession({ seed: 1 }), seeds: [1, 2] });

  it('proves the start scores 0, the reference solution 100 % and each mistake loses its task points', () => {
    const report = validate(sampleExam);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(examSummaryLine(report)).toBe('Checked 1 exam, 2 tasks, 2 mistakes rejected, 0 alternatives accepted: all valid.');
  });

  it('reports a task whose start already scores', () => {
    const text = sampleExam.replace('path: status.readyReplicas, value: "{{replicas}}"', 'path: status.readyReplicas, op: ">=", value: 1');
    const messages = validate(text).problems.map(formatProblem);
    expect(messages).toContain('exams/sample.yaml: tasks[1]: seed 1: checks: ready already passes at the start; the start must score 0');
  });

  it('reports a reference solution that does not score every point', () => {
    const text = sampleExam.replace('kubectl run {{app}} --image=nginx:1.27\n', 'kubectl run {{app}} --image=nginx:1.25\n');
    const messages = validate(text).problems.map(formatProblem);
    expect(messages).toContain('exams/sample.yaml: tasks[0]: seed 1: checks: image fails after the reference solution: expected image to be "nginx:1.27", found "nginx:1.25"');
  });

  it('replays every value of every parameter, not only the seeds\' draws', () => {
    const text = sampleExam.replace('app: [shop, blog]', 'app: [shop, blog, Cart]');
    const report = validateExams(files(text), { label: 'exams', createSession: () => createSession({ seed: 1 }), seeds: [] });
    const messages = report.problems.map(formatProblem);
    expect(messages.some((message) => message.startsWith('exams/sample.yaml: values #3: reference solution: task 1 (run-pod) [0]: "kubectl run Cart --image=nginx:1.27" exited with status 1'))).toBe(true);
    expect(messages.some((message) => message.includes('values #1') || message.includes('values #2'))).toBe(false);
  });

  it('reports a mistake that scores every point of its task', () => {
    const text = sampleExam.replace('--replicas=1" }', '--replicas={{replicas}}" }');
    const messages = validate(text).problems.map(formatProblem);
    expect(messages).toContain('exams/sample.yaml: tasks[1]: mistakes[0] (one replica too few): the mistake scores every point of the task');
  });
});

describe('lab exam in a terminal', () => {
  function setup(options: { language?: 'zh'; storage?: { text: string | undefined }; wall?: number } = {}) {
    let wall = options.wall ?? Date.UTC(2026, 11, 7, 9, 0, 0);
    let session: SimSession | undefined;
    const storage = { text: options.storage?.text, load() { return this.text; }, save(text: string) { this.text = text; } };
    const lab = new LabController({
      course: { lessons: [] },
      exams: { templates: loadExams(files(sampleExam)).exams, draw: examAttempt },
      session: () => session!,
      storage,
      wallNow: () => wall,
      color: false,
      language: options.language,
    });
    session = createSession({ seed: 1, hostCommands: { lab: labHostCommand(createLabCommand(lab)) } });
    const terminal = session.openTerminal();
    const run = (line: string) => {
      let output = '';
      const command = terminal.execute(line, (text) => (output += text));
      session!.runUntilIdle(() => command.done, 60_000);
      return output;
    };
    return { run, storage, pass: (ms: number) => (wall += ms), now: () => wall, session, lab };
  }

  it('lists the exams with their tasks, and after an attempt its score and date', () => {
    const { run } = setup();
    expect(run('lab exam list')).toBe('sample  2 tasks  30 min  Sample exam\n');
    run('lab exam start sample --seed 1');
    run('lab exam finish');
    expect(run('lab exam list')).toBe('sample  2 tasks  30 min  Sample exam\n        results: 0% (2026-12-07)\n');
  });

  it('takes an exam: tasks in any order, no hints, a breakdown per task and the score', () => {
    const { run, storage } = setup();
    const started = run('lab exam start sample --seed 2');
    expect(started).toContain('2 tasks, 10 points, 30 minutes. The clock is running.');
    const task = run('lab exam task 2');
    const app = /Scale (\w+)-api to (\d) replicas/.exec(task)!;
    expect(run('lab hint')).toBe("lab hint: not during an exam. 'lab exam finish' ends it.\n");
    expect(run('lab solution --yes')).toContain('not during an exam');
    run(`kubectl scale deployment ${app[1]}-api --replicas=${app[2]}`);
    run('sleep 10');
    expect(run('lab exam flag 1')).toBe('Task 1 flagged.\n');
    expect(run('lab status').split('\n')[0]).toBe("Exam: sample, 30:00 left ('lab exam status')");
    expect(run('lab exam status')).toContain('⚑  1. Run');
    const breakdown = run('lab exam finish');
    expect(breakdown).toContain(`Task 1: Run ${app[1]}: 0/4 points\n  ✘ ${app[1]} runs nginx:1.27\n      Pod "${app[1]}" not found\n`);
    expect(breakdown).toContain(`Task 2: Scale ${app[1]}-api: 6/6 points\n  ✔ ${app[2]} replicas are ready\n  Reference solution:\n    kubectl scale deployment ${app[1]}-api --replicas=${app[2]}\n`);
    expect(breakdown.trimEnd().split('\n').at(-1)).toBe('score: 6/10 points (60%)');
    const saved = JSON.parse(storage.text!);
    expect(saved.exams.sample[0]).toMatchObject({ points: 6, total: 10, percent: 60, seed: 2, timeUp: false });
    expect(run('lab exam status')).toContain('No exam is running.');
  });

  it('grades the exam as it stands once the countdown has run out', () => {
    const { run, pass } = setup();
    run('lab exam start sample --seed 1');
    pass(29 * 60_000);
    expect(run('lab exam status')).toContain('Time left: 1:00');
    pass(60_000);
    const output = run('lab exam status');
    expect(output.startsWith('Time is up: the exam is graded as it stands.\n')).toBe(true);
    expect(output).toContain('score: 0/10 points (0%)');
  });

  it('pauses the countdown of a practice attempt only', () => {
    const { run, pass } = setup();
    run('lab exam start sample --seed 1');
    expect(run('lab exam pause')).toBe("lab exam pause: an exam's countdown does not stop; start with --practice for one that does\n");
    run('lab exam finish');
    expect(run('lab exam start sample --seed 1 --practice')).toContain("Practice mode: 'lab exam pause' stops the countdown");
    pass(10 * 60_000);
    expect(run('lab exam pause')).toBe("Countdown paused. 'lab exam resume' lets it run on.\n");
    pass(60 * 60_000);
    expect(run('lab exam status')).toContain('Time left: 20:00 (paused)');
    expect(run('lab exam resume')).toBe('Countdown running: 20:00 left.\n');
    pass(5 * 60_000);
    expect(run('lab exam status')).toContain('Time left: 15:00\n');
  });

  it('takes the exam up again after the lab restarts, its countdown having run on while closed', () => {
    const first = setup();
    first.run('lab exam start sample --seed 2');
    const [, app, replicas] = /Scale (\w+)-api to (\d) replicas/.exec(first.run('lab exam task 2'))!;
    first.run(`kubectl scale deployment ${app}-api --replicas=${replicas}`);
    first.run('lab exam flag 1');
    first.pass(3 * 60_000);
    const second = setup({ storage: first.storage, wall: first.now() + 5 * 60_000 });
    expect(second.lab.exams.restore()).toBe(true);
    const status = second.run('lab exam status');
    expect(status).toContain('Time left: 22:00\n');
    expect(status).toContain('⚑  1. Run');
    expect(status).toContain(`▶  2. Scale ${app}-api`);
    expect(second.run(`kubectl get deployment ${app}-api -o jsonpath={.spec.replicas}`)).toBe(replicas);
    second.run('sleep 10');
    expect(second.run('lab exam finish')).toContain(`Task 2: Scale ${app}-api: 6/6 points`);
    expect(JSON.parse(second.storage.text!).examInProgress).toBeUndefined();
    expect(setup({ storage: second.storage }).lab.exams.restore()).toBe(false);
  });

  it('speaks Chinese when the learner chose it', () => {
    const { run } = setup({ language: 'zh' });
    expect(run('lab exam start sample --seed 1')).toContain('共 2 道题，10 分，30 分钟。计时已开始。');
    expect(run('lab exam finish').trimEnd().split('\n').at(-1)).toBe('得分：0/10 分（0%）');
  });

  it('says what is wrong with a command', () => {
    const { run } = setup();
    expect(run('lab exam start nope')).toContain('lab exam: unknown exam "nope"');
    expect(run('lab exam task 1')).toContain('No exam is running.');
    run('lab exam start sample');
    expect(run('lab exam task 9')).toBe('lab exam: "9" is not a task number (1-2)\n');
    expect(run('lab exam start sample')).toContain('the exam sample is running');
  });
});

describe('an exam on two clusters', () => {
  // The sample's first task, done in the second cluster; its second task stays in the first.
  const twoClusters = sampleExam
    .replace('minutes: 30\n', 'minutes: 30\ncontexts: [k8s-c1, k8s-c2]\n')
    .replace('  - id: run-pod\n    weight: 4\n', '  - id: run-pod\n    weight: 4\n    context: k8s-c2\n')
    .replace('        solution: [ { run: "kubectl run {{app}} --image=nginx:1.26" }, { wait: 10 } ]', '        solution: [ { run: "kubectl run {{app}} --image=nginx:1.26" }, { wait: 10 } ]\n      - name: "the right Pod in the other cluster"\n        failsAt: image\n        solution: [ { run: "kubectl --context k8s-c1 run {{app}} --image=nginx:1.27" }, { wait: 10 } ]');

  it('names the context at the top of each task and switches to it in every solution', () => {
    const exam = examAttempt(loadExams(files(twoClusters)).exams[0], 1);
    expect(exam.contexts).toEqual(['k8s-c1', 'k8s-c2']);
    expect(exam.tasks.map((task) => task.context)).toEqual(['k8s-c2', 'k8s-c1']);
    expect(exam.tasks[0].instructions.en.startsWith('Use context: `k8s-c2`\n\n```terminal\nkubectl config use-context k8s-c2\n```\n\n')).toBe(true);
    expect(exam.tasks[0].instructions.zh.startsWith('使用上下文：`k8s-c2`')).toBe(true);
    expect(exam.tasks[1].solution[0]).toEqual({ run: 'kubectl config use-context k8s-c1' });
    expect(exam.tasks[0].mistakes[1].solution[0]).toEqual({ run: 'kubectl config use-context k8s-c2' });
  });

  it('reports a task in a context the exam does not declare', () => {
    const { problems } = loadExams(files(twoClusters.replace('context: k8s-c2', 'context: k8s-c3')), { label: 'exams' });
    expect(problems.map(formatProblem)).toContain('exams/sample.yaml: tasks[0].context: unknown context k8s-c3 (the exam\'s contexts: k8s-c1, k8s-c2)');
  });

  it('grades each task on its own cluster: the right answer in the wrong cluster earns nothing', () => {
    const report = validateExams(files(twoClusters), { label: 'exams', createSession: () => createSession({ seed: 1 }), seeds: [1] });
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(examSummaryLine(report)).toBe('Checked 1 exam, 2 tasks, 3 mistakes rejected, 0 alternatives accepted: all valid.');
  });
});

describe('exam results in progress', () => {
  it('keeps every attempt through export and import, and rejects a malformed one', async () => {
    const { emptyProgress, exportProgress, parseProgress, recordExamResult } = await import('../../lab/progress');
    const progress = emptyProgress();
    const result = { startedAt: 1, finishedAt: 2, seed: 3, points: 6, total: 10, percent: 60, timeUp: false, tasks: [{ id: 'scale', weight: 6, points: 6 }] };
    recordExamResult(progress, 'sample', result);
    recordExamResult(progress, 'sample', { ...result, points: 10, percent: 100 });
    const parsed = parseProgress(exportProgress(progress));
    expect(typeof parsed === 'string' ? parsed : parsed.exams?.sample.map((entry) => entry.percent)).toEqual([60, 100]);
    expect(parseProgress('{"schemaVersion": 1, "exercises": {}, "quizzes": {}, "exams": {"sample": [{"points": "all"}]}}')).toBe('exam sample is malformed');
  });
});
