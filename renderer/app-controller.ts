// Ties the stores together: starting the engine with the lab, switching exercises, and saving
// everything through the storage interface (debounced, and at once when the page is hidden).

import { watch } from 'vue';
import type { Session } from '../sim/session-types';
import { LabController } from '../lab/lab-controller';
import { createLabCommand } from '../lab/lab-command';
import { defaultWorkspaceRoot, writeWorkspaceFile } from '../lab/workspace';
import { pickStorage, debounced, type AppStorage } from './storage/storage';
import { useSettingsStore, type SettingsDocument } from './stores/settings';
import { useCourseStore } from './stores/course';
import { useExerciseStore } from './stores/exercise';
import { useClusterStore } from './stores/cluster';
import { useTerminalsStore } from './stores/terminals';
import { useWorkspaceStore, type WorkspaceDocument } from './stores/workspace';
import { loadSessionFactory } from './engine/session-loader';

let storage: AppStorage = pickStorage();
let progressText: string | undefined;
let controller: ReturnType<typeof createAppController> | undefined;

/** Replaces the storage backend (tests, the desktop build before hydrate). */
export function useStorageBackend(backend: AppStorage): void {
  storage = backend;
}

/** Loads settings, the course and saved progress. Runs before the app mounts. */
export async function hydrate(): Promise<void> {
  const settings = useSettingsStore();
  settings.load(await storage.get<Partial<SettingsDocument>>('settings'));
  useCourseStore().load();
  progressText = await storage.get<string>('progress');
  const journal = await storage.get<JournalDocument>('journal');
  useTerminalsStore().savedHistory = Array.isArray(journal?.lines) ? journal.lines.filter((line) => typeof line === 'string') : [];
}

/** The command lines the learner typed, newest last, kept for history across reloads. */
interface JournalDocument {
  version: 1;
  lines: string[];
}

const journalLength = 500;

function createAppController() {
  const settings = useSettingsStore();
  const course = useCourseStore();
  const exercise = useExerciseStore();
  const cluster = useClusterStore();
  const terminals = useTerminalsStore();
  const workspace = useWorkspaceStore();
  let lab: LabController | undefined;
  /** The exercise whose workspace is being saved; set once its saved files are back. */
  let workspaceOwner: string | undefined;

  const saveSettings = debounced(() => storage.set('settings', settings.document()), 300);
  const saveProgress = debounced(() => (progressText === undefined ? undefined : storage.set('progress', progressText)), 300);
  const saveWorkspace = debounced(() => {
    if (!workspaceOwner || !cluster.session) return;
    return storage.set<WorkspaceDocument>(`workspace/${workspaceOwner}`, workspace.document(cluster.session));
  }, 400);

  const saveJournal = debounced(() => {
    const session = cluster.session;
    if (!session) return;
    const lines = [...terminals.savedHistory, ...session.commandLog().map((record) => record.line)];
    return storage.set<JournalDocument>('journal', { version: 1, lines: lines.slice(-journalLength) });
  }, 1000);

  async function flushAll() {
    await Promise.all([saveSettings.flush(), saveProgress.flush(), saveWorkspace.flush(), saveJournal.flush()]);
  }

  function onLabUpdate(updated: LabController) {
    const id = updated.current()?.location.exercise.id;
    if (id !== workspaceOwner) {
      // Started from the terminal (`lab start`, `lab next`): a fresh attempt.
      void saveWorkspace.flush();
      workspaceOwner = id;
      workspace.restore(undefined);
    }
    course.sync(updated.progress, id);
    exercise.sync();
  }

  function watchForSaving() {
    settings.$subscribe(() => saveSettings.schedule());
    watch(
      () => settings.language,
      (language) => lab?.setLanguage(language),
    );
    watch(() => [cluster.revision, workspace.revision, workspace.openPath], () => {
      saveWorkspace.schedule();
      saveJournal.schedule();
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
    const saved = restoreFiles ? await storage.get<WorkspaceDocument>(`workspace/${id}`) : undefined;
    workspaceOwner = id;
    lab.start(id);
    for (const [path, content] of Object.entries(saved?.files ?? {})) {
      try {
        writeWorkspaceFile(session.workspace, defaultWorkspaceRoot, path, content);
      } catch {
        // A path the workspace no longer accepts is dropped.
      }
    }
    workspace.restore(saved);
    workspace.refresh(session);
    exercise.sync();
    cluster.refresh();
  }

  async function startEngine() {
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
    });
    if (lab.progress.language && lab.progress.language !== settings.language) lab.setLanguage(settings.language);
    exercise.attach(lab);
    cluster.start(createSession, {
      seed: 1,
      extraCommands: { lab: createLabCommand(lab) },
      openEditor: (absolutePath) => {
        if (cluster.session) workspace.refresh(cluster.session);
        workspace.open(absolutePath.replace(/^\/+/, ''));
      },
    });
    const session = cluster.session;
    if (!session) return;
    terminals.open(session);
    const first = lab.progress.currentExercise ?? course.current?.exercise.id;
    if (first) await beginExercise(session, first, true);
    watchForSaving();
  }

  async function chooseExercise(id: string) {
    if (cluster.session) await beginExercise(cluster.session, id, true);
  }

  async function resetExercise() {
    const id = exercise.exercise?.id;
    if (cluster.session && id) await beginExercise(cluster.session, id, false);
    saveWorkspace.schedule();
  }

  return { startEngine, chooseExercise, resetExercise, flushAll };
}

export function useAppController() {
  controller ??= createAppController();
  return controller;
}
