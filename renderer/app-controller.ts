// Ties the stores together: loading the simulator and starting the lab, switching exercises, and saving
// everything through the storage interface (debounced, and at once when the page is hidden).

import { watch } from 'vue';
import type { Session } from '../sim/session-types';
import { LabController } from '../lab/lab-controller';
import type { Quiz } from '../lab/schema';
import { createLabCommand, labHostCommand } from '../lab/lab-command';
import { defaultWorkspaceRoot, workspacePath } from '../lab/workspace';
import { pickStorage, debounced, type AppStorage, type StoredDocument } from './storage/storage';
import { useSettingsStore, type SettingsDocument } from './stores/settings';
import { useCourseStore } from './stores/course';
import { useExerciseStore } from './stores/exercise';
import { useClusterStore, type TimeTravel } from './stores/cluster';
import { formatElapsed } from './session/clock-driver';
import { terminalInput } from './session/terminal-input';
import { formatString } from './i18n/strings';
import { useTerminalsStore } from './stores/terminals';
import { useWorkspaceStore, type WorkspaceDocument } from './stores/workspace';
import { useNoticesStore } from './stores/notices';
import { useLayoutStore, type LayoutDocument } from './stores/layout';
import { useExamStore } from './stores/exam';
import { useOwnKubectlStore } from './stores/own-kubectl';
import { loadBundledExams } from './session/exam-source';
import { loadSessionFactory } from './session/session-loader';
import { compactJournal, readJournalDocument, type JournalDocument } from './session/session-journal';
import { desktopBridge } from './desktop/bridge';
import { listenForMenuCommands, runMenuCommand, takeNotices } from './desktop/menu-commands';

let storage: AppStorage = pickStorage();
let progressText: string | undefined;
let savedJournal: JournalDocument = { version: 2, lines: [] };
let controller: ReturnType<typeof createAppController> | undefined;

/** Replaces the storage backend (tests, the desktop build before hydrate). */
export function useStorageBackend(backend: AppStorage): void {
  storage = backend;
}

/** Loads settings, the course and saved progress. Runs before the app mounts. */
export async function hydrate(): Promise<void> {
  const settings = useSettingsStore();
  settings.load(await readOrNotice<Partial<SettingsDocument>>('settings'));
  useLayoutStore().load(await readOrNotice<Partial<LayoutDocument>>('layout'));
  useCourseStore().load();
  progressText = await readOrNotice<string>('progress');
  savedJournal = readJournalDocument(await readOrNotice<unknown>('journal'));
  useTerminalsStore().savedHistory = savedJournal.lines;
  const scrollback = await readOrNotice<ScrollbackDocument>('scrollback');
  if (scrollback?.version === 1 && Array.isArray(scrollback.tabs)) useTerminalsStore().restoreScrollback(scrollback.tabs.filter((tab) => typeof tab === 'string'));
}

/** A document, or undefined with a notice when it cannot be read: the app starts either way. */
async function readOrNotice<T>(name: StoredDocument): Promise<T | undefined> {
  try {
    return await storage.get<T>(name);
  } catch (error) {
    useNoticesStore().add([`Your ${name} could not be read (${storageErrorText(error)}). Pod Lab carries on without it.`]);
    return undefined;
  }
}

/** What went wrong, without the IPC wrapper Electron puts around an error from the main process. */
function storageErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': /, '').replace(/^[A-Za-z]*Error: /, '');
}

/** A failed save keeps everything in memory and is tried again at the next change; the learner is told once. */
function reportSaveFailure(what: string) {
  return (error: unknown) => {
    useNoticesStore().add([`Pod Lab could not save your ${what} (${storageErrorText(error)}). Your work is kept while the app is open and saved again at your next change.`]);
  };
}

const journalLength = 500;
/** Lines of each terminal kept over a reload. */
const scrollbackLines = 1000;

/** The `scrollback` document: what each terminal tab showed, by tab position. */
interface ScrollbackDocument {
  version: 1;
  tabs: string[];
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

function createAppController() {
  const settings = useSettingsStore();
  const course = useCourseStore();
  const exercise = useExerciseStore();
  const cluster = useClusterStore();
  const terminals = useTerminalsStore();
  const workspace = useWorkspaceStore();
  const notices = useNoticesStore();
  let lab: LabController | undefined;
  /** The exercise whose workspace is being saved; set once its saved files are back. */
  let workspaceOwner: string | undefined;

  const layout = useLayoutStore();
  const saveSettings = debounced(() => storage.set('settings', settings.document()), 300, reportSaveFailure('settings'));
  const saveLayout = debounced(() => storage.set('layout', layout.document()), 300, reportSaveFailure('layout'));
  const saveProgress = debounced(() => (progressText === undefined ? undefined : storage.set('progress', progressText)), 300, reportSaveFailure('progress'));
  const saveWorkspace = debounced(
    () => {
      // During an exam the files are the exam's, kept with it in the progress: not the last exercise's.
      if (!workspaceOwner || !cluster.session || lab?.exams.current()) return;
      return storage.set<WorkspaceDocument>(`workspace/${workspaceOwner}`, workspace.document(cluster.session));
    },
    400,
    reportSaveFailure('workspace files'),
  );

  const saveJournal = debounced(() => {
    const session = cluster.session;
    if (!session) return;
    const lines = [...terminals.savedHistory, ...session.commandLog().map((record) => record.line)].slice(-journalLength);
    const document: JournalDocument = { version: 2, lines };
    if (workspaceOwner && !lab?.exams.current()) {
      const snapshot = session.snapshot();
      document.exercise = workspaceOwner;
      document.snapshot = { ...snapshot, journal: compactJournal(snapshot.journal) };
    }
    return storage.set<JournalDocument>('journal', document);
  }, 1000, reportSaveFailure('session'));

  const saveScrollback = debounced(() => {
    const tabs = terminals.tabs.map((tab) => terminalInput(tab.id)?.transcript(scrollbackLines) ?? '');
    return storage.set<ScrollbackDocument>('scrollback', { version: 1, tabs });
  }, 1000);

  async function flushAll() {
    // The terminals may show more than when the last save was asked for (`echo` changes no cluster).
    saveScrollback.schedule();
    await Promise.all([saveScrollback.flush(), saveSettings.flush(), saveLayout.flush(), saveProgress.flush(), saveWorkspace.flush(), saveJournal.flush()]);
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

  function watchForSaving() {
    settings.$subscribe(() => saveSettings.schedule());
    layout.$subscribe(() => saveLayout.schedule());
    watch(
      () => settings.language,
      (language) => lab?.setLanguage(language),
    );
    watch(() => [cluster.revision, workspace.revision, workspace.openPath], () => {
      saveWorkspace.schedule();
      saveJournal.schedule();
      saveScrollback.schedule();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flushAll();
    });
    window.addEventListener('pagehide', () => void flushAll());
  }

  /** Starts the exercise afresh, then puts back the files the learner had (unless resetting). */
  async function beginExercise(session: Session, id: string, restoreFiles: boolean) {
    if (!lab) return;
    await saveWorkspace.flush();
    const saved = restoreFiles ? await readOrNotice<WorkspaceDocument>(`workspace/${id}`) : undefined;
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
    const saved = await readOrNotice<WorkspaceDocument>(`workspace/${id}`);
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
    const createSession = await loadSessionFactory();
    lab = new LabController({
      course: course.course,
      session: () => cluster.session!,
      storage: {
        load: () => progressText,
        save: (text) => {
          progressText = text;
          saveProgress.schedule();
        },
      },
      wallNow: () => Date.now(),
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
      exams: { templates: loadBundledExams().exams, draw: (await import('../lab/exam')).examAttempt },
    });
    if (lab.progress.language && lab.progress.language !== settings.language) lab.setLanguage(settings.language);
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
    watchForSaving();
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

  return { startLabSession, chooseExercise, resetExercise, flushAll, answerQuiz, quizOptionOrder, undo, redo };
}

export function useAppController() {
  controller ??= createAppController();
  return controller;
}
