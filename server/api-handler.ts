// The Kubernetes API of the lab's cluster, independent of any transport: requests and answers as
// plain data (server/api-backend.ts), answered through the Session's public interface, shaped as
// a Kubernetes 1.32 API server shapes them. No Node: the desktop app runs it in its page, next
// to the session the terminal and the grader use, while the HTTP transport stays in Node.
import { evictPod } from '../sim/api/eviction';
import { parse as parseYaml } from 'yaml';
import type { ApiWrite, Session } from '../sim/session-types';
import type { KubeObject } from '../sim/api/types';
import type { ResourceType } from '../sim/api/resources';
import type { DeleteOptions, ListOptions } from '../sim/api/server';
import { ApiError, badRequest, isApiError } from '../sim/api/errors';
import { buildListFilter } from '../sim/api/list-filter';
import { listeningForWarnings } from '../sim/api/warning-listener';
import { applyPatch, decodePatchBody, patchResource, scaleOf, scalableKinds, PatchFailure, type PatchType } from '../sim/api/patch';
import { cannotBeHandledMessage, checkTypes, pruneUnknownFields, strictDecode } from '../sim/api/schema';
import { aggregatedDiscovery, aggregatedDiscoveryType, apiGroup, apiGroupList, apiResourceList, apiVersions, withOtherVersions } from './discovery';
import { kindRecord } from '../sim/api/kinds';
import { asTable, tableJson, type IncludeObject } from './table';
import { cachedJson } from './json-cache';
import { answerReview, reviewTypes } from './reviews';
import { proxyGet } from './proxy';
import { readLogs } from './logs';
import { runExec } from './exec-session';
import { portForwardConnection } from './port-forward-streams';
import { openApiDocument, openApiIndex, openApiV2Document } from './openapi';
import { encodeOpenApiV2, openApiV2ProtobufType } from './openapi-v2-protobuf';
import { EventHistory, type RecordedEvent } from './event-history';
import { utf8Bytes } from './bytes';
import type { ApiBackend, ApiExchange, ApiRequest, ChannelSocket, ExecRequest, ForwardConnection, ResponseSink } from './api-backend';
import { failureStatus, methodNotAllowed, notFoundPath, statusForApiError, successStatus, type StatusBody } from './status';

/** What the API server reports as its version (`kubectl version`). */
export const serverVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** How often a watch that allows bookmarks gets one (kube-apiserver sends them about once a minute). */
let bookmarkEveryMs = 60_000;

/** For tests: bookmarks at another pace. */
export function setBookmarkInterval(ms: number): void {
  bookmarkEveryMs = ms;
}

export class HttpFailure extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message ?? '');
  }
}

interface ResourcePath {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** A request that stays open (watch, logs -f, exec, port-forward): it ends when the cluster is rebuilt. */
interface LongRunning {
  close(): void;
}

/** One answer being written: the head once, then the body; `cancel` reaches the closers. */
class Reply {
  headersSent = false;
  private finished = false;
  private readonly cancelers: (() => void)[] = [];

  constructor(private readonly sink: ResponseSink) {}

  json(code: number, body: unknown, contentType = 'application/json', warnings: string[] = []): void {
    this.text(code, JSON.stringify(body), contentType, warnings);
  }

  /** A whole answer; `cacheHeaders` false for answers the API server sends without them (logs, proxy). */
  text(code: number, text: string, contentType = 'application/json', warnings: string[] = [], cacheHeaders = true): void {
    this.whole(code, utf8Bytes(text), contentType, warnings, cacheHeaders);
  }

  bytes(code: number, bytes: Uint8Array, contentType: string): void {
    this.whole(code, bytes, contentType, [], true);
  }

  private whole(code: number, bytes: Uint8Array, contentType: string, warnings: string[], cacheHeaders: boolean): void {
    if (this.headersSent) return;
    const headers: Record<string, string | string[]> = { 'Content-Type': contentType };
    if (cacheHeaders) headers['Cache-Control'] = 'no-cache, private';
    if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    headers['Content-Length'] = String(bytes.length);
    this.headersSent = true;
    this.sink.head(code, headers);
    this.sink.write(bytes);
    this.end();
  }

  /** A chunked answer that stays open. */
  openStream(contentType: string): void {
    this.headersSent = true;
    this.sink.head(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' }, true);
  }

  write(text: string): void {
    if (!this.finished) this.sink.write(text);
  }

  end(): void {
    if (this.finished) return;
    this.finished = true;
    this.sink.end();
  }

  onCancel(listener: () => void): void {
    this.cancelers.push(listener);
  }

  cancel(): void {
    this.finished = true;
    for (const listener of this.cancelers.splice(0)) listener();
  }
}

export class KubeApiHandler implements ApiBackend {
  private readonly histories = new Map<string, EventHistory>();
  private readonly longRunning = new Set<LongRunning>();
  private highestResourceVersion = 0;
  private address = '127.0.0.1:0';
  private readonly unsubscribeSession: () => void;
  private clusterMarker?: { object: unknown; resourceVersion: number };

  /** `onWrite`: after each write that is not a dry run (the app forgets what undo could redo). */
  constructor(
    private readonly session: Session,
    private readonly options: { onWrite?(): void } = {},
  ) {
    this.unsubscribeSession = this.session.onChange(() => this.noticeReset());
  }

  /** Registers a stream that ends when the cluster is rebuilt; returns what forgets it. */
  private track(close: () => void): () => void {
    const stream: LongRunning = { close };
    this.longRunning.add(stream);
    return () => this.longRunning.delete(stream);
  }

  request(request: ApiRequest, sink: ResponseSink): ApiExchange {
    const reply = new Reply(sink);
    this.address = request.serverAddress;
    try {
      this.route(request, reply);
    } catch (error) {
      this.fail(reply, error);
    }
    return { cancel: () => reply.cancel() };
  }

  async admit(namespace: string, pod: string): Promise<StatusBody | undefined> {
    try {
      this.session.api.get('Pod', namespace, pod);
      return undefined;
    } catch (error) {
      if (isApiError(error)) return statusForApiError(error);
      throw error;
    }
  }

  exec(request: ExecRequest, socket: ChannelSocket): void {
    runExec(this.session, request, socket, (close) => this.track(close));
  }

  portForward(namespace: string, pod: string, end: () => void): ForwardConnection {
    const untrack = this.track(end);
    const connection = portForwardConnection(this.session, namespace, pod);
    return {
      accept: (stream) => connection.accept(stream),
      close: () => {
        untrack();
        connection.close();
      },
    };
  }

  /**
   * An exercise starting (or undo) rebuilds the cluster under the session: resource versions start
   * again lower. Open watches then end, as an API server restart ends them, and clients list again.
   */
  private noticeReset(): void {
    const marker = this.session.api.list('Namespace', undefined, { readOnly: true, fieldSelector: 'metadata.name=kube-system' })[0];
    if (!marker) return;
    const resourceVersion = Number(marker.metadata.resourceVersion ?? 0);
    const previous = this.clusterMarker;
    this.clusterMarker = { object: marker, resourceVersion };
    if (!previous || previous.object === marker || resourceVersion > previous.resourceVersion) return;
    this.endStreams();
    this.highestResourceVersion = 0;
  }

  private endStreams(): void {
    for (const stream of [...this.longRunning]) stream.close();
    for (const history of this.histories.values()) history.close();
    this.histories.clear();
  }

  close(): void {
    this.unsubscribeSession();
    this.endStreams();
  }

  private fail(reply: Reply, error: unknown, path?: ResourcePath): void {
    if (reply.headersSent) {
      reply.end();
      return;
    }
    if (error instanceof HttpFailure) reply.json(error.status.code, error.status);
    else if (error instanceof PatchFailure) reply.json(error.server.code, statusForApiError(error.server, path?.type, path?.name));
    else if (isApiError(error)) reply.json(error.code, statusForApiError(error, path?.type, path?.name));
    else {
      const message = error instanceof Error ? error.message : String(error);
      reply.json(500, failureStatus(500, 'InternalError', `Internal error occurred: ${message}`));
    }
  }

  /** Answers the request; returns true when it became a stream that stays open. */
  private route(request: ApiRequest, reply: Reply): boolean {
    const body = request.body;
    const url = new URL(request.url || '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = request.method || 'GET';
    const accept = request.accept;
    // Discovery lists what the cluster serves, as the lab's own `kubectl api-resources` does; the
    // reviews kubectl asks about the caller are answered without being listed.
    const types = withOtherVersions(this.session.api.resourceTypes());

    if (path === '/version') return this.answer(reply, method, () => serverVersion);
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      reply.text(200, 'ok', 'text/plain; charset=utf-8');
      return false;
    }
    if (path === '/api') {
      if (accept.includes('as=APIGroupDiscoveryList') && accept.includes('v=v2;')) {
        return this.answer(reply, method, () => aggregatedDiscovery(types, true), aggregatedDiscoveryType);
      }
      return this.answer(reply, method, () => apiVersions(this.address));
    }
    if (path === '/apis') {
      if (accept.includes('as=APIGroupDiscoveryList') && accept.includes('v=v2;')) {
        return this.answer(reply, method, () => aggregatedDiscovery(types, false), aggregatedDiscoveryType);
      }
      return this.answer(reply, method, () => apiGroupList(types));
    }
    if (path === '/openapi/v2') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpFailure(methodNotAllowed());
      const document = openApiV2Document(types);
      if (!accept.includes('application/com.github.proto-openapi.spec.v2')) return this.answer(reply, method, () => document);
      const bytes = encodeOpenApiV2(document);
      reply.bytes(200, bytes, openApiV2ProtobufType);
      return false;
    }
    if (path === '/openapi/v3') return this.answer(reply, method, () => openApiIndex(types));
    if (path.startsWith('/openapi/v3/')) {
      const parts = path.slice('/openapi/v3/'.length).split('/');
      const document = parts[0] === 'api' && parts.length === 2 ? openApiDocument(types, '', parts[1]) : parts[0] === 'apis' && parts.length === 3 ? openApiDocument(types, parts[1], parts[2]) : undefined;
      if (!document) throw new HttpFailure(notFoundPath());
      return this.answer(reply, method, () => document);
    }
    const proxy = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)\/proxy(\/.*)?$/.exec(path === url.pathname ? path : url.pathname);
    if (proxy) {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpFailure(methodNotAllowed());
      this.proxy(reply, decodeURIComponent(proxy[1]), proxy[2] as 'pods' | 'services', decodeURIComponent(proxy[3]), `${proxy[4] ?? '/'}${url.search}`);
      return false;
    }
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments.length >= 2) {
      group = '';
      version = segments[1];
      rest = segments.slice(2);
    } else if (segments[0] === 'apis' && segments.length === 2) {
      const document = apiGroup(types, segments[1]);
      if (!document) throw new HttpFailure(notFoundPath());
      return this.answer(reply, method, () => document);
    } else if (segments[0] === 'apis' && segments.length >= 3) {
      group = segments[1];
      version = segments[2];
      rest = segments.slice(3);
    } else {
      throw new HttpFailure(notFoundPath());
    }
    if (rest.length === 0) {
      const document = apiResourceList(types, group, version);
      if (!document) throw new HttpFailure(notFoundPath());
      return this.answer(reply, method, () => document);
    }
    const target = this.resolvePath([...types, ...reviewTypes], group, version, rest);
    try {
      return this.resource(request, reply, url, method, accept, target, body);
    } catch (error) {
      this.fail(reply, error, target);
      return false;
    }
  }

  private answer(reply: Reply, method: string, document: () => unknown, contentType = 'application/json'): boolean {
    if (method !== 'GET' && method !== 'HEAD') throw new HttpFailure(methodNotAllowed());
    reply.json(200, document(), contentType);
    return false;
  }

  private resolvePath(types: readonly ResourceType[], group: string, version: string, rest: string[]): ResourcePath {
    const find = (plural: string) => types.find((t) => t.group === group && t.version === version && t.plural === plural);
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      const type = find(rest[2]);
      if (type && type.namespaced && rest.length <= 5) return { type, namespace: rest[1], name: rest[3], subresource: rest[4] };
      if (rest.length > 3) throw new HttpFailure(notFoundPath());
    }
    const type = find(rest[0]);
    if (!type || rest.length > 3) throw new HttpFailure(notFoundPath());
    return { type, name: rest[1], subresource: rest[2] };
  }

  // ---- resources ----

  private resource(request: ApiRequest, reply: Reply, url: URL, method: string, accept: string, target: ResourcePath, body: string): boolean {
    const { type, namespace, name, subresource } = target;
    const query = url.searchParams;
    const dryRun = query.getAll('dryRun').includes('All');
    if (reviewTypes.includes(type)) {
      if (method !== 'POST' || name !== undefined) throw new HttpFailure(methodNotAllowed());
      reply.json(201, answerReview(type.kind, this.decodeBody(body, request.contentType, type) as unknown as Record<string, unknown>));
      return false;
    }
    if (name === undefined) {
      switch (method) {
        case 'GET':
          if (isTrue(query.get('watch'))) return this.watch(reply, type, namespace, query, accept);
          this.list(reply, type, namespace, query, accept);
          return false;
        case 'POST':
          this.create(reply, type, namespace, body, request.contentType, query, dryRun);
          return false;
        case 'DELETE':
          this.deleteCollection(reply, type, namespace, query, body);
          return false;
        default:
          throw new HttpFailure(methodNotAllowed());
      }
    }
    if (subresource === 'log' && type.kind === 'Pod') {
      if (method !== 'GET') throw new HttpFailure(methodNotAllowed());
      return this.logs(reply, namespace ?? 'default', name, query);
    }
    if (subresource === 'scale' && scalableKinds.includes(type.kind)) return this.scale(reply, method, target, body, request.contentType, dryRun);
    if (subresource === 'eviction' && type.kind === 'Pod' && method === 'POST') {
      // The Eviction's deleteOptions carry the grace period (kubectl drain --grace-period).
      const grace = evictionGracePeriod(body);
      this.write({ verb: 'evict', kind: 'Pod', namespace: namespace ?? 'default', name, options: grace !== undefined ? { gracePeriodSeconds: grace } : {} }, dryRun);
      this.settle();
      reply.json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      return false;
    }
    if (subresource !== undefined && subresource !== 'status' && !(subresource === 'ephemeralcontainers' && type.kind === 'Pod')) throw new HttpFailure(notFoundPath());
    switch (method) {
      case 'GET': {
        const obj = withTypeMeta(this.session.api.get(type.kind, namespace, name), type);
        if (accept.includes('as=Table')) {
          reply.json(200, asTable(type, [obj], this.session.api.now(), obj.metadata.resourceVersion ?? '', includeObject(query)));
        } else reply.json(200, obj);
        return false;
      }
      case 'PUT':
        this.update(reply, target, body, request.contentType, query, dryRun);
        return false;
      case 'PATCH':
        this.patch(reply, target, body, request.contentType, dryRun, query);
        return false;
      case 'DELETE':
        this.delete(reply, target, body, query, dryRun);
        return false;
      default:
        throw new HttpFailure(methodNotAllowed());
    }
  }

  private listOptions(type: ResourceType, query: URLSearchParams): ListOptions {
    const options: ListOptions = { readOnly: true };
    const labelSelector = query.get('labelSelector');
    const fieldSelector = query.get('fieldSelector');
    if (labelSelector) options.labelSelector = labelSelector;
    if (fieldSelector) options.fieldSelector = fieldSelector;
    // Fails here with the server's BadRequest when a selector cannot be parsed.
    buildListFilter(type.kind, options);
    return options;
  }

  private list(reply: Reply, type: ResourceType, namespace: string | undefined, query: URLSearchParams, accept: string): void {
    const objects = this.session.api.list(type.kind, namespace, this.listOptions(type, query)).map((obj) => withTypeMeta(obj, type));
    this.history(type);
    const resourceVersion = String(this.currentResourceVersion(objects));
    if (accept.includes('as=Table')) {
      reply.text(200, tableJson(type, objects, this.session.api.now(), resourceVersion, includeObject(query)));
      return;
    }
    const head = JSON.stringify({ kind: `${type.kind}List`, apiVersion: type.group ? `${type.group}/${type.version}` : type.version, metadata: { resourceVersion } });
    reply.text(200, `${head.slice(0, -1)},"items":[${objects.map(cachedJson).join(',')}]}`);
  }

  private currentResourceVersion(objects: KubeObject[]): number {
    for (const obj of objects) this.highestResourceVersion = Math.max(this.highestResourceVersion, Number(obj.metadata.resourceVersion ?? 0));
    return this.highestResourceVersion;
  }

  /** The shared event history of a kind, subscribed on first use. */
  private history(type: ResourceType): EventHistory | undefined {
    if (type.group === 'metrics.k8s.io') return undefined;
    let history = this.histories.get(type.kind);
    if (!history) {
      this.noticeReset();
      history = new EventHistory(this.session.api, type.kind, this.highestResourceVersion, (version) => {
        this.highestResourceVersion = Math.max(this.highestResourceVersion, version);
      });
      this.histories.set(type.kind, history);
    }
    return history;
  }

  private decodeBody(body: string, contentType: string | undefined, type: ResourceType): KubeObject {
    let value: unknown;
    const isYaml = /yaml/.test(contentType ?? '');
    try {
      value = isYaml ? parseYaml(body, { version: '1.1' }) : JSON.parse(body);
    } catch (error) {
      const detail = (error as Error).message.replace(/^JSON\.parse: /, '');
      throw badRequest(`couldn't get version/kind; json parse error: ${detail}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw badRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
    }
    const obj = value as KubeObject;
    const expected = type.group ? `${type.group}/${type.version}` : type.version;
    obj.apiVersion ||= expected;
    obj.kind ||= type.kind;
    if (obj.apiVersion !== expected) throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
    if (obj.kind !== type.kind) throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${type.kind})`);
    obj.metadata ??= {};
    // Sent in another version of its kind (autoscaling/v1): decoded into the served one.
    kindRecord(type.kind)?.otherVersions?.[expected]?.toServed(obj);
    return obj;
  }

  /** Decoding under `fieldValidation`: type errors always fail, unknown fields per the mode. */
  private fieldChecks(obj: KubeObject, query: URLSearchParams): string[] {
    const typeError = checkTypes(obj);
    if (typeError) throw badRequest(cannotBeHandledMessage(obj, typeError));
    const mode = query.get('fieldValidation') ?? 'Warn';
    const unknown = mode === 'Ignore' ? [] : strictDecode(obj);
    if (unknown.length > 0 && mode === 'Strict') throw badRequest(cannotBeHandledMessage(obj, `strict decoding error: ${unknown.join(', ')}`));
    pruneUnknownFields(obj);
    return unknown;
  }

  private checkNamespace(obj: KubeObject, type: ResourceType, namespace: string | undefined): void {
    if (!type.namespaced) return;
    if (obj.metadata.namespace && namespace !== undefined && obj.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (namespace !== undefined) obj.metadata.namespace = namespace;
  }

  private create(reply: Reply, type: ResourceType, namespace: string | undefined, body: string, contentType: string | undefined, query: URLSearchParams, dryRun: boolean): void {
    if (!type.verbs.includes('create')) throw new HttpFailure(methodNotAllowed());
    const obj = this.decodeBody(body, contentType, type);
    this.checkNamespace(obj, type, namespace);
    const warnings = this.fieldChecks(obj, query);
    const created = this.write({ verb: 'create', object: obj, fieldManager: query.get('fieldManager') ?? undefined }, dryRun);
    if (!dryRun) this.settle();
    reply.json(201, withTypeMeta(created.object, type), 'application/json', [...warnings, ...created.warnings]);
  }

  private update(reply: Reply, target: ResourcePath, body: string, contentType: string | undefined, query: URLSearchParams, dryRun: boolean): void {
    const { type, namespace, name, subresource } = target;
    const obj = this.decodeBody(body, contentType, type);
    this.checkNamespace(obj, type, namespace);
    if (obj.metadata.name && obj.metadata.name !== name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    obj.metadata.name = name;
    const warnings = this.fieldChecks(obj, query);
    let written: KubeObject;
    if (subresource === 'status') {
      if (dryRun) {
        const current = this.session.api.get(type.kind, namespace, name!);
        written = { ...current, status: obj.status };
      } else written = this.write({ verb: 'update-status', object: obj }, false).object;
    } else {
      const updated = this.write({ verb: 'update', object: obj, fieldManager: query.get('fieldManager') ?? undefined }, dryRun);
      written = updated.object;
      warnings.push(...updated.warnings);
    }
    if (!dryRun) this.settle();
    reply.json(200, withTypeMeta(written, type), 'application/json', warnings);
  }

  private patch(reply: Reply, target: ResourcePath, body: string, contentType: string | undefined, dryRun: boolean, query?: URLSearchParams): void {
    if ((contentType ?? '').split(';')[0].trim() === 'application/apply-patch+yaml' && (target.subresource ?? '') === '') {
      this.serverSideApply(reply, target, body, dryRun, query ?? new URLSearchParams());
      return;
    }
    const patchType = patchTypeOf(contentType);
    const { type, namespace, name, subresource } = target;
    const patch = decodePatchBody(body, patchType);
    const otherVersion = kindRecord(type.kind)?.otherVersions?.[`${type.group}/${type.version}`];
    if (otherVersion && (subresource ?? '') === '') {
      // A patch sent through another version of the kind (autoscaling/v1) applies to the object in that version.
      const live = otherVersion.fromServed(this.session.api.get(type.kind, namespace, name!));
      let patched: KubeObject;
      try {
        patched = applyPatch(live, patch, patchType, type.kind) as KubeObject;
      } catch (error) {
        throw error instanceof PatchFailure ? error.server : error;
      }
      patched.status = live.status;
      const written = this.write({ verb: 'update', object: patched }, dryRun).object;
      if (!dryRun) this.settle();
      reply.json(200, withTypeMeta(written, type));
      return;
    }
    const result = this.write({ verb: 'patch', kind: type.kind, namespace, name: name!, patch, patchType, subresource: subresource ?? '', fieldManager: query?.get('fieldManager') ?? undefined }, dryRun);
    if (!dryRun) this.settle();
    reply.json(200, subresource === 'scale' ? result.object : withTypeMeta(result.object, type), 'application/json', result.warnings);
  }

  /**
   * Server-side apply (`kubectl apply --server-side`): the configuration is merged into the
   * object (created when missing) under the field ownership of the query's fieldManager.
   */
  private serverSideApply(reply: Reply, target: ResourcePath, body: string, dryRun: boolean, query: URLSearchParams): void {
    const { type, namespace, name } = target;
    const fieldManager = query.get('fieldManager');
    if (!fieldManager) throw new ApiError('Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const applied = this.decodeBody(body, 'application/yaml', type);
    if (applied.metadata.name && applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
    applied.metadata.name = name;
    this.checkNamespace(applied, type, namespace);
    const warnings = this.fieldChecks(applied, query);
    const existed = this.exists(type, namespace, name!);
    const write: ApiWrite = { verb: 'apply', object: applied, fieldManager, force: query.get('force') === 'true' };
    const written = this.write(write, dryRun);
    const result = written.object;
    warnings.push(...written.warnings);
    if (!dryRun) this.settle();
    reply.json(existed ? 200 : 201, withTypeMeta(result, type), 'application/json', warnings);
  }

  private scale(reply: Reply, method: string, target: ResourcePath, body: string, contentType: string | undefined, dryRun: boolean): boolean {
    const { type, namespace, name } = target;
    if (method === 'GET') {
      reply.json(200, scaleOf(this.session.api.get(type.kind, namespace, name!)));
      return false;
    }
    if (method === 'PATCH') {
      this.patch(reply, target, body, contentType, dryRun);
      return false;
    }
    if (method === 'PUT') {
      let scale: KubeObject;
      try {
        scale = JSON.parse(body) as KubeObject;
      } catch (error) {
        throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
      }
      const result = this.write({ verb: 'patch', kind: type.kind, namespace, name: name!, patch: { spec: { replicas: scale?.spec?.replicas } }, patchType: 'merge', subresource: 'scale' }, dryRun);
      if (!dryRun) this.settle();
      reply.json(200, result.object);
      return false;
    }
    throw new HttpFailure(methodNotAllowed());
  }

  private deleteOptions(body: string, query: URLSearchParams, dryRun: boolean): DeleteOptions {
    let fromBody: Record<string, unknown> = {};
    if (body.trim() !== '') {
      try {
        fromBody = JSON.parse(body) as Record<string, unknown>;
      } catch (error) {
        throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
      }
    }
    const options: DeleteOptions = { dryRun: dryRun || (Array.isArray(fromBody.dryRun) && fromBody.dryRun.includes('All')) };
    const grace = query.get('gracePeriodSeconds') ?? fromBody.gracePeriodSeconds;
    if (grace !== undefined && grace !== null) options.gracePeriodSeconds = Number(grace);
    const policy = query.get('propagationPolicy') ?? fromBody.propagationPolicy;
    if (policy === 'Background' || policy === 'Foreground' || policy === 'Orphan') options.propagationPolicy = policy;
    else if (policy !== undefined && policy !== null) throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    return options;
  }

  private delete(reply: Reply, target: ResourcePath, body: string, query: URLSearchParams, dryRun: boolean): void {
    const { type, namespace, name } = target;
    if (!type.verbs.includes('delete')) throw new HttpFailure(methodNotAllowed());
    const options = this.deleteOptions(body, query, dryRun);
    const deleted = this.write({ verb: 'delete', kind: type.kind, namespace, name: name!, options }, options.dryRun === true).object;
    if (!options.dryRun) this.settle();
    const stillThere = this.exists(type, namespace, name!);
    // A graceful deletion answers with the object being deleted; a finished one with a Status.
    if (stillThere || options.dryRun) reply.json(200, withTypeMeta(deleted, type));
    else reply.json(200, successStatus(type, name!, deleted.metadata.uid));
  }

  private exists(type: ResourceType, namespace: string | undefined, name: string): boolean {
    try {
      this.session.api.get(type.kind, namespace, name);
      return true;
    } catch (error) {
      if (isApiError(error) && error.reason === 'NotFound') return false;
      throw error;
    }
  }

  private deleteCollection(reply: Reply, type: ResourceType, namespace: string | undefined, query: URLSearchParams, body: string): void {
    if (!type.verbs.includes('deletecollection')) throw new HttpFailure(methodNotAllowed());
    const dryRun = query.getAll('dryRun').includes('All');
    const options = this.deleteOptions(body, query, dryRun);
    const objects = this.session.api.list(type.kind, namespace, this.listOptions(type, query));
    const deleted = objects.map((obj) => withTypeMeta(this.write({ verb: 'delete', kind: type.kind, namespace: obj.metadata.namespace, name: obj.metadata.name!, options }, options.dryRun === true).object, type));
    if (!options.dryRun) this.settle();
    reply.json(200, {
      kind: `${type.kind}List`,
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      metadata: { resourceVersion: String(this.highestResourceVersion) },
      items: deleted,
    });
  }

  private proxy(reply: Reply, namespace: string, kind: 'pods' | 'services', target: string, rest: string): void {
    const answer = proxyGet(this.session, namespace, kind, target, rest);
    if ('body' in answer) {
      reply.text(answer.status, answer.body, answer.contentType, [], false);
    } else reply.json(answer.code, answer);
  }

  /**
   * A write: recorded in the session's journal with the learner's commands (undo takes it back,
   * resume replays it), unless it is a dry run.
   */
  private write(write: ApiWrite, dryRun: boolean): { object: KubeObject; warnings: string[] } {
    if (!dryRun) {
      const result = this.session.writeThroughApi(write);
      this.options.onWrite?.();
      return result;
    }
    // A dry run is admitted like the write itself, warnings included.
    const admissionWarnings: string[] = [];
    const api = listeningForWarnings(this.session.api, (warning) => admissionWarnings.push(warning));
    switch (write.verb) {
      case 'create':
        return { object: api.create(write.object, { dryRun, fieldManager: write.fieldManager }), warnings: admissionWarnings };
      case 'update':
        return { object: api.update(write.object, { dryRun, fieldManager: write.fieldManager }), warnings: admissionWarnings };
      case 'update-status':
        return { object: api.updateStatus(write.object), warnings: [] };
      case 'apply':
        return { object: api.apply(write.object, { fieldManager: write.fieldManager, force: write.force, dryRun }), warnings: admissionWarnings };
      case 'patch': {
        const result = patchResource(api, { kind: write.kind, namespace: write.namespace, name: write.name, patch: write.patch, type: write.patchType, dryRun, subresource: write.subresource, fieldManager: write.fieldManager });
        return { ...result, warnings: [...result.warnings, ...admissionWarnings] };
      }
      case 'delete':
        return { object: api.delete(write.kind, write.namespace, write.name, { ...write.options, dryRun }), warnings: [] };
      case 'evict':
        return { object: evictPod(api, write.namespace, write.name, { ...write.options, dryRun }), warnings: [] };
    }
  }

  /** Lets controllers react to a write at the current instant, as they would right after it. */
  private settle(): void {
    this.session.clock.advanceBy(0);
  }

  // ---- streams ----

  private openStream(reply: Reply, contentType: string): { write(text: string): void; end(): void; onClose(cb: () => void): void } {
    reply.openStream(contentType);
    let ended = false;
    const closers: (() => void)[] = [];
    const stream: LongRunning = {
      close: () => {
        if (ended) return;
        ended = true;
        this.longRunning.delete(stream);
        for (const closer of closers) closer();
        reply.end();
      },
    };
    this.longRunning.add(stream);
    reply.onCancel(() => stream.close());
    return {
      write: (text) => {
        if (!ended) reply.write(text);
      },
      end: () => stream.close(),
      onClose: (cb) => closers.push(cb),
    };
  }

  private watch(reply: Reply, type: ResourceType, namespace: string | undefined, query: URLSearchParams, accept: string): boolean {
    const history = this.history(type);
    if (!history) throw new HttpFailure(methodNotAllowed());
    const options = this.listOptions(type, query);
    const filter = buildListFilter(type.kind, options);
    const matches = (obj: KubeObject | undefined): boolean =>
      obj !== undefined && (!type.namespaced || namespace === undefined || obj.metadata.namespace === namespace) && (!filter || filter(obj));
    const asTableRows = accept.includes('as=Table');
    const include = includeObject(query);
    let sentColumns = false;
    const stream = this.openStream(reply, 'application/json');
    const send = (eventType: string, obj: KubeObject) => {
      const object = withTypeMeta(obj, type);
      const payload = asTableRows ? asTable(type, [object], this.session.api.now(), object.metadata.resourceVersion ?? '', include, !sentColumns) : object;
      sentColumns = true;
      stream.write(JSON.stringify({ type: eventType, object: payload }) + '\n');
    };
    const deliver = (event: RecordedEvent) => {
      const now = matches(event.object);
      const before = event.type === 'MODIFIED' ? matches(event.oldObject) : now;
      if (event.type === 'MODIFIED') {
        if (now && before) send('MODIFIED', event.object);
        else if (now) send('ADDED', event.object);
        else if (before) send('DELETED', event.object);
      } else if (now) send(event.type, event.object);
    };
    const requested = query.get('resourceVersion');
    // The client has seen up to its resourceVersion: bookmarks never go back before it.
    const fromVersion = Number(requested) || 0;
    if (!requested || requested === '0') {
      for (const obj of this.session.api.list(type.kind, namespace, options)) send('ADDED', obj);
    } else {
      for (const event of history.after(Number(requested))) deliver(event);
    }
    const unsubscribe = history.listen(deliver);
    stream.onClose(unsubscribe);
    const timeout = Number(query.get('timeoutSeconds') ?? 0);
    // Without a timeout the server ends a watch after 30 to 60 minutes (kube-apiserver's min-request-timeout).
    const limit = timeout > 0 ? timeout * 1000 : 1800_000 + Math.floor(Math.random() * 1800_000);
    const timer = setTimeout(() => stream.end(), limit);
    stream.onClose(() => clearTimeout(timer));
    if (isTrue(query.get('allowWatchBookmarks'))) {
      // A bookmark tells the client how far it has seen, so it can resume there after the watch ends.
      const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
      const bookmarks = setInterval(() => {
        const object = { kind: type.kind, apiVersion, metadata: { resourceVersion: String(Math.max(fromVersion, this.highestResourceVersion)) } };
        stream.write(JSON.stringify({ type: 'BOOKMARK', object }) + '\n');
      }, bookmarkEveryMs);
      stream.onClose(() => clearInterval(bookmarks));
    }
    reply.onCancel(() => stream.end());
    return true;
  }

  private logs(reply: Reply, namespace: string, name: string, query: URLSearchParams): boolean {
    const answer = readLogs(this.session, namespace, name, query);
    if (!answer.follow) {
      reply.text(200, answer.text, 'text/plain', [], false);
      return false;
    }
    const stream = this.openStream(reply, 'text/plain');
    stream.write(answer.text);
    answer.follow(stream);
    reply.onCancel(() => stream.end());
    return true;
  }
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function patchTypeOf(contentType: string | undefined): PatchType {
  const type = (contentType ?? '').split(';')[0].trim();
  switch (type) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    default:
      throw new HttpFailure(
        failureStatus(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`),
      );
  }
}

/** Objects in answers carry their kind and apiVersion. */
function withTypeMeta(obj: KubeObject, type: ResourceType): KubeObject {
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  if (obj.kind === type.kind && obj.apiVersion === apiVersion) return obj;
  // Asked for through another version of its kind (autoscaling/v1): the object converted to it.
  return kindRecord(type.kind)?.otherVersions?.[apiVersion]?.fromServed(obj) ?? { ...obj, apiVersion, kind: type.kind };
}

/** The grace period an Eviction's deleteOptions give, if its body says one. */
function evictionGracePeriod(body: string): number | undefined {
  try {
    const grace = (JSON.parse(body || '{}') as { deleteOptions?: { gracePeriodSeconds?: unknown } }).deleteOptions?.gracePeriodSeconds;
    return typeof grace === 'number' ? grace : undefined;
  } catch {
    return undefined;
  }
}
