// An ApiServer that always talks to the session's current cluster, so kubectl, the grader and the
// UI keep one handle while exercises reset the cluster underneath.
import type { ApiServer } from './server';
import { resourceTypes } from './resources';

export class ForwardingApi implements ApiServer {
  /** `afterWrite` hears of every write made through this handle, once it is done. */
  constructor(
    private readonly target: () => ApiServer,
    private readonly afterWrite: () => void = () => {},
  ) {}
  /** Discovery is the same for every cluster: answering it builds none. */
  resourceTypes: ApiServer['resourceTypes'] = () => resourceTypes;
  create: ApiServer['create'] = (obj, options) => this.written(this.target().create(obj, options));
  get: ApiServer['get'] = (kind, namespace, name) => this.target().get(kind, namespace, name);
  list: ApiServer['list'] = (kind, namespace, options) => this.target().list(kind, namespace, options);
  update: ApiServer['update'] = (obj, options) => this.written(this.target().update(obj, options));
  updateStatus: ApiServer['updateStatus'] = (obj) => this.written(this.target().updateStatus(obj));
  updateEphemeralContainers: ApiServer['updateEphemeralContainers'] = (obj, options) => this.written(this.target().updateEphemeralContainers(obj, options));
  patch: ApiServer['patch'] = (kind, namespace, name, patch, type, options) =>
    this.written(this.target().patch(kind, namespace, name, patch, type, options));
  apply: ApiServer['apply'] = (obj, options) => this.written(this.target().apply(obj, options));
  delete: ApiServer['delete'] = (kind, namespace, name, options) => this.written(this.target().delete(kind, namespace, name, options));
  watch: ApiServer['watch'] = (kind, namespace, listener) => this.target().watch(kind, namespace, listener);
  logs: ApiServer['logs'] = (namespace, pod, options) => this.target().logs(namespace, pod, options);
  exec: ApiServer['exec'] = (namespace, pod, argv, options) => this.target().exec(namespace, pod, argv, options);
  attach: ApiServer['attach'] = (namespace, pod, options) => this.target().attach(namespace, pod, options);
  now: ApiServer['now'] = () => this.target().now();

  private written<T>(result: T): T {
    this.afterWrite();
    return result;
  }
}
