// `lab exam`: list, start, task, next, flag, unflag, status, finish. Plain text, in the learner's
// language. The breakdown after finishing is also what the app's Exams page shows.

import type { ExamTask } from './exam';
import type { FinishedExam } from './exam-controller';
import { examTexts, formatClock, type ExamTexts } from './exam-texts';
import type { LabController } from './lab-controller';
import type { Language } from './localised';
import { markdownToPlainText } from './plain-text';
import type { SolutionStep } from './schema';

interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Lab subcommands that would reset the cluster or give an answer away: refused while an exam runs. */
export const blockedDuringExam = new Set(['start', 'reset', 'next', 'check', 'hint', 'solution']);

export function runExamCommand(lab: LabController, args: string[], io: Output): number {
  const texts = examTexts(lab.language);
  const [subcommand = 'help', ...rest] = args;
  switch (subcommand) {
    case 'help':
    case '--help':
    case '-h':
      io.out(texts.usage);
      return 0;
    case 'list':
      return list(lab, texts, io);
    case 'start':
      return start(lab, rest, texts, io);
    case 'task':
      return showTask(lab, rest[0], 'task', texts, io);
    case 'next': {
      const run = lab.exams.current();
      if (!run) return noExam(texts, io);
      const last = Math.max(0, ...run.viewed);
      if (last >= run.exam.tasks.length) {
        io.out(texts.allViewed);
        return 0;
      }
      return showTask(lab, String(last + 1), 'next', texts, io);
    }
    case 'flag':
    case 'unflag':
      return flag(lab, rest[0], subcommand, texts, io);
    case 'pause':
      if (!lab.exams.current()) return noExam(texts, io);
      if (!lab.exams.pause()) {
        io.err(lab.exams.current()!.practice ? texts.alreadyPaused : texts.pauseOnlyPractice);
        return 1;
      }
      io.out(texts.paused);
      return 0;
    case 'resume':
      if (!lab.exams.current()) return noExam(texts, io);
      if (!lab.exams.resume()) {
        io.err(texts.notPaused);
        return 1;
      }
      io.out(texts.resumed(formatClock(lab.exams.remainingMs() ?? 0)));
      return 0;
    case 'status':
      return status(lab, texts, io);
    case 'finish':
      return finish(lab, texts, io, false);
    default:
      io.err(texts.unknownSubcommand(subcommand));
      return 1;
  }
}

/** When the countdown ran out, the exam is graded before anything else happens. */
export function finishIfTimeUp(lab: LabController, io: Output): boolean {
  if (!lab.exams.timeUp()) return false;
  finish(lab, examTexts(lab.language), io, true);
  return true;
}

/** One line for `lab status`: the exam in progress and its time left. */
export function examStatusLine(lab: LabController): string {
  const run = lab.exams.current()!;
  return examTexts(lab.language).statusLine(run.exam.id, formatClock(lab.exams.remainingMs() ?? 0));
}

function noExam(texts: ExamTexts, io: Output): number {
  io.err(texts.noExamRunning);
  return 1;
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function list(lab: LabController, texts: ExamTexts, io: Output): number {
  const templates = lab.exams.templates();
  if (templates.length === 0) {
    io.out(texts.noExams);
    return 0;
  }
  const width = Math.max(...templates.map((template) => template.id.length));
  const lines: string[] = [];
  for (const template of templates) {
    lines.push(`${template.id.padEnd(width)}  ${texts.tasksCount(template.taskCount)}  ${texts.minutes(template.minutes)}  ${template.title[lab.language]}`);
    const results = lab.exams.results(template.id).slice(-5);
    if (results.length > 0) {
      lines.push(`${' '.repeat(width)}  ${texts.lastResults} ${results.map((result) => `${result.percent}% (${formatDate(result.finishedAt)})`).join(' → ')}`);
    }
  }
  io.out(lines.join('\n'));
  return 0;
}

function start(lab: LabController, args: string[], texts: ExamTexts, io: Output): number {
  let seed: number | undefined;
  let practice = false;
  const ids: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--practice') practice = true;
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const value = arg === '--seed' ? args[++index] ?? '' : arg.slice('--seed='.length);
      if (!/^\d{1,9}$/.test(value)) {
        io.err(texts.badSeed(value));
        return 1;
      }
      seed = Number(value);
    } else ids.push(arg);
  }
  if (ids.length === 0) {
    io.err(texts.missingExamId);
    return 1;
  }
  const running = lab.exams.current();
  if (running) {
    io.err(texts.alreadyRunning(running.exam.id));
    return 1;
  }
  const run = lab.exams.start(ids[0], seed, { practice });
  if (!run) {
    io.err(texts.unknownExam(ids[0]));
    return 1;
  }
  const language = lab.language;
  const { exam } = run;
  const lines = [texts.started(exam.id, exam.title[language]), texts.overview(exam.tasks.length, exam.points, exam.minutes), '', texts.rules, ''];
  if (run.practice) lines.splice(3, 0, texts.practice);
  for (const task of exam.tasks) lines.push(texts.taskLine(task.number, task.title[language], task.weight));
  io.out(lines.join('\n'));
  if (run.startProblems.length > 0) io.err([texts.startProblems, ...run.startProblems.map((problem) => `  ${problem}`)].join('\n'));
  return 0;
}

function taskNumber(lab: LabController, value: string | undefined, verb: string, texts: ExamTexts, io: Output): number | undefined {
  const run = lab.exams.current()!;
  if (value === undefined) {
    io.err(texts.missingTaskNumber(verb));
    return undefined;
  }
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= run.exam.tasks.length)) {
    io.err(texts.badTaskNumber(value, run.exam.tasks.length));
    return undefined;
  }
  return number;
}

function showTask(lab: LabController, value: string | undefined, verb: string, texts: ExamTexts, io: Output): number {
  const run = lab.exams.current();
  if (!run) return noExam(texts, io);
  const number = taskNumber(lab, value, verb, texts, io);
  if (number === undefined) return 1;
  const task = lab.exams.view(number)!;
  const language = lab.language;
  io.out([texts.taskHeading(number, run.exam.tasks.length, task.title[language], task.weight), '', markdownToPlainText(task.instructions[language])].join('\n'));
  return 0;
}

function flag(lab: LabController, value: string | undefined, verb: 'flag' | 'unflag', texts: ExamTexts, io: Output): number {
  if (!lab.exams.current()) return noExam(texts, io);
  const number = taskNumber(lab, value, verb, texts, io);
  if (number === undefined) return 1;
  lab.exams.setFlag(number, verb === 'flag');
  io.out(verb === 'flag' ? texts.flagged(number) : texts.unflagged(number));
  return 0;
}

function status(lab: LabController, texts: ExamTexts, io: Output): number {
  const run = lab.exams.current();
  if (!run) return noExam(texts, io);
  const language = lab.language;
  const clock = formatClock(lab.exams.remainingMs() ?? 0);
  const lines = [texts.started(run.exam.id, run.exam.title[language]), run.pausedAt !== undefined ? texts.timeLeftPaused(clock) : texts.timeLeft(clock), ''];
  for (const task of run.exam.tasks) {
    const mark = run.flagged.has(task.number) ? '⚑' : run.viewed.has(task.number) ? '▶' : '·';
    lines.push(`${mark} ${texts.taskLine(task.number, task.title[language], task.weight)}`);
  }
  lines.push('', texts.statusLegend);
  io.out(lines.join('\n'));
  return 0;
}

function finish(lab: LabController, texts: ExamTexts, io: Output, timeUp: boolean): number {
  const finished = lab.exams.finish();
  if (!finished) return noExam(texts, io);
  const report = formatExamBreakdown(finished, lab.language, lab.deps.color !== false);
  io.out(timeUp ? `${texts.timeIsUp}\n\n${report}` : report);
  return 0;
}

function formatStep(step: SolutionStep, language: Language): string {
  if ('run' in step) return step.run;
  if ('wait' in step) return language === 'zh' ? `# 等待 ${step.wait} 秒` : `# wait ${step.wait} seconds`;
  const heading = language === 'zh' ? `# 写入 ${step.write.path}：` : `# write ${step.write.path}:`;
  return `${heading}\n${step.write.content.replace(/\n$/, '')}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** Per task: its points, each check (with why it failed), the reference solution; then the score. */
export function formatExamBreakdown(finished: FinishedExam, language: Language, color = false): string {
  const texts = examTexts(language);
  const { exam, grade, result } = finished;
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [texts.finishedHeading(exam.id, exam.title[language], formatClock(result.finishedAt - result.startedAt)), ''];
  for (const { task, results, points } of grade.tasks) {
    lines.push(paint(points === task.weight ? '32' : '31', texts.taskScore(task.number, task.title[language], points, task.weight)));
    for (const check of results) {
      lines.push(`  ${paint(check.passed ? '32' : '31', check.passed ? '✔' : '✘')} ${check.title[language]}`);
      if (!check.passed) lines.push(`      ${check.reason[language]}`);
    }
    lines.push(`  ${texts.referenceSolution}`, indent(solutionText(task, language), '    '), '');
  }
  lines.push(texts.score(grade.points, grade.total, grade.percent));
  return lines.join('\n');
}

export function solutionText(task: ExamTask, language: Language): string {
  return task.solution.map((step) => formatStep(step, language)).join('\n');
}
