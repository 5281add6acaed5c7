// An ApiServer handle that fills in options on every write it passes on (kubectl's field manager,
// a listener for the warnings admission sends back); reads and deletes go through as they are.
import type { ApiServer, ApplyOptions, WriteOptions } from './server';

export function withWriteOptions(api: ApiServer, fill: (options: WriteOptions) => WriteOptions): ApiServer {
  const filled = (options: WriteOptions | undefined): WriteOptions => fill({ ...options });
  return {
    resourceTypes: () => api.resourceTypes(),
    create: (obj, options) => api.create(obj, filled(options)),
    get: (kind, namespace, name) => api.get(kind, namespace, name),
    list: (kind, namespace, options) => api.list(kind, namespace, options),
    update: (obj, options) => api.update(obj, filled(options)),
    updateStatus: (obj) => api.updateStatus(obj),
    updateEphemeralContainers: (obj, options) => api.updateEphemeralContainers(obj, filled(options)),
    patch: (kind, namespace, name, patch, type, options) => api.patch(kind, namespace, name, patch, type, filled(options)),
    apply: (obj, options) => api.apply(obj, { ...options, ...filled(options) } as ApplyOptions),
    delete: (kind, namespace, name, options) => api.delete(kind, namespace, name, options),
    watch: (kind, namespace, listener) => api.watch(kind, namespace, listener),
    logs: (namespace, pod, options) => api.logs(namespace, pod, options),
    exec: (namespace, pod, argv, options) => api.exec(namespace, pod, argv, options),
    attach: (namespace, pod, options) => api.attach(namespace, pod, options),
    now: () => api.now(),
  };
}
