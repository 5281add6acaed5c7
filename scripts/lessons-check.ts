// Validates a lesson pack: `npx tsx scripts/lessons-check.ts [--verbose] [DIR]` (default: lessons/).
// Prints one line per problem, naming the file and the path inside it, then a summary line, and
// exits with status 1 when there are problems. --verbose names each exercise on stderr as it is replayed.

import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readLessonFolder } from '../cli/lesson-files';
import { formatProblem } from '../lab/loader';
import { summaryLine, validateCourse } from '../lab/validator';
import type { Session, SessionOptions } from '../sim/session-types';

interface SessionModule {
  createSession(options: SessionOptions): Session & { scriptMode?: boolean };
}

async function loadSessionModule(): Promise<SessionModule> {
  // Imported by name at run time so this script type-checks before the simulator is complete.
  const modulePath = '../sim/session';
  return (await import(modulePath)) as SessionModule;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || args.includes('-v');
  const folder = args.find((arg) => !arg.startsWith('-')) ?? 'lessons';
  if (!existsSync(folder)) {
    console.error(`lessons-check: ${folder}: No such file or directory`);
    return 2;
  }
  const { files, refused } = readLessonFolder(folder);
  const label = basename(resolve(folder));
  const sim = await loadSessionModule();
  const report = validateCourse(files, {
    label,
    onExercise: verbose ? (exercise) => process.stderr.write(`replaying ${exercise.lessonId}/${exercise.id}\n`) : undefined,
    createSession: () => {
      const session = sim.createSession({ seed: 1 });
      // Streaming commands in a solution (`kubectl get -w`) stop after their request timeout.
      session.scriptMode = true;
      return session;
    },
  });
  for (const file of refused) report.problems.push({ file: `${label}/${file.path}`, path: '', message: `refused: ${file.reason}` });
  for (const problem of report.problems) console.log(formatProblem(problem));
  console.log(summaryLine(report));
  return report.problems.length === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`lessons-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
