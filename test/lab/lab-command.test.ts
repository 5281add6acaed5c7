import { describe, expect, it } from 'vitest';
import { createLabCommand, labHostCommand } from '../../lab/lab-command';
import { LabController } from '../../lab/lab-controller';
import { loadCourse } from '../../lab/loader';
import type { ProgressStorage } from '../../lab/progress';
import { labSession } from './lab-session';
import { expectGolden } from './golden';
import { samplePack } from './sample-pack';

class MemoryStorage implements ProgressStorage {
  asides: string[] = [];
  constructor(public text?: string) {}
  load() {
    return this.text;
  }
  save(text: string) {
    this.text = text;
  }
  setAside(text: string) {
    this.asides.push(text);
  }
}

function setup(storage: ProgressStorage = new MemoryStorage()) {
  const { course } = loadCourse(samplePack());
  let wall = 1_000_000;
  let session: ReturnType<typeof labSession> | undefined;
  const controller = new LabController({
    course,
    session: () => session!,
    storage,
    wallNow: () => (wall += 1000),
    color: false,
  });
  session = labSession({ lab: labHostCommand(createLabCommand(controller)) });
  const terminal = session.openTerminal();
  const run = (line: string) => {
    let output = '';
    const result = terminal.execute(line, (text) => (output += text));
    return { output, exitCode: result.exitCode };
  };
  return { session, controller, run, storage };
}

describe('lab command', () => {
  it('prints usage in English and Chinese', () => {
    const { run } = setup();
    expectGolden('help.en', run('lab').output);
    expect(run('lab lang zh').output).toBe('语言：简体中文\n');
    expectGolden('help.zh', run('lab help').output);
  });

  it('lists lessons and exercises with status marks', () => {
    const { run } = setup();
    expectGolden('list.new', run('lab list').output);
    run('lab start create-web');
    run('kubectl run web --image=nginx:1.27');
    run('lab check');
    run('lab start remove-old');
    expectGolden('list.progress', run('lab list').output);
  });

  it('starts an exercise: resets the cluster, applies the starting state and prints the instructions', () => {
    const { run, session } = setup();
    const freshClusterTime = session.clock.now();
    const started = run('lab start remove-old');
    expect(started.exitCode).toBe(0);
    expectGolden('start.remove-old', started.output);
    expect(session.resets).toBe(1);
    expect(session.api.get('Pod', 'default', 'old').spec.containers[0].image).toBe('busybox');
    expect(session.workspace.readFile('/notes/answer.txt')).toBe('');
    expect(session.clock.now() - freshClusterTime).toBe(5000);
  });

  it('checks with ✔/✘ and reasons, then congratulates with the explanation', () => {
    const { run, controller } = setup();
    run('lab start create-web');
    const failing = run('lab check');
    expect(failing.exitCode).toBe(1);
    expectGolden('check.failing', failing.output);
    run('kubectl run web --image=nginx:1.27');
    const passing = run('lab check');
    expect(passing.exitCode).toBe(0);
    expectGolden('check.complete', passing.output);
    expect(controller.progress.exercises['create-web']).toMatchObject({ completedWithSolution: false, hintsUsed: 0 });
  });

  it('checks in Chinese', () => {
    const { run } = setup();
    run('lab lang zh');
    run('lab start create-web');
    run('kubectl run web --image=nginx:1.25');
    expectGolden('check.zh', run('lab check').output);
    run('kubectl delete pod web');
    run('kubectl run web --image=nginx:1.27');
    expect(run('lab check').output.split('\n').slice(-8)).toEqual([
      '3/3 项检查通过',
      '',
      '练习完成，做得好！',
      '',
      'kubectl run 只创建一个 Pod。',
      '',
      "下一个练习：删除旧 Pod（remove-old）。运行 'lab next' 开始。",
      '',
    ]);
    expect(run('lab status').output).toBe('练习 create-web：创建 web Pod（第一个 Pod）\n检查：3/3 项通过\n这个练习已完成。\n已完成：1/3 个练习\n测验：已答对 0/1 道\n');
  });

  it('gives hints tied to failing checks first and says when there are no more', () => {
    const { run, controller } = setup();
    run('lab start create-web');
    run('kubectl run web --image=nginx:1.25');
    expect(run('lab hint').output).toBe('Hint 1 of 3:\nGive the image with --image=nginx:1.27.\n');
    expect(run('lab hint').output).toBe('Hint 2 of 3:\nPods can be started with kubectl run.\n');
    // Tied to a check that passes: shown only after the others.
    expect(run('lab hint').output).toBe('Hint 3 of 3:\nThe Pod must be called web.\n');
    expect(run('lab hint').output).toBe("No more hints. 'lab solution' shows the solution.\n");
    expect(controller.progress.exercises['create-web'].hintsUsed).toBe(3);
  });

  it('asks before showing the solution and records that it was revealed', () => {
    const { run, controller } = setup();
    run('lab start remove-old');
    expect(run('lab solution').output).toBe(
      "This shows the complete solution, and your progress will record that you saw it.\nRun 'lab solution --yes' to see it.\n",
    );
    expect(controller.progress.exercises['remove-old'].solutionRevealed).toBe(false);
    expectGolden('solution.remove-old', run('lab solution --yes').output);
    expect(controller.progress.exercises['remove-old'].solutionRevealed).toBe(true);
  });

  it('moves on with lab next and lab reset, and reports status', () => {
    const { run, session } = setup();
    expect(run('lab next').output.split('\n')[0]).toBe('Exercise create-web: Create the web Pod (Your first Pod)');
    run('kubectl run web --image=nginx:1.27');
    expectGolden('status.complete', run('lab status').output);
    expect(run('lab next').output.split('\n')[0]).toBe('Exercise remove-old: Remove the old Pod (Your first Pod)');
    run('kubectl delete pod old');
    expect(run('lab reset').exitCode).toBe(0);
    expect(session.api.list('Pod', 'default').map((pod) => pod.metadata.name)).toEqual(['old']);
    run('lab start three-web-pods');
    expect(run('lab next').output).toBe('That was the last exercise: you have finished the course.\n');
  });

  it('answers mistakes the way a command line does', () => {
    const { run } = setup();
    expect(run('lab check')).toEqual({ output: "No exercise started. Run 'lab list' and then 'lab start <exercise-id>'.\n", exitCode: 1 });
    expect(run('lab start nope')).toEqual({ output: "lab: unknown exercise \"nope\"\nRun 'lab list' to see the exercises.\n", exitCode: 1 });
    expect(run('lab frobnicate')).toEqual({ output: "lab: unknown command \"frobnicate\"\nRun 'lab help' for usage.\n", exitCode: 1 });
    expect(run('lab lang fr')).toEqual({ output: 'Usage: lab lang en|zh\n', exitCode: 1 });
    expect(run('lab import missing.json')).toEqual({ output: 'lab import: missing.json: No such file or directory\n', exitCode: 1 });
    expect(run('lab start')).toEqual({ output: "lab start: missing exercise id\nRun 'lab list' to see the exercises.\n", exitCode: 1 });
  });

  it('exports and imports progress through workspace files', () => {
    const first = setup();
    first.run('lab start create-web');
    first.run('kubectl run web --image=nginx:1.27');
    first.run('lab check');
    expect(first.run('lab export progress.json').output).toBe('Progress saved to progress.json\n');
    const exported = first.session.workspace.readFile('/progress.json');

    const second = setup();
    second.session.workspace.writeFile('/progress.json', exported);
    second.session.workspace.writeFile('/bad.json', '{"nope": true}');
    expect(second.run('lab import bad.json')).toEqual({ output: 'lab import: bad.json is not Pod Lab progress: unsupported schema version undefined\n', exitCode: 1 });
    expect(second.run('lab import progress.json').output).toBe('Progress loaded from progress.json\n');
    expect(second.run('lab list').output).toContain('✓ create-web');
  });

  it('tells the learner once when saved progress was corrupt, and keeps a copy', () => {
    const storage = new MemoryStorage('not json');
    const { run } = setup(storage);
    const first = run('lab status');
    expect(first.output.split('\n')[0]).toMatch(/^Your saved progress could not be read \(not valid JSON .*\)\. A copy was kept aside\. Starting with fresh progress\.$/);
    expect(storage.asides).toEqual(['not json']);
    expect(run('lab status').output).toBe('Exercise: none started\nCompleted: 0 of 3 exercises\nQuizzes: 0 of 1 answered correctly\n');
  });

  it('colours marks and the congratulation unless told not to', () => {
    const { course } = loadCourse(samplePack());
    let session: ReturnType<typeof labSession> | undefined;
    const lab = new LabController({ course, session: () => session!, storage: new MemoryStorage(), wallNow: () => 0 });
    session = labSession({ lab: labHostCommand(createLabCommand(lab)) });
    const terminal = session.openTerminal();
    terminal.execute('lab start create-web', () => {});
    terminal.execute('kubectl run web --image=nginx:1.25', () => {});
    let output = '';
    terminal.execute('lab check', (text) => (output += text));
    expect(output).toBe(
      '\u001b[32m✔\u001b[0m A Pod named web exists\n\u001b[31m✘\u001b[0m web runs nginx:1.27\n    expected image to be "nginx:1.27", found "nginx:1.25"\n\u001b[32m✔\u001b[0m You used kubectl run\n2/3 checks pass\n',
    );
  });

  it('records completion live, without lab check', () => {
    const { run, controller } = setup();
    run('lab start create-web');
    run('kubectl run web --image=nginx:1.27');
    expect(controller.progress.exercises['create-web'].completedAt).toBeDefined();
  });
});

describe('the lab command in the session', () => {
  it('is not replayed by undo and resume: only what the learner did to the cluster is', () => {
    const { run, session } = setup();
    run('lab start create-web');
    run('kubectl run web --image=nginx:1.25');
    run('lab check');
    expect(session.snapshot().journal.filter((entry) => entry.kind === 'line').map((entry) => entry.kind === 'line' && entry.line)).toEqual([
      'kubectl run web --image=nginx:1.25',
    ]);
    expect(session.undo()).toBe(true);
    expect(run('kubectl get pods').output).toBe('No resources found in default namespace.\n');
    expect(session.resets).toBe(2);
  });
});

describe('resuming after a restart', () => {
  it('grades the restored session without resetting it', () => {
    const { course } = loadCourse(samplePack());
    const session = labSession();
    const lab = new LabController({ course, session: () => session, storage: new MemoryStorage(), wallNow: () => 0, color: false });
    session.reset(lab.setupFor('remove-old'));
    session.openTerminal().execute('kubectl delete pod old', () => {});
    const attempt = lab.resume('remove-old');
    expect(session.resets).toBe(1);
    expect(attempt?.grader.results().map((result) => result.passed)).toEqual([true, false, false]);
  });
});

/** Progress of a learner whose seed shows pod-quiz's options in the file's order (7) or the other way round (1). */
const learnerWithSeed = (learnerSeed: number) => new MemoryStorage(JSON.stringify({ schemaVersion: 1, exercises: {}, quizzes: {}, learnerSeed }));

describe('lab quiz and lab answer', () => {
  it('prints the question with numbered options and how to answer', () => {
    const { run } = setup(learnerWithSeed(7));
    expect(run('lab quiz pod-quiz')).toEqual({
      output: [
        'Quiz pod-quiz (Your first Pod)',
        '',
        'What is the smallest deployable unit?',
        '',
        '  1. Pod',
        '  2. Container',
        '',
        'Choose one answer.',
        "Answer with 'lab answer pod-quiz N', the number of your choice.",
        '',
      ].join('\n'),
      exitCode: 0,
    });
  });

  it('grades an answer, records it, and shows it in lab list and lab quiz', () => {
    const { run, controller } = setup(learnerWithSeed(7));
    expect(run('lab answer pod-quiz 2')).toEqual({ output: "Not quite. Read the options again ('lab quiz pod-quiz') and try once more.\nContainers run inside a Pod.\n", exitCode: 1 });
    expect(run('lab list').output).toContain('   · pod-quiz    Quiz');
    expect(run('lab answer pod-quiz 1')).toEqual({ output: 'Correct!\n', exitCode: 0 });
    expect(controller.progress.quizzes['pod-quiz']).toMatchObject({ correct: true, choices: [0] });
    expect(run('lab list').output).toContain('   ✓ pod-quiz    Quiz');
    expect(run('lab quiz pod-quiz').output).toContain('Your last answer: 1 (correct)\n');
  });

  it('shows each learner the options in an order of their own, kept across runs, and records the options themselves', () => {
    const storage = learnerWithSeed(1);
    const { run, controller } = setup(storage);
    expect(run('lab quiz pod-quiz').output).toContain('  1. Container\n  2. Pod\n');
    expect(run('lab answer pod-quiz 2')).toEqual({ output: 'Correct!\n', exitCode: 0 });
    expect(controller.progress.quizzes['pod-quiz'].choices).toEqual([0]);
    const again = setup(storage);
    expect(again.run('lab quiz pod-quiz').output).toContain('  1. Container\n  2. Pod\n');
    expect(again.run('lab quiz pod-quiz').output).toContain('Your last answer: 2 (correct)\n');
  });

  it('gives a new learner a seed of their own and keeps it', () => {
    const storage = new MemoryStorage();
    const { run, controller } = setup(storage);
    run('lab quiz pod-quiz');
    const seed = controller.progress.learnerSeed;
    expect(seed).toEqual(expect.any(Number));
    expect(JSON.parse(storage.text!).learnerSeed).toBe(seed);
  });

  it('answers in Chinese', () => {
    const { run } = setup(learnerWithSeed(7));
    run('lab lang zh');
    expect(run('lab quiz pod-quiz').output.split('\n')).toEqual([
      '测验 pod-quiz（第一个 Pod）',
      '',
      '最小的部署单元是什么？',
      '',
      '  1. Pod',
      '  2. 容器',
      '',
      '选择一个答案。',
      "用 'lab answer pod-quiz N' 作答，N 为你所选项的编号。",
      '',
    ]);
    expect(run('lab answer pod-quiz 1').output).toBe('回答正确！\n');
  });

  it('refuses answers that are not option numbers', () => {
    const { run } = setup();
    expect(run('lab quiz')).toEqual({ output: "lab quiz: missing quiz id\nRun 'lab list' to see the quizzes.\n", exitCode: 1 });
    expect(run('lab quiz nope')).toEqual({ output: "lab: unknown quiz \"nope\"\nRun 'lab list' to see the quizzes.\n", exitCode: 1 });
    expect(run('lab answer pod-quiz')).toEqual({ output: 'lab answer: missing your choices\nUsage: lab answer pod-quiz N[,N...]\n', exitCode: 1 });
    expect(run('lab answer pod-quiz 3')).toEqual({ output: 'lab answer: "3" is not an option number (1-2)\n', exitCode: 1 });
    expect(run('lab answer pod-quiz x')).toEqual({ output: 'lab answer: "x" is not an option number (1-2)\n', exitCode: 1 });
    expect(run('lab answer pod-quiz 1,2')).toEqual({ output: 'lab answer: this question has one right answer; give one number\n', exitCode: 1 });
  });
});
