// The `lab` command of the learner's shell: list, start, check, hint, solution, reset, next,
// status, quiz, answer, export, import, lang. Plain text, in the learner's language.

import { FsError } from '../sim/fs/filesystem';
import type { CommandContext, CommandImpl } from '../sim/process';
import type { HostCommand } from '../sim/session-types';
import { allExercises, exercisesOf, findQuiz } from './course';
import type { CheckResult } from './grader';
import { LabController, type LabDeps } from './lab-controller';
import { labTexts, type LabTexts } from './lab-texts';
import { isLanguage, type Language, type Localised } from './localised';
import { markdownToPlainText } from './plain-text';
import { exerciseStatus } from './progress';
import { blockedDuringExam, examStatusLine, finishIfTimeUp, runExamCommand } from './exam-command';
import type { SolutionStep } from './schema';

const statusMarks = { done: '✓', started: '▶', new: '·' } as const;

interface Output {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The `lab` command as the lab registers it with a session: not replayed by undo and resume,
 * since `lab start` and `lab reset` rebuild the session themselves.
 */
export function labHostCommand(lab: CommandImpl): HostCommand {
  return { run: lab, replay: false };
}

/** Builds the command around a controller (pass one to share it with the app's lesson pane). */
export function createLabCommand(depsOrController: LabDeps | LabController): CommandImpl {
  const controller = depsOrController instanceof LabController ? depsOrController : new LabController(depsOrController);
  return (ctx) => runLab(controller, ctx);
}

function runLab(lab: LabController, ctx: CommandContext): number {
  const io: Output = { out: (text) => ctx.io.stdout(`${text}\n`), err: (text) => ctx.io.stderr(`${text}\n`) };
  const [subcommand = 'help', ...args] = ctx.argv.slice(1);
  if (lab.notice) {
    io.err(pick(lab.notice, lab.language));
    lab.notice = undefined;
  }
  // The exam's countdown ran out: grade it before anything else (there are no timers in lab/).
  if (finishIfTimeUp(lab, io) && subcommand === 'exam') return 0;
  const status = dispatch(lab, subcommand, args, io, ctx);
  if (lab.saveError) {
    io.err(labTexts(lab.language).saveFailed(lab.saveError));
    lab.saveError = undefined;
  }
  return status;
}

function dispatch(lab: LabController, subcommand: string, args: string[], io: Output, ctx: CommandContext): number {
  const texts = labTexts(lab.language);
  if (blockedDuringExam.has(subcommand) && lab.exams.current()) {
    io.err(texts.notDuringExam(subcommand));
    return 1;
  }
  switch (subcommand) {
    case 'exam':
      return runExamCommand(lab, args, io);
    case 'help':
    case '--help':
    case '-h':
      io.out(texts.usage);
      return 0;
    case 'list':
      return list(lab, texts, io);
    case 'start':
      if (!args[0]) {
        io.err(texts.missingExerciseId);
        return 1;
      }
      return start(lab, args[0], texts, io);
    case 'check':
      return check(lab, texts, io);
    case 'hint':
      return hint(lab, texts, io);
    case 'solution':
      return solution(lab, args.includes('--yes') || args.includes('-y'), texts, io);
    case 'reset': {
      const attempt = lab.current();
      if (!attempt) {
        io.err(texts.noExercise);
        return 1;
      }
      return start(lab, attempt.location.exercise.id, texts, io);
    }
    case 'next': {
      const next = lab.next();
      if (!next) {
        io.out(allExercises(lab.course).length === 0 ? texts.emptyCourse : texts.courseFinished);
        return 0;
      }
      return start(lab, next.exercise.id, texts, io);
    }
    case 'status':
      return status(lab, texts, io);
    case 'quiz':
      return showQuiz(lab, args[0], texts, io);
    case 'answer':
      return answerQuiz(lab, args[0], args.slice(1), texts, io);
    case 'export':
      return exportProgress(lab, args[0], texts, io, ctx);
    case 'import':
      return importProgress(lab, args[0], texts, io, ctx);
    case 'lang':
      if (!args[0] || !isLanguage(args[0])) {
        io.err(texts.languageUsage);
        return 1;
      }
      lab.setLanguage(args[0]);
      io.out(labTexts(args[0]).languageSet);
      return 0;
    default:
      io.err(texts.unknownSubcommand(subcommand));
      return 1;
  }
}

function pick(text: Localised, language: Language): string {
  return text[language];
}

function list(lab: LabController, texts: LabTexts, io: Output): number {
  const language = lab.language;
  if (lab.course.lessons.length === 0) {
    io.out(texts.emptyCourse);
    return 0;
  }
  const current = lab.current()?.location.exercise.id;
  const lines: string[] = [];
  lab.course.lessons.forEach((lesson, index) => {
    if (index > 0) lines.push('');
    lines.push(`${index + 1}. ${pick(lesson.title, language)} (${lesson.id})`);
    const ids = lesson.steps.map((step) => (step.kind === 'quiz' ? step.quiz.id : step.exercise.id));
    const width = Math.max(...ids.map((id) => id.length), 0);
    for (const step of lesson.steps) {
      if (step.kind === 'quiz') {
        const mark = lab.progress.quizzes[step.quiz.id]?.correct ? statusMarks.done : statusMarks.new;
        lines.push(`   ${mark} ${step.quiz.id.padEnd(width)}  ${texts.quizLabel}`);
        continue;
      }
      const exercise = step.exercise;
      const state = exerciseStatus(lab.progress, exercise.id);
      const mark = state === 'done' ? statusMarks.done : exercise.id === current || state === 'started' ? statusMarks.started : statusMarks.new;
      lines.push(`   ${mark} ${exercise.id.padEnd(width)}  ${pick(exercise.title, language)}`);
    }
  });
  io.out(lines.join('\n'));
  return 0;
}

function start(lab: LabController, id: string, texts: LabTexts, io: Output): number {
  const attempt = lab.start(id);
  if (!attempt) {
    io.err(texts.unknownExercise(id));
    return 1;
  }
  const language = lab.language;
  const { lesson, exercise } = attempt.location;
  const lines = [texts.starting(exercise.id, pick(lesson.title, language), pick(exercise.title, language)), '', markdownToPlainText(pick(exercise.instructions, language))];
  io.out(lines.join('\n'));
  for (const notice of attempt.startNotices) io.err(`podlab: ${notice}`);
  if (attempt.startProblems.length > 0) io.err([texts.startProblems, ...attempt.startProblems.map((problem) => `  ${problem}`)].join('\n'));
  return 0;
}

function paint(lab: LabController, code: string, text: string): string {
  return lab.deps.color !== false ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function formatResults(results: readonly CheckResult[], language: Language, color = false): string {
  const lines: string[] = [];
  for (const result of results) {
    const mark = result.passed ? '✔' : '✘';
    const shown = color ? `\u001b[${result.passed ? '32' : '31'}m${mark}\u001b[0m` : mark;
    lines.push(`${shown} ${result.title[language]}`);
    if (!result.passed) lines.push(`    ${result.reason[language]}`);
  }
  const passed = results.filter((result) => result.passed).length;
  lines.push(labTexts(language).checksPass(passed, results.length));
  return lines.join('\n');
}

function check(lab: LabController, texts: LabTexts, io: Output): number {
  const attempt = lab.current();
  if (!attempt) {
    io.err(texts.noExercise);
    return 1;
  }
  const language = lab.language;
  const results = lab.check();
  io.out(formatResults(results, language, lab.deps.color !== false));
  if (results.every((result) => result.passed)) {
    lab.takeCompletion();
    const lines = ['', paint(lab, '32', texts.complete)];
    const explanation = attempt.location.exercise.explanation;
    if (explanation) lines.push('', markdownToPlainText(pick(explanation, language)));
    const next = lab.next();
    lines.push('', next ? texts.nextHint(next.exercise.id, pick(next.exercise.title, language)) : texts.courseFinished);
    io.out(lines.join('\n'));
    return 0;
  }
  return 1;
}

function hint(lab: LabController, texts: LabTexts, io: Output): number {
  const attempt = lab.current();
  if (!attempt) {
    io.err(texts.noExercise);
    return 1;
  }
  if (attempt.location.exercise.hints.length === 0) {
    io.out(texts.noHints);
    return 0;
  }
  lab.check();
  const next = lab.hint();
  if (!next) {
    io.out(texts.noMoreHints);
    return 0;
  }
  io.out(`${texts.hint(next.number, next.total)}\n${markdownToPlainText(pick(next.hint.text, lab.language))}`);
  return 0;
}

function formatSolutionStep(step: SolutionStep, texts: LabTexts): string {
  if ('run' in step) return step.run;
  if ('wait' in step) return texts.waitStep(step.wait);
  return `${texts.writeStep(step.write.path)}\n${step.write.content.replace(/\n$/, '')}`;
}

function solution(lab: LabController, confirmed: boolean, texts: LabTexts, io: Output): number {
  const attempt = lab.current();
  if (!attempt) {
    io.err(texts.noExercise);
    return 1;
  }
  if (!confirmed) {
    io.out(texts.solutionConfirm);
    return 0;
  }
  lab.revealSolution();
  io.out([texts.solutionHeading, ...attempt.location.exercise.solution.map((step) => formatSolutionStep(step, texts))].join('\n'));
  return 0;
}

function status(lab: LabController, texts: LabTexts, io: Output): number {
  const language = lab.language;
  const exercises = allExercises(lab.course);
  const done = exercises.filter(({ exercise }) => exerciseStatus(lab.progress, exercise.id) === 'done').length;
  const attempt = lab.current();
  const lines: string[] = [];
  const exam = lab.exams.current();
  if (exam) lines.push(examStatusLine(lab));
  if (!attempt) {
    if (!exam) lines.push(texts.statusNoExercise);
  } else {
    const { lesson, exercise } = attempt.location;
    const results = lab.check();
    const entry = lab.progress.exercises[exercise.id];
    lines.push(texts.status(exercise.id, pick(exercise.title, language), pick(lesson.title, language)));
    lines.push(texts.statusChecks(results.filter((result) => result.passed).length, results.length));
    if (lab.isComplete()) lines.push(texts.statusDone);
    if (entry && entry.hintsUsed > 0) lines.push(texts.statusHints(entry.hintsUsed));
    if (entry?.solutionRevealed) lines.push(texts.statusSolution);
  }
  lines.push(texts.statusCompleted(done, exercises.length));
  const quizIds = lab.course.lessons.flatMap((lesson) => lesson.steps.flatMap((step) => (step.kind === 'quiz' ? [step.quiz.id] : [])));
  if (quizIds.length > 0) lines.push(texts.statusQuizzes(quizIds.filter((id) => lab.progress.quizzes[id]?.correct).length, quizIds.length));
  io.out(lines.join('\n'));
  return 0;
}

function showQuiz(lab: LabController, id: string | undefined, texts: LabTexts, io: Output): number {
  if (!id) {
    io.err(texts.missingQuizId('quiz'));
    return 1;
  }
  const found = findQuiz(lab.course, id);
  if (!found) {
    io.err(texts.unknownQuiz(id));
    return 1;
  }
  const language = lab.language;
  const { quiz, lesson } = found;
  const lines = [texts.quizHeading(quiz.id, pick(lesson.title, language)), '', markdownToPlainText(pick(quiz.question, language)), ''];
  const order = lab.quizOptionOrder(quiz);
  order.forEach((option, position) => lines.push(`  ${position + 1}. ${markdownToPlainText(pick(quiz.options[option].text, language))}`));
  lines.push('', quiz.multiple ? texts.chooseSome : texts.chooseOne);
  const previous = lab.progress.quizzes[quiz.id];
  if (previous) {
    const shown = previous.choices.map((choice) => order.indexOf(choice) + 1).sort((a, b) => a - b);
    lines.push(texts.answeredBefore(shown.join(','), previous.correct));
  }
  lines.push(texts.answerWith(quiz.id, quiz.multiple));
  io.out(lines.join('\n'));
  return 0;
}

function answerQuiz(lab: LabController, id: string | undefined, choiceArgs: string[], texts: LabTexts, io: Output): number {
  if (!id) {
    io.err(texts.missingQuizId('answer'));
    return 1;
  }
  const found = findQuiz(lab.course, id);
  if (!found) {
    io.err(texts.unknownQuiz(id));
    return 1;
  }
  const words = choiceArgs.join(',').split(',').map((word) => word.trim()).filter((word) => word !== '');
  if (words.length === 0) {
    io.err(texts.missingChoices(id));
    return 1;
  }
  const count = found.quiz.options.length;
  // The learner answers with the numbers shown by `lab quiz`, in their own order of the options.
  const order = lab.quizOptionOrder(found.quiz);
  const choices: number[] = [];
  for (const word of words) {
    const number = /^\d+$/.test(word) ? Number(word) : NaN;
    if (!(number >= 1 && number <= count)) {
      io.err(texts.badChoice(word, count));
      return 1;
    }
    if (!choices.includes(order[number - 1])) choices.push(order[number - 1]);
  }
  if (!found.quiz.multiple && choices.length > 1) {
    io.err(texts.oneChoiceOnly);
    return 1;
  }
  const result = lab.answerQuiz(id, choices);
  if (!result) return 1;
  if (!result.correct) {
    const why = result.wrongChoices.map((explanation) => `\n${markdownToPlainText(pick(explanation, lab.language))}`).join('');
    io.out(paint(lab, '31', texts.incorrect(id)) + why);
    return 1;
  }
  const lines = [paint(lab, '32', texts.correct)];
  if (result.explanation) lines.push('', markdownToPlainText(pick(result.explanation, lab.language)));
  io.out(lines.join('\n'));
  return 0;
}

function resolvePath(cwd: string, file: string): string {
  const parts = (file.startsWith('/') ? file : `${cwd}/${file}`).split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') resolved.pop();
    else resolved.push(part);
  }
  return `/${resolved.join('/')}`;
}

function fsErrorText(command: string, file: string, error: unknown): string {
  if (error instanceof FsError) {
    const messages: Record<string, string> = {
      ENOENT: 'No such file or directory',
      EISDIR: 'Is a directory',
      ENOTDIR: 'Not a directory',
      EACCES: 'Permission denied',
      EROFS: 'Read-only file system',
      ENOSPC: 'No space left on device',
    };
    return `lab ${command}: ${file}: ${messages[error.code] ?? error.code}`;
  }
  return `lab ${command}: ${file}: ${error instanceof Error ? error.message : String(error)}`;
}

function exportProgress(lab: LabController, file: string | undefined, texts: LabTexts, io: Output, ctx: CommandContext): number {
  if (!file) {
    io.err(texts.fileUsage('export'));
    return 1;
  }
  try {
    ctx.fs.writeFile(resolvePath(ctx.cwd, file), lab.exportProgressText());
  } catch (error) {
    io.err(fsErrorText('export', file, error));
    return 1;
  }
  io.out(texts.exported(file));
  return 0;
}

function importProgress(lab: LabController, file: string | undefined, texts: LabTexts, io: Output, ctx: CommandContext): number {
  if (!file) {
    io.err(texts.fileUsage('import'));
    return 1;
  }
  const path = resolvePath(ctx.cwd, file);
  const stat = ctx.fs.stat(path);
  if (!stat) {
    io.err(texts.noSuchFile(file));
    return 1;
  }
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch (error) {
    io.err(fsErrorText('import', file, error));
    return 1;
  }
  const problem = lab.importProgressText(text);
  if (problem) {
    io.err(texts.importInvalid(file, problem));
    return 1;
  }
  io.out(texts.imported(file));
  return 0;
}
