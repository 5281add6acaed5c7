// Puts a fresh session into an exercise's starting state: objects applied as `kubectl apply`
// would, then stopped kubelets, workspace files, then the virtual time that should pass.

import { ApiError, isApiError } from '../sim/api/errors';
import { resourceTypeForKind } from '../sim/api/resources';
import type { KubeObject } from '../sim/api/types';
import type { Session } from '../sim/session-types';
import { withLastApplied } from '../sim/kubectl/commands/apply';
import type { Exercise } from './course';
import { writeWorkspaceFile } from './workspace';

export interface StartingStateHooks {
  workspaceRoot: string;
  /** Keep a learner's different file at a starting file's path aside instead of replacing it (a real folder). */
  keepExisting?: boolean;
  /** Told when a file was kept aside. */
  onNotice?(text: string): void;
}

/**
 * Creates the object, or replaces it when it already exists, recording the last-applied
 * annotation as `kubectl apply` does: a learner's later `kubectl apply` of a changed file then
 * removes what the file no longer says, as on a cluster where the story's objects were applied.
 */
export function applyObject(session: Session, object: KubeObject): KubeObject {
  const copy: KubeObject = withLastApplied(object);
  const type = resourceTypeForKind(copy.kind);
  if (type?.namespaced && !copy.metadata.namespace) copy.metadata.namespace = 'default';
  try {
    return session.api.create(copy, { fieldManager: 'kubectl-client-side-apply' });
  } catch (error) {
    if (!(isApiError(error) && error.reason === 'AlreadyExists')) throw error;
    const existing = session.api.get(copy.kind, copy.metadata.namespace, copy.metadata.name ?? '');
    copy.metadata.resourceVersion = existing.metadata.resourceVersion;
    return session.api.update(copy, { fieldManager: 'kubectl-client-side-apply' });
  }
}

/** Returns the problems met (an empty list when everything applied). */
export function applyStartingState(session: Session, exercise: Exercise, hooks: StartingStateHooks): string[] {
  const problems: string[] = [];
  for (const object of exercise.startObjects) {
    try {
      applyObject(session, object);
    } catch (error) {
      const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      problems.push(`${object.kind} "${object.metadata.name}": ${message}`);
    }
  }
  const start = exercise.start;
  for (const node of start?.stoppedKubelets ?? []) {
    try {
      session.stopKubelet(node);
    } catch (error) {
      problems.push(`kubelet of ${node}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const [path, content] of Object.entries(start?.files ?? {})) {
    try {
      const notice = writeWorkspaceFile(session.workspace, hooks.workspaceRoot, path, content, { keepExisting: hooks.keepExisting });
      if (notice) hooks.onNotice?.(notice);
    } catch (error) {
      problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (start && start.elapsedSeconds > 0) session.clock.advanceTo(session.clock.now() + start.elapsedSeconds * 1000);
  return problems;
}

