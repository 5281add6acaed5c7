// The workspace file panel: which files exist, which one is open in the editor and its unsaved
// text. Drafts are saved with the workspace, so nothing typed is lost on reload.

import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Session } from '../../sim/session-types';
import { defaultWorkspaceRoot, workspacePath } from '../../lab/workspace';
import { listWorkspaceFiles, readWorkspaceFiles } from '../session/workspace-files';

export interface WorkspaceDocument {
  version: 1;
  files: Record<string, string>;
  drafts: Record<string, string>;
  openPath?: string;
}

export const useWorkspaceStore = defineStore('workspace', () => {
  const files = ref<string[]>([]);
  const openPath = ref<string>();
  /** Unsaved editor text by path. */
  const drafts = ref<Record<string, string>>({});
  const revision = ref(0);

  function refresh(session: Session) {
    const now = listWorkspaceFiles(session.workspace, defaultWorkspaceRoot);
    if (now.join('\n') !== files.value.join('\n')) files.value = now;
  }

  function read(session: Session, path: string): string {
    try {
      return session.workspace.readFile(`/${path}`);
    } catch {
      return '';
    }
  }

  function open(path: string) {
    openPath.value = path;
  }

  function setDraft(path: string, text: string, saved: string) {
    if (text === saved) delete drafts.value[path];
    else drafts.value[path] = text;
    revision.value++;
  }

  function save(session: Session, path: string, text: string) {
    // Through the session, so that undo and resume replay the save with the commands around it.
    session.writeWorkspaceFile(workspacePath(defaultWorkspaceRoot, path), text);
    delete drafts.value[path];
    refresh(session);
    revision.value++;
  }

  function document(session: Session | undefined): WorkspaceDocument {
    return {
      version: 1,
      files: session ? readWorkspaceFiles(session.workspace, defaultWorkspaceRoot) : {},
      drafts: { ...drafts.value },
      openPath: openPath.value,
    };
  }

  function restore(saved: WorkspaceDocument | undefined) {
    drafts.value = saved?.drafts ? { ...saved.drafts } : {};
    openPath.value = saved?.openPath;
  }

  return { files, openPath, drafts, revision, refresh, read, open, setDraft, save, document, restore };
});
