// The lab tests run on the real session (cluster, kubectl, shell) with an in-memory workspace.
// Pods a test writes the status of name a scheduler that does not exist, so no kubelet runs them
// and their status stays what the test wrote, as on a real cluster.

import type { KubeObject } from '../../sim/api/types';
import { MemFs } from '../../sim/fs/memfs';
import { createSession, type SimSession } from '../../sim/session';
import type { HostCommand } from '../../sim/session-types';

export function labSession(hostCommands: Record<string, HostCommand> = {}): SimSession & { resets: number } {
  const session = Object.assign(createSession({ seed: 1, workspace: new MemFs(), hostCommands }), { resets: 0 });
  session.onChange((change) => {
    if (change.rebuilt) session.resets++;
  });
  return session;
}

export const unscheduled = 'no-such-scheduler';

/** A Pod no scheduler picks up; `status` is written as its status. */
export function createPod(session: SimSession, name: string, extra: { labels?: Record<string, string>; status?: unknown; namespace?: string } = {}): void {
  const namespace = extra.namespace ?? 'default';
  session.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: extra.labels ?? { app: name } },
    spec: { schedulerName: unscheduled, containers: [{ name: 'app', image: 'nginx:1.27' }] },
  });
  if (extra.status !== undefined) setStatus(session, name, extra.status, namespace);
}

export function setStatus(session: SimSession, name: string, status: unknown, namespace = 'default'): void {
  const pod: KubeObject = session.api.get('Pod', namespace, name);
  pod.status = status as KubeObject['status'];
  session.api.updateStatus(pod);
}
