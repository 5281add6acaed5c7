// The API server's interface, as every client of the simulated cluster sees it: kubectl, the
// controllers, the lab grader and the UI all read and write objects only through this.
import type { KubeObject } from './types';
import type { ResourceType } from './resources';
import type { InputStream, Program } from '../process';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED). */
  oldObject?: KubeObject;
}

export interface ListOptions {
  /** `app=web,tier!=db`, `env in (prod,qa)`, `!canary` */
  labelSelector?: string;
  /** `status.phase=Running`, `metadata.name=x`, `spec.nodeName=node01` */
  fieldSelector?: string;
  /** The caller promises not to mutate the result, so the stored objects come back uncopied (printers, graders). */
  readOnly?: boolean;
}

export interface WriteOptions {
  /** Server-side dry run: validate and default, store nothing. */
  dryRun?: boolean;
  /**
   * The name of the client (field manager), e.g. `kubectl-client-side-apply`: its write is recorded
   * in metadata.managedFields. Writes without one (the engine's own components) leave them as they are.
   */
  fieldManager?: string;
  /** Hears each warning the server sends back with its answer (`would violate PodSecurity ...`). */
  onWarning?(warning: string): void;
  /** The subresource written through (`scale`): managed fields record it, and PodSecurity does not judge it. */
  subresource?: string;
}

/** Server-side apply: the applier's name, and whether it takes fields other managers own. */
export interface ApplyOptions {
  fieldManager: string;
  /** `--force-conflicts` */
  force?: boolean;
  dryRun?: boolean;
  onWarning?(warning: string): void;
}

export interface DeleteOptions {
  dryRun?: boolean;
  /** Overrides the pod's terminationGracePeriodSeconds; 0 with force removes at once. */
  gracePeriodSeconds?: number;
  /** `Background` (default), `Foreground` or `Orphan`. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  sinceSeconds?: number;
}

export interface LogLine {
  /** Virtual time in ms. */
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ExecOptions {
  container?: string;
  /** Text fed to the command's stdin (`kubectl exec -i ... < file`). */
  stdin?: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface AttachOptions {
  container?: string;
  /** The client writes to the main process's stdin (`kubectl attach -i`). */
  stdin: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A client attached to a container's main process (`kubectl attach`, `run -i`, `debug -i`). */
export interface Attachment {
  /** The process's stdin, when the client may write to it (the container keeps one open). */
  readonly stdin?: InputStream;
  /** The container was started with a terminal. */
  readonly tty: boolean;
  /** The attached process has ended (the stream is over). */
  readonly ended: boolean;
  /** Ctrl-C: on a terminal, SIGINT to the process in the foreground. */
  interrupt(): void;
  /** The client goes away; with stdinOnce the process's stdin closes for good. */
  detach(): void;
}

/**
 * All calls are synchronous and run in virtual time; they throw ApiError on failure.
 * Objects returned are copies: mutate them freely and write them back with update().
 */
export interface ApiServer {
  /** Discovery: every served resource type. */
  resourceTypes(): readonly ResourceType[];

  create(obj: KubeObject, options?: WriteOptions): KubeObject;
  get(kind: string, namespace: string | undefined, name: string): KubeObject;
  /** namespace undefined = all namespaces (or cluster-scoped kinds). */
  list(kind: string, namespace: string | undefined, options?: ListOptions): KubeObject[];
  /** Replaces the object (optimistic concurrency on resourceVersion when the caller sets it). */
  update(obj: KubeObject, options?: WriteOptions): KubeObject;
  /** Writes status only (controllers and kubelet). */
  updateStatus(obj: KubeObject): KubeObject;
  /** Writes a pod's spec.ephemeralContainers (the pods/ephemeralcontainers subresource, `kubectl debug`). */
  updateEphemeralContainers(pod: KubeObject, options?: WriteOptions): KubeObject;
  /** JSON merge patch (RFC 7386) or strategic merge patch (treated as merge for lists of named items). */
  patch(kind: string, namespace: string | undefined, name: string, patch: unknown, type?: 'merge' | 'strategic' | 'json', options?: WriteOptions): KubeObject;
  /**
   * Server-side apply (a PATCH of type application/apply-patch+yaml): creates the object, or merges
   * the configuration into it under the applier's field ownership. Throws a Conflict ApiError when
   * it would change fields other managers own, unless forced.
   */
  apply(obj: KubeObject, options: ApplyOptions): KubeObject;
  delete(kind: string, namespace: string | undefined, name: string, options?: DeleteOptions): KubeObject;

  /** Called for every change of the kind, after it is stored. Returns an unsubscribe function. */
  watch(kind: string, namespace: string | undefined, listener: (event: WatchEvent) => void): () => void;

  /** Container logs (`kubectl logs`). Throws ApiError(BadRequest) with kubectl's texts when unavailable. */
  logs(namespace: string, pod: string, options?: LogOptions): LogLine[];
  /** Runs a command in a container (`kubectl exec`). The program ends with the command's exit code. */
  exec(namespace: string, pod: string, argv: string[], options: ExecOptions): Program;
  /** Joins a container's main process (`kubectl attach`): its output from now on, and its stdin when it keeps one open. */
  attach(namespace: string, pod: string, options: AttachOptions): Attachment;

  /** Current virtual time (ms since the Unix epoch). */
  now(): number;
}

/**
 * What the engine's own components (kubelets, controllers, the event recorder) may do besides the
 * public API: read stored objects without copying them, and write objects the engine built
 * itself. Those writes are trusted to be valid, so they skip decoding, defaulting and validation;
 * the objects they hand over become the stored ones and must not be changed afterwards.
 */
export interface EngineApi extends ApiServer {
  /** The stored object itself, never to be mutated. */
  peek(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /**
   * The stored objects (never to be mutated) of a namespace whose controller has `controllerUid`,
   * or that have no controller when it is undefined; in list order.
   */
  listByController(kind: string, namespace: string, controllerUid: string | undefined): KubeObject[];
  /**
   * Stores `object` in place of the stored object of its kind, namespace and name (which must
   * exist and have the resourceVersion `object` carries): a new version with the same identity.
   */
  replaceTrusted(object: KubeObject): void;
  /**
   * Stores `object`, which the engine built as admission would leave it (an Event), as a new
   * object: not copied, decoded, defaulted nor validated; the server still names, dates and numbers it.
   */
  createTrusted(object: KubeObject): void;
  /** Sets a stored object's status (the status subresource), unless it already equals `status`; returns the stored status. */
  setStatusTrusted(kind: string, namespace: string | undefined, name: string, status: Record<string, unknown>): unknown;
}
