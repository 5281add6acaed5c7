// Every write kubectl makes carries a field manager, as the real client's requests do: the
// command's --field-manager (its default names the command: kubectl-create, kubectl-edit, ...),
// or, for commands without that flag, the name the API server takes from kubectl's user agent.

import type { ApiServer, WriteOptions } from '../api/server';
import type { Flags } from './flags';

/** The user agent's product: what the API server records for a request that names no manager. */
const userAgentManager = 'kubectl';

export function fieldManagerOf(flags: Flags, hasFlag: boolean): string {
  return hasFlag ? flags.string('field-manager') : userAgentManager;
}

/** `api` with `manager` filled in on every create, update and patch that names no other. */
export function withFieldManager(api: ApiServer, manager: string): ApiServer {
  const named = (options: WriteOptions | undefined): WriteOptions => ({ ...options, fieldManager: options?.fieldManager ?? manager });
  return {
    resourceTypes: () => api.resourceTypes(),
    create: (obj, options) => api.create(obj, named(options)),
    get: (kind, namespace, name) => api.get(kind, namespace, name),
    list: (kind, namespace, options) => api.list(kind, namespace, options),
    update: (obj, options) => api.update(obj, named(options)),
    updateStatus: (obj) => api.updateStatus(obj),
    updateEphemeralContainers: (obj) => api.updateEphemeralContainers(obj),
    patch: (kind, namespace, name, patch, type, options) => api.patch(kind, namespace, name, patch, type, named(options)),
    apply: (obj, options) => api.apply(obj, options),
    delete: (kind, namespace, name, options) => api.delete(kind, namespace, name, options),
    watch: (kind, namespace, listener) => api.watch(kind, namespace, listener),
    logs: (namespace, pod, options) => api.logs(namespace, pod, options),
    exec: (namespace, pod, argv, options) => api.exec(namespace, pod, argv, options),
    attach: (namespace, pod, options) => api.attach(namespace, pod, options),
    now: () => api.now(),
  };
}
