// An ApiServer handle whose every write hears the warnings the server sends back with its answer
// (admission's `would violate PodSecurity ...`), as a client reads them from the response.
import type { ApiServer, WriteOptions } from './server';

export function listeningForWarnings(api: ApiServer, onWarning: (warning: string) => void): ApiServer {
  const withListener = (options: WriteOptions | undefined): WriteOptions => ({ ...options, onWarning });
  return {
    resourceTypes: () => api.resourceTypes(),
    create: (obj, options) => api.create(obj, withListener(options)),
    get: (kind, namespace, name) => api.get(kind, namespace, name),
    list: (kind, namespace, options) => api.list(kind, namespace, options),
    update: (obj, options) => api.update(obj, withListener(options)),
    updateStatus: (obj) => api.updateStatus(obj),
    updateEphemeralContainers: (obj, options) => api.updateEphemeralContainers(obj, withListener(options)),
    patch: (kind, namespace, name, patch, type, options) => api.patch(kind, namespace, name, patch, type, withListener(options)),
    apply: (obj, options) => api.apply(obj, { ...options, onWarning }),
    delete: (kind, namespace, name, options) => api.delete(kind, namespace, name, options),
    watch: (kind, namespace, listener) => api.watch(kind, namespace, listener),
    logs: (namespace, pod, options) => api.logs(namespace, pod, options),
    exec: (namespace, pod, argv, options) => api.exec(namespace, pod, argv, options),
    attach: (namespace, pod, options) => api.attach(namespace, pod, options),
    now: () => api.now(),
  };
}
