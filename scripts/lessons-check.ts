// Validates a lesson pack: `npx tsx scripts/lessons-check.ts [--verbose] [--only=ID,...] [--exams=DIR] [DIR]` (default: lessons/).
// --only replays just the exercises whose id or lesson id is listed (and the exams whose id is).
// The exams folder (--exams, or `exams` beside the lessons folder) is checked too: see docs/exam-format.md.
// Prints one line per problem, naming the file and the path inside it, then a summary line, and
// exits with status 1 when there are problems. --verbose names each exercise on stderr as it is replayed.

import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readLessonFolder } from '../node-shared/lesson-files';
import { formatProblem } from '../lab/loader';
import { summaryLine, validateCourse } from '../lab/validator';
import { examSummaryLine, validateExams } from '../lab/exam-validator';
import type { Session, SessionOptions } from '../sim/session-types';

interface SessionModule {
  createSession(options: SessionOptions): Session;
}

async function loadSessionModule(): Promise<SessionModule> {
  // Imported by name at run time so this script type-checks before the simulator is complete.
  const modulePath = '../sim/session';
  return (await import(modulePath)) as SessionModule;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || args.includes('-v');
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const folder = args.find((arg) => !arg.startsWith('-')) ?? 'lessons';
  const examsFolder = args.find((arg) => arg.startsWith('--exams='))?.slice('--exams='.length) ?? join(dirname(resolve(folder)), 'exams');
  if (!existsSync(folder)) {
    console.error(`lessons-check: ${folder}: No such file or directory`);
    return 2;
  }
  let read: ReturnType<typeof readLessonFolder>;
  try {
    read = readLessonFolder(folder);
  } catch (error) {
    console.error(`lessons-check: ${folder}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { files, refused } = read;
  const label = basename(resolve(folder));
  const sim = await loadSessionModule();
  const report = validateCourse(files, {
    label,
    include: only ? (exercise) => only.includes(exercise.id) || only.includes(exercise.lessonId) : undefined,
    onExercise: verbose ? (exercise) => process.stderr.write(`replaying ${exercise.lessonId}/${exercise.id}\n`) : undefined,
    // Not in script mode: commands wait as they do for a learner (`kubectl delete` waits out the
    // grace period); the solution runner interrupts anything still running after 10 virtual minutes.
    createSession: () => sim.createSession({ seed: 1 }),
  });
  for (const file of refused) report.problems.push({ file: `${label}/${file.path}`, path: '', message: `refused: ${file.reason}` });
  for (const problem of report.problems) console.log(formatProblem(problem));
  console.log(summaryLine(report));
  if (!existsSync(examsFolder)) return report.problems.length === 0 ? 0 : 1;
  const exams = readLessonFolder(examsFolder);
  const examsLabel = basename(resolve(examsFolder));
  const examReport = validateExams(exams.files, {
    label: examsLabel,
    include: only ? (exam) => only.includes(exam.id) : undefined,
    onExam: verbose ? (exam) => process.stderr.write(`replaying exam ${exam.id}\n`) : undefined,
    createSession: () => sim.createSession({ seed: 1 }),
  });
  for (const file of exams.refused) examReport.problems.push({ file: `${examsLabel}/${file.path}`, path: '', message: `refused: ${file.reason}` });
  for (const problem of examReport.problems) console.log(formatProblem(problem));
  console.log(examSummaryLine(examReport));
  return report.problems.length === 0 && examReport.problems.length === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`lessons-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
