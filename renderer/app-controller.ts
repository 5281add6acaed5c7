// Ties the stores together: loading the simulator and starting the lab, switching exercises,
// resuming the cluster a learner left, undo and redo. What is saved, and when, is app-saving.ts.

import { watch } from 'vue';
import type { Session, SessionOptions } from '../sim/session-types';
import { LabController } from '../lab/lab-controller';
import type { Quiz } from '../lab/schema';
import type { ExamTemplate } from '../lab/exam';
import { createLabCommand, labHostCommand } from '../lab/lab-command';
import { defaultWorkspaceRoot, workspacePath } from '../lab/workspace';
import { pickStorage, type AppStorage } from './storage/storage';
import { useSettingsStore } from './stores/settings';
import { useCourseStore } from './stores/course';
import { useExerciseStore } from './stores/exercise';
import { useClusterStore, type TimeTravel } from './stores/cluster';
import { formatElapsed } from './session/clock-driver';
import { terminalInput } from './session/terminal-input';
import { formatString } from './i18n/strings';
import { useTerminalsStore } from './stores/terminals';
import { useWorkspaceStore } from './stores/workspace';
import { useNoticesStore } from './stores/notices';
import { useExamStore } from './stores/exam';
import { useOwnKubectlStore } from './stores/own-kubectl';
import { loadBundledExams } from './session/exam-source';
import { loadSessionFactory } from './session/session-loader';
import type { JournalDocument } from './session/session-journal';
import { desktopBridge } from './desktop/bridge';
import { listenForMenuCommands, runMenuCommand, takeNotices } from './desktop/menu-commands';
import { createAppSaving, readDocuments } from './app-saving';

/** What the controller is given: where documents are kept, the simulator, the exams, the wall clock. */
export interface AppControllerDeps {
  storage: AppStorage;
  /** The simulator's session factory; undefined when it is missing (the app then says so). */
  loadSession(): Promise<((options: SessionOptions) => Session) | undefined>;
  examTemplates(): ExamTemplate[];
  wallNow(): number;
}

/** Resolves once the browser has had a chance to paint what is on the page now. */
function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Removes every file of the learner's workspace (before an exercise starts afresh). */
function clearWorkspace(session: Session): void {
  const root = defaultWorkspaceRoot;
  for (const name of session.workspace.readdir(root)) session.workspace.remove(`${root.replace(/\/$/, '')}/${name}`, { recursive: true });
}

export function createAppController(deps: AppControllerDeps) {
  const settings = useSettingsStore();
  const course = useCourseStore();
  const exercise = useExerciseStore();
  const cluster = useClusterStore();
  const terminals = useTerminalsStore();
  const workspace = useWorkspaceStore();
  const notices = useNoticesStore();
  let lab: LabController | undefined;
  let progressText: string | undefined;
  let savedJournal: JournalDocument = { version: 2, lines: [] };
  /** The exercise whose workspace is being saved; set once its saved files are back. */
  let workspaceOwner: string | undefined;

  const saving = createAppSaving(deps.storage, {
    progressText: () => progressText,
    workspaceOwner: () => workspaceOwner,
    examRunning: () => lab?.exams.current() !== undefined,
  });
  const saveWorkspace = saving.workspaceFiles;
  const flushAll = saving.flushAll;

  /** Loads settings, the course and saved progress. Runs before the app mounts. */
  async function hydrate() {
    const read = await readDocuments(deps.storage);
    course.load();
    progressText = read.progressText;
    savedJournal = read.journal;
  }

  function onLabUpdate(updated: LabController) {
    const id = updated.current()?.location.exercise.id;
    if (id !== workspaceOwner) {
      // Started from the terminal (`lab start`, `lab next`): a fresh attempt.
      cluster.forgetRedo();
      void saveWorkspace.flush();
      workspaceOwner = id;
      workspace.restore(undefined);
    }
    course.sync(updated.progress, id);
    exercise.sync();
    useExamStore().sync();
  }

  function watchForLanguage() {
    watch(
      () => settings.language,
      (language) => lab?.setLanguage(language),
    );
  }

  /** Starts the exercise afresh, then puts back the files the learner had (unless resetting). */
  async function beginExercise(session: Session, id: string, restoreFiles: boolean) {
    if (!lab) return;
    await saveWorkspace.flush();
    const saved = restoreFiles ? await saving.readWorkspace(id) : undefined;
    workspaceOwner = id;
    // Each exercise has its own workspace: files from the previous one (an answer file) must not
    // carry over and pass, or fail, the next one's checks. They were saved under their exercise.
    clearWorkspace(session);
    // What was undone belongs to the last attempt's cluster.
    cluster.forgetRedo();
    lab.start(id);
    for (const [path, content] of Object.entries(saved?.files ?? {})) {
      try {
        // Journaled: the files come back after the exercise's fresh start, and stay on undo.
        session.writeWorkspaceFile(workspacePath(defaultWorkspaceRoot, path), content);
      } catch {
        // A path the workspace no longer accepts is dropped.
      }
    }
    workspace.restore(saved);
    workspace.refresh(session);
    exercise.sync();
    cluster.refresh();
  }

  /**
   * Rebuilds the cluster the learner left (pods, files, virtual time) from the saved journal and
   * grades it as it is. False when there is nothing to resume for this exercise.
   */
  async function resumeExercise(session: Session, id: string): Promise<boolean> {
    const snapshot = savedJournal.exercise === id ? savedJournal.snapshot : undefined;
    const setup = lab?.setupFor(id);
    if (!lab || !snapshot || !setup) return false;
    try {
      session.restore(snapshot, setup);
    } catch (error) {
      console.error(`the saved session could not be rebuilt: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    const saved = await saving.readWorkspace(id);
    workspaceOwner = id;
    lab.resume(id);
    // Checks the learner had already worked on show as they were: failed, not pending.
    if (snapshot.journal.some((entry) => entry.kind === 'line')) exercise.noteCommand();
    terminals.adoptOpened(session);
    workspace.restore(saved);
    workspace.refresh(session);
    exercise.sync();
    cluster.refresh();
    return true;
  }

  function connectDesktop() {
    const bridge = desktopBridge();
    if (!bridge) return;
    const actions = {
      resetExercise,
      loadLessonPacks: async (packs: Parameters<typeof course.addPacks>[0]) => {
        notices.add(await course.addPacks(packs));
        if (!lab) return;
        lab.deps.course = course.course;
        course.sync(lab.progress, lab.current()?.location.exercise.id);
      },
      showNotices: (messages: string[]) => notices.add(messages),
      saveEverything: flushAll,
    };
    const report = (error: unknown) => notices.add([error instanceof Error ? error.message : String(error)]);
    listenForMenuCommands(bridge, actions, report);
    void takeNotices(bridge, actions);
    // Packs opened in an earlier run are listed by main from the start.
    runMenuCommand(bridge, actions, 'lesson-pack-opened').catch(report);
    void serveToOwnKubectl(bridge);
  }

  /** "Use your own kubectl": serves the session while the setting is on, from now and on the next start. */
  async function serveToOwnKubectl(bridge: NonNullable<ReturnType<typeof desktopBridge>>) {
    const ownKubectl = useOwnKubectlStore();
    await ownKubectl.connect({ bridge: bridge.ownKubectl, session: () => cluster.session, onWrite: () => cluster.forgetRedo() }).catch(() => undefined);
    if (!ownKubectl.available) return;
    const follow = (wanted: boolean) => (wanted ? ownKubectl.start() : ownKubectl.stop());
    watch(() => settings.ownKubectl, (wanted) => void follow(wanted));
    if (settings.ownKubectl) await follow(true);
  }

  async function startLabSession() {
    const createSession = await deps.loadSession();
    lab = new LabController({
      course: course.course,
      session: () => cluster.session!,
      storage: {
        load: () => progressText,
        save: (text) => {
          progressText = text;
          saving.progress.schedule();
        },
      },
      wallNow: deps.wallNow,
      language: settings.language,
      color: true,
      onUpdate: onLabUpdate,
      beforeStart: (id) => {
        // `lab start` typed in the terminal: the files so far are saved under their exercise and cleared,
        // as choosing an exercise in the course map does (beginExercise has already done so for its own).
        if (id === workspaceOwner || !cluster.session) return;
        void saveWorkspace.flush();
        clearWorkspace(cluster.session);
      },
      // Drawing an attempt needs the schema: loaded here, with the simulator, not before the first prompt.
      exams: { templates: deps.examTemplates(), draw: (await import('../lab/exam')).examAttempt },
    });
    if (lab.progress.language && lab.progress.language !== settings.language) lab.setLanguage(settings.language);
    if (lab.notice) {
      // Saved progress that could not be read is said at once, not at the first `lab` command.
      notices.add([lab.notice[lab.language]]);
      lab.notice = undefined;
    }
    exercise.attach(lab);
    // An exam runs at the wall clock's pace: the cluster's clock at 1x, as on a real cluster.
    const atWallPace = () => {
      if (cluster.speed !== 1) cluster.setSpeed(1);
    };
    useExamStore().attach(lab, { afterStart: atWallPace, whileRunning: atWallPace });
    cluster.start(createSession, {
      seed: 1,
      hostCommands: { lab: labHostCommand(createLabCommand(lab)) },
      openEditor: (absolutePath) => {
        if (cluster.session) workspace.refresh(cluster.session);
        workspace.open(absolutePath.replace(/^\/+/, ''));
      },
    });
    const session = cluster.session;
    if (!session) return;
    terminals.open(session);
    // The prompt is drawn before the exercise builds its cluster; keys typed meanwhile wait in the queue.
    await terminals.untilFirstDraw(1000);
    await nextPaint();
    const first = lab.progress.currentExercise ?? course.current?.exercise.id;
    // An exam in progress when the app closed is taken up again, its countdown having run on.
    if (lab.exams.restore()) {
      terminals.adoptOpened(session);
      useExamStore().showLastOpened();
      cluster.refresh();
    } else if (first && !(await resumeExercise(session, first))) await beginExercise(session, first, true);
    else if (!first) cluster.refresh();
    cluster.startClock();
    saving.watchForSaving();
    watchForLanguage();
    connectDesktop();
  }

  async function chooseExercise(id: string) {
    if (cluster.session) await beginExercise(cluster.session, id, true);
  }

  async function resetExercise() {
    const id = exercise.exercise?.id;
    if (cluster.session && id) await beginExercise(cluster.session, id, false);
    saveWorkspace.schedule();
  }

  /** Grades a quiz answer; undefined for an unknown quiz or before the lab started. */
  function answerQuiz(quizId: string, choices: number[]) {
    const result = lab?.answerQuiz(quizId, choices);
    if (lab) course.sync(lab.progress, lab.current()?.location.exercise.id);
    return result;
  }

  /** Tells the learner in the active terminal what undo or redo did, and regrades. */
  function reportTimeTravel(key: 'undoneLine' | 'redoneLine', travel: TimeTravel) {
    const time = formatElapsed(travel.time - cluster.startTime);
    terminalInput(terminals.activeId)?.announce(formatString(settings.t(key), { line: travel.line, time }));
    if (cluster.session) workspace.refresh(cluster.session);
    exercise.sync();
  }

  /** Undoes the last command line; false when there is none. */
  function undo(): boolean {
    const travel = cluster.undo();
    if (travel) reportTimeTravel('undoneLine', travel);
    return travel !== undefined;
  }

  /** Redoes what the last undo took away; false when there is nothing to redo. */
  function redo(): boolean {
    const id = exercise.exercise?.id;
    const travel = cluster.redo(id ? lab?.setupFor(id) : undefined);
    if (travel) reportTimeTravel('redoneLine', travel);
    return travel !== undefined;
  }

  /** The order this learner sees a quiz's options in (the file's order until the lab has started). */
  function quizOptionOrder(quiz: Quiz): number[] {
    return lab ? lab.quizOptionOrder(quiz) : quiz.options.map((_, index) => index);
  }

  return { hydrate, startLabSession, chooseExercise, resetExercise, flushAll, answerQuiz, quizOptionOrder, undo, redo };
}

export type AppController = ReturnType<typeof createAppController>;

let controller: AppController | undefined;

/** The app's controller, on the storage the build supplies and the bundled simulator and exams. */
export function useAppController(): AppController {
  controller ??= createAppController({
    storage: pickStorage(),
    loadSession: loadSessionFactory,
    examTemplates: () => loadBundledExams().exams,
    wallNow: () => Date.now(),
  });
  return controller;
}

/** Loads settings, the course and saved progress. Runs before the app mounts. */
export function hydrate(): Promise<void> {
  return useAppController().hydrate();
}
