// What the app keeps between runs and when it writes it: every document is read with a notice
// when it cannot be, and saved through the storage interface (debounced, and at once when the
// page is hidden). A failed save keeps everything in memory and is tried again at the next change.

import { watch } from 'vue';
import { debounced, type AppStorage, type StoredDocument } from './storage/storage';
import { useSettingsStore, type SettingsDocument } from './stores/settings';
import { useClusterStore } from './stores/cluster';
import { useTerminalsStore } from './stores/terminals';
import { useWorkspaceStore, type WorkspaceDocument } from './stores/workspace';
import { useNoticesStore } from './stores/notices';
import { useLayoutStore, type LayoutDocument } from './stores/layout';
import { terminalInput } from './session/terminal-input';
import { compactJournal, readJournalDocument, type JournalDocument } from './session/session-journal';

const journalLength = 500;
/** Lines of each terminal kept over a reload. */
const scrollbackLines = 1000;

/** The `scrollback` document: what each terminal tab showed, by tab position. */
interface ScrollbackDocument {
  version: 1;
  tabs: string[];
}

/** What was read before the lab started: the progress text as stored, and the saved journal. */
export interface HydratedDocuments {
  progressText: string | undefined;
  journal: JournalDocument;
}

/** A document, or undefined with a notice when it cannot be read: the app starts either way. */
export async function readOrNotice<T>(storage: AppStorage, name: StoredDocument): Promise<T | undefined> {
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

/** Loads settings, layout, terminal history and scrollback into their stores; returns the progress and journal. */
export async function readDocuments(storage: AppStorage): Promise<HydratedDocuments> {
  useSettingsStore().load(await readOrNotice<Partial<SettingsDocument>>(storage, 'settings'));
  useLayoutStore().load(await readOrNotice<Partial<LayoutDocument>>(storage, 'layout'));
  const progressText = await readOrNotice<string>(storage, 'progress');
  const journal = readJournalDocument(await readOrNotice<unknown>(storage, 'journal'));
  const terminals = useTerminalsStore();
  terminals.savedHistory = journal.lines;
  const scrollback = await readOrNotice<ScrollbackDocument>(storage, 'scrollback');
  if (scrollback?.version === 1 && Array.isArray(scrollback.tabs)) terminals.restoreScrollback(scrollback.tabs.filter((tab) => typeof tab === 'string'));
  return { progressText, journal };
}

export interface SavingState {
  /** The progress as the lab last wrote it; undefined until it has. */
  progressText(): string | undefined;
  /** The exercise whose workspace and cluster are being saved; undefined until its saved files are back. */
  workspaceOwner(): string | undefined;
  /** During an exam the files and cluster are the exam's, kept with it in the progress. */
  examRunning(): boolean;
}

export function createAppSaving(storage: AppStorage, state: SavingState) {
  const settings = useSettingsStore();
  const layout = useLayoutStore();
  const cluster = useClusterStore();
  const terminals = useTerminalsStore();
  const workspace = useWorkspaceStore();

  const settingsSaver = debounced(() => storage.set('settings', settings.document()), 300, reportSaveFailure('settings'));
  const layoutSaver = debounced(() => storage.set('layout', layout.document()), 300, reportSaveFailure('layout'));
  const progress = debounced(
    () => {
      const text = state.progressText();
      return text === undefined ? undefined : storage.set('progress', text);
    },
    300,
    reportSaveFailure('progress'),
  );
  const workspaceFiles = debounced(
    () => {
      // During an exam the files are the exam's, kept with it in the progress: not the last exercise's.
      const owner = state.workspaceOwner();
      if (!owner || !cluster.session || state.examRunning()) return;
      return storage.set<WorkspaceDocument>(`workspace/${owner}`, workspace.document(cluster.session));
    },
    400,
    reportSaveFailure('workspace files'),
  );

  const journal = debounced(() => {
    const session = cluster.session;
    if (!session) return;
    const lines = [...terminals.savedHistory, ...session.commandLog().map((record) => record.line)].slice(-journalLength);
    const document: JournalDocument = { version: 2, lines };
    const owner = state.workspaceOwner();
    if (owner && !state.examRunning()) {
      const snapshot = session.snapshot();
      document.exercise = owner;
      document.snapshot = { ...snapshot, journal: compactJournal(snapshot.journal) };
    }
    return storage.set<JournalDocument>('journal', document);
  }, 1000, reportSaveFailure('session'));

  const scrollback = debounced(() => {
    const tabs = terminals.tabs.map((tab) => terminalInput(tab.id)?.transcript(scrollbackLines) ?? '');
    return storage.set<ScrollbackDocument>('scrollback', { version: 1, tabs });
  }, 1000);

  /** Writes every document now (the page is hidden or the window closes). */
  async function flushAll() {
    // Not only the saves already asked for: a change may not have been drawn yet (the view redraws
    // once per frame, and saves follow the redraw), and the terminals may show more (`echo` changes no cluster).
    const savers = [scrollback, settingsSaver, layoutSaver, progress, workspaceFiles, journal];
    for (const saver of savers) saver.schedule();
    await Promise.all(savers.map((saver) => saver.flush()));
  }

  /** Saves what changes from now on: settings and layout, and the cluster, files and terminals at each change. */
  function watchForSaving() {
    settings.$subscribe(() => settingsSaver.schedule());
    layout.$subscribe(() => layoutSaver.schedule());
    watch(() => [cluster.revision, workspace.revision, workspace.openPath], () => {
      workspaceFiles.schedule();
      journal.schedule();
      scrollback.schedule();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flushAll();
    });
    window.addEventListener('pagehide', () => void flushAll());
  }

  /** The saved files of an exercise, or undefined (with a notice when they cannot be read). */
  function readWorkspace(id: string): Promise<WorkspaceDocument | undefined> {
    return readOrNotice<WorkspaceDocument>(storage, `workspace/${id}`);
  }

  return { progress, workspaceFiles, flushAll, watchForSaving, readWorkspace };
}
