// Opening the app's controller on the real session and lab, as the page does, and typing into its
// terminal: shared by the app controller's test files. Each file mocks the bundled course and
// exams itself (vi.mock applies to the file that calls it).
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, expect } from 'vitest';
import { createAppController } from '../../renderer/app-controller';
import type { MemoryStorage } from '../../renderer/storage/storage';
import { useClusterStore } from '../../renderer/stores/cluster';
import { useExerciseStore } from '../../renderer/stores/exercise';
import { useTerminalsStore } from '../../renderer/stores/terminals';
import { createSession } from '../../sim/session';
import { loadExams, type ExamTemplate } from '../../lab/exam';
import { sampleExam } from '../lab/sample-exam';

afterEach(() => {
  useClusterStore().stop();
  delete window.podlab;
});

export const exams: ExamTemplate[] = loadExams(new Map([['sample.yaml', sampleExam]])).exams;

/** The wall clock, a second further at each reading; it runs on while the app is closed. */
export const wall = { now: Date.UTC(2026, 1, 1, 12, 0, 0) };

/** Opens the app on `storage` as the page does: documents read, then the lab started. */
export async function openApp(storage: MemoryStorage) {
  setActivePinia(createPinia());
  const controller = createAppController({ storage, loadSession: async () => createSession, examTemplates: () => exams, wallNow: () => (wall.now += 1000) });
  await controller.hydrate();
  // No terminal view draws here: the prompt counts as drawn.
  useTerminalsStore().noteDrawn();
  await controller.startLabSession();
  // The clock follows the wall clock in the app; here time moves only when a test says so.
  useClusterStore().setSpeed(0);
  return controller;
}

/** Runs a command line in the active terminal, as the terminal view does. */
export function type(line: string): string {
  const terminals = useTerminalsStore();
  const terminal = terminals.terminalOf(terminals.activeId!)!;
  useExerciseStore().noteCommand();
  useClusterStore().forgetRedo();
  let output = '';
  const run = terminal.execute(line, (text) => (output += text));
  // Virtual time runs until it has finished (a delete waits for the Pod to go), as the app's clock would run it.
  for (let second = 0; !run.done && second < 60; second++) useClusterStore().skip(1000);
  expect(run.done).toBe(true);
  return output;
}

export function podNames(): string[] {
  return useClusterStore().session!.api.list('Pod', 'default').map((pod) => pod.metadata.name!);
}
