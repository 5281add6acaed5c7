// The simulated cluster as a Kubernetes API on the loopback interface: a thin translation of HTTP
// requests onto the Session's public interface, so the real kubectl (and k9s, Lens) can drive the
// lab's cluster. Every request must carry the run's bearer token; answers and errors are shaped as
// a Kubernetes 1.32 API server shapes them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createServer, type Server } from 'node:https';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import type { Session } from '../sim/session-types';
import type { KubeObject } from '../sim/api/types';
import type { ResourceType } from '../sim/api/resources';
import type { DeleteOptions, ListOptions } from '../sim/api/server';
import { badRequest, isApiError } from '../sim/api/errors';
import { buildListFilter } from '../sim/api/list-filter';
import { decodePatchBody, patchResource, scaleOf, scalableKinds, PatchFailure, type PatchType } from '../sim/api/patch';
import { cannotBeHandledMessage, checkTypes, pruneUnknownFields, strictDecode } from '../sim/api/schema';
import { aggregatedDiscovery, aggregatedDiscoveryType, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery';
import { asTable, tableJson, type IncludeObject } from './table';
import { cachedJson } from './json-cache';
import { loopbackCertificate, type LoopbackCertificate } from './certificate';
import { decodeKubernetesProtobuf } from './protobuf';
import { answerReview, reviewTypes } from './reviews';
import { proxyGet } from './proxy';
import { readLogs } from './logs';
import { ExecSessions } from './exec';
import { PortForwardSessions } from './port-forward';
import { openApiDocument, openApiIndex, openApiV2Document } from './openapi';
import { encodeOpenApiV2, openApiV2ProtobufType } from './openapi-v2-protobuf';
import { EventHistory, type RecordedEvent } from './event-history';
import { badRequestStatus, failureStatus, methodNotAllowed, notFoundPath, statusForApiError, successStatus, unauthorized, type StatusBody } from './status';

export interface KubeApiServerOptions {
  session: Session;
  /** The bearer token every request must carry; a random one when not given. */
  token?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Certificate and key; a new self-signed pair for 127.0.0.1 when not given. */
  tls?: LoopbackCertificate;
  /** Called once per request with `METHOD path status`, for `podlab serve --verbose` and tests. */
  onRequest?(line: string): void;
  /** Called once per answered request with the time the server took, from the request's arrival to the answer handed to the socket. */
  onAnswered?(answer: { method: string; url: string; status: number; ms: number }): void;
}

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

const maxBodyBytes = 3 * 1024 * 1024;

/** How often a watch that allows bookmarks gets one (kube-apiserver sends them about once a minute). */
let bookmarkEveryMs = 60_000;

/** For tests: bookmarks at another pace. */
export function setBookmarkInterval(ms: number): void {
  bookmarkEveryMs = ms;
}

/** When each answer was handed to the socket: the server's own time ends there (TLS and the network follow). */
const answeredAt = new WeakMap<ServerResponse, number>();

class HttpFailure extends Error {
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

/** A request that stays open (watch, logs -f, exec): the clock driver lets time run while one is. */
interface LongRunning {
  close(): void;
}

export class KubeApiServer {
  readonly token: string;
  /** The server's self-signed certificate (PEM), the certificate authority clients trust. */
  readonly certificate: string;
  private readonly session: Session;
  private readonly server: Server;
  private readonly histories = new Map<string, EventHistory>();
  private readonly longRunning = new Set<LongRunning>();
  private highestResourceVersion = 0;
  private address = '127.0.0.1:0';
  private readonly onRequest?: (line: string) => void;
  private readonly onAnswered?: KubeApiServerOptions['onAnswered'];
  private requestsInFlight = 0;
  private lastActivity = Date.now();
  private readonly requestedPort: number;

  constructor(options: KubeApiServerOptions) {
    this.session = options.session;
    this.token = options.token ?? randomBytes(32).toString('hex');
    this.onRequest = options.onRequest;
    this.onAnswered = options.onAnswered;
    this.requestedPort = options.port ?? 0;
    const tls: LoopbackCertificate = options.tls ?? loopbackCertificate();
    this.certificate = tls.cert;
    this.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
    const track = (close: () => void) => {
      const stream: LongRunning = { close };
      this.longRunning.add(stream);
      return () => this.longRunning.delete(stream);
    };
    this.execSessions = new ExecSessions(this.session, track);
    this.portForwards = new PortForwardSessions(this.session, track);
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.unsubscribeSession = this.session.onChange(() => this.noticeReset());
  }

  private readonly unsubscribeSession: () => void;
  private readonly execSessions: ExecSessions;
  private readonly portForwards: PortForwardSessions;

  /**
   * exec and attach: a WebSocket upgrade (kubectl 1.32's first choice); port-forward: SPDY
   * tunnelled through a WebSocket, or SPDY/3.1 itself; anything else is refused.
   */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: StatusBody) => {
      const text = JSON.stringify(status);
      const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status.code] ?? 'Error';
      socket.end(`HTTP/1.1 ${status.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
    };
    socket.on('error', () => socket.destroy());
    if (req.headers.authorization !== `Bearer ${this.token}`) return refuse(unauthorized());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)$/.exec(url.pathname);
    if (!match) return refuse(notFoundPath());
    const upgradeTo = String(req.headers.upgrade ?? '').toLowerCase();
    if (match[3] === 'portforward' && !(upgradeTo === 'websocket' ? PortForwardSessions.offersTunnel(req) : upgradeTo === 'spdy/3.1')) {
      return refuse(badRequestStatus('port-forward is served over WebSocket (SPDY/3.1+portforward.k8s.io) and SPDY/3.1'));
    }
    if (match[3] !== 'portforward' && upgradeTo !== 'websocket') {
      return refuse(badRequestStatus('only WebSocket upgrades (v5.channel.k8s.io) are served for exec and attach'));
    }
    const [, namespace, pod] = match.map(decodeURIComponent);
    try {
      this.session.api.get('Pod', namespace, pod);
    } catch (error) {
      if (isApiError(error)) return refuse(statusForApiError(error));
      throw error;
    }
    const query = url.searchParams;
    this.onRequest?.(`${req.method} ${req.url} 101`);
    if (match[3] === 'portforward') return this.portForwards.upgrade(req, socket, head, namespace, pod);
    this.execSessions.upgrade(req, socket, head, {
      namespace,
      pod,
      container: query.get('container') ?? undefined,
      command: query.getAll('command'),
      attach: match[3] === 'attach',
      stdin: isTrue(query.get('stdin')),
      tty: isTrue(query.get('tty')),
    });
  }
  private clusterMarker?: { object: unknown; resourceVersion: number };

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
    for (const stream of [...this.longRunning]) stream.close();
    for (const history of this.histories.values()) history.close();
    this.histories.clear();
    this.highestResourceVersion = 0;
  }

  /** Listens on 127.0.0.1 only; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolvePort, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.requestedPort, '127.0.0.1', () => {
        this.server.off('error', onError);
        const port = (this.server.address() as AddressInfo).port;
        this.address = `127.0.0.1:${port}`;
        resolvePort(port);
      });
    });
  }

  get url(): string {
    return `https://${this.address}`;
  }

  /** Open watches, log streams and exec sessions. */
  get openStreams(): number {
    return this.longRunning.size;
  }

  /** True when no ordinary request is being answered and none came in for `quietMs`. */
  isQuiet(quietMs: number): boolean {
    return this.requestsInFlight === 0 && Date.now() - this.lastActivity >= quietMs;
  }

  /** Counts as activity: the clock driver waits `quietMs` after it before moving time again. */
  markActivity(): void {
    this.lastActivity = Date.now();
  }

  /** Ends every open stream and stops listening. */
  close(): Promise<void> {
    this.unsubscribeSession();
    this.execSessions.closeAll();
    this.portForwards.closeAll();
    for (const stream of [...this.longRunning]) stream.close();
    for (const history of this.histories.values()) history.close();
    this.histories.clear();
    return new Promise((resolveClose) => {
      this.server.close(() => resolveClose());
      this.server.closeAllConnections();
    });
  }

  // ---- request handling ----

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requestsInFlight++;
    this.lastActivity = Date.now();
    const arrived = performance.now();
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.requestsInFlight--;
      this.lastActivity = Date.now();
      const ms = (answeredAt.get(res) ?? performance.now()) - arrived;
      this.onRequest?.(`${req.method} ${req.url} ${res.statusCode} ${ms.toFixed(1)}ms`);
      this.onAnswered?.({ method: req.method ?? '', url: req.url ?? '', status: res.statusCode, ms });
    };
    res.on('close', done);
    res.on('finish', done);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      req.resume();
      this.sendJson(res, 401, unauthorized());
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '');
    if (/cbor/.test(contentType)) {
      req.resume();
      this.sendJson(res, 415, failureStatus(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf'));
      return;
    }
    this.readBody(req)
      .then((bytes) => {
        // kubectl's typed clients (create deployment, configmap, ...) send protobuf: read it as JSON.
        const body = /protobuf/.test(contentType) && bytes.length > 0 ? JSON.stringify(decodeKubernetesProtobuf(bytes)) : bytes.toString('utf8');
        // A stream counts as open, not as a request in flight, so the clock driver can run time.
        const streaming = this.route(req, res, body);
        if (streaming) done();
      })
      .catch((error: unknown) => this.fail(res, error));
  }

  private readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolveBody, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          // The rest is read and dropped, so the 413 reaches the client.
          if (!tooLarge) reject(new HttpFailure(failureStatus(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728')));
          tooLarge = true;
          chunks.length = 0;
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolveBody(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  private fail(res: ServerResponse, error: unknown, path?: ResourcePath): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error instanceof HttpFailure) this.sendJson(res, error.status.code, error.status);
    else if (error instanceof PatchFailure) this.sendJson(res, error.server.code, statusForApiError(error.server, path?.type, path?.name));
    else if (isApiError(error)) this.sendJson(res, error.code, statusForApiError(error, path?.type, path?.name));
    else {
      const message = error instanceof Error ? error.message : String(error);
      this.sendJson(res, 500, failureStatus(500, 'InternalError', `Internal error occurred: ${message}`));
    }
  }

  private sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', warnings: string[] = []): void {
    this.sendText(res, code, JSON.stringify(body), contentType, warnings);
  }

  private sendText(res: ServerResponse, code: number, text: string, contentType = 'application/json', warnings: string[] = []): void {
    res.statusCode = code;
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-cache, private');
    if (warnings.length > 0) res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`));
    res.setHeader('Content-Length', Buffer.byteLength(text));
    answeredAt.set(res, performance.now());
    res.end(text);
  }

  /** Answers the request; returns true when it became a stream that stays open. */
  private route(req: IncomingMessage, res: ServerResponse, body: string): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const accept = String(req.headers.accept ?? '');
    // Discovery lists what the cluster serves, as the lab's own `kubectl api-resources` does; the
    // reviews kubectl asks about the caller are answered without being listed.
    const types = this.session.api.resourceTypes();

    if (path === '/version') return this.answer(res, method, () => serverVersion);
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('ok');
      return false;
    }
    if (path === '/api') {
      if (accept.includes('as=APIGroupDiscoveryList') && accept.includes('v=v2;')) {
        return this.answer(res, method, () => aggregatedDiscovery(types, true), aggregatedDiscoveryType);
      }
      return this.answer(res, method, () => apiVersions(this.address));
    }
    if (path === '/apis') {
      if (accept.includes('as=APIGroupDiscoveryList') && accept.includes('v=v2;')) {
        return this.answer(res, method, () => aggregatedDiscovery(types, false), aggregatedDiscoveryType);
      }
      return this.answer(res, method, () => apiGroupList(types));
    }
    if (path === '/openapi/v2') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpFailure(methodNotAllowed());
      const document = openApiV2Document(types);
      if (!accept.includes('application/com.github.proto-openapi.spec.v2')) return this.answer(res, method, () => document);
      const bytes = encodeOpenApiV2(document);
      res.statusCode = 200;
      res.setHeader('Content-Type', openApiV2ProtobufType);
      res.setHeader('Cache-Control', 'no-cache, private');
      res.setHeader('Content-Length', bytes.length);
      answeredAt.set(res, performance.now());
      res.end(bytes);
      return false;
    }
    if (path === '/openapi/v3') return this.answer(res, method, () => openApiIndex(types));
    if (path.startsWith('/openapi/v3/')) {
      const parts = path.slice('/openapi/v3/'.length).split('/');
      const document = parts[0] === 'api' && parts.length === 2 ? openApiDocument(types, '', parts[1]) : parts[0] === 'apis' && parts.length === 3 ? openApiDocument(types, parts[1], parts[2]) : undefined;
      if (!document) throw new HttpFailure(notFoundPath());
      return this.answer(res, method, () => document);
    }
    const proxy = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)\/proxy(\/.*)?$/.exec(path === url.pathname ? path : url.pathname);
    if (proxy) {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpFailure(methodNotAllowed());
      this.proxy(res, decodeURIComponent(proxy[1]), proxy[2] as 'pods' | 'services', decodeURIComponent(proxy[3]), `${proxy[4] ?? '/'}${url.search}`);
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
      return this.answer(res, method, () => document);
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
      return this.answer(res, method, () => document);
    }
    const target = this.resolvePath([...types, ...reviewTypes], group, version, rest);
    try {
      return this.resource(req, res, url, method, accept, target, body);
    } catch (error) {
      this.fail(res, error, target);
      return false;
    }
  }

  private answer(res: ServerResponse, method: string, document: () => unknown, contentType = 'application/json'): boolean {
    if (method !== 'GET' && method !== 'HEAD') throw new HttpFailure(methodNotAllowed());
    this.sendJson(res, 200, document(), contentType);
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

  private resource(req: IncomingMessage, res: ServerResponse, url: URL, method: string, accept: string, target: ResourcePath, body: string): boolean {
    const { type, namespace, name, subresource } = target;
    const query = url.searchParams;
    const dryRun = query.getAll('dryRun').includes('All');
    if (reviewTypes.includes(type)) {
      if (method !== 'POST' || name !== undefined) throw new HttpFailure(methodNotAllowed());
      this.sendJson(res, 201, answerReview(type.kind, this.decodeBody(body, req.headers['content-type'], type) as unknown as Record<string, unknown>));
      return false;
    }
    if (name === undefined) {
      switch (method) {
        case 'GET':
          if (isTrue(query.get('watch'))) return this.watch(req, res, type, namespace, query, accept);
          this.list(res, type, namespace, query, accept);
          return false;
        case 'POST':
          this.create(res, type, namespace, body, req.headers['content-type'], query, dryRun);
          return false;
        case 'DELETE':
          this.deleteCollection(res, type, namespace, query, body);
          return false;
        default:
          throw new HttpFailure(methodNotAllowed());
      }
    }
    if (subresource === 'log' && type.kind === 'Pod') {
      if (method !== 'GET') throw new HttpFailure(methodNotAllowed());
      return this.logs(req, res, namespace ?? 'default', name, query);
    }
    if (subresource === 'scale' && scalableKinds.includes(type.kind)) return this.scale(res, method, target, body, req.headers['content-type'], dryRun);
    if (subresource === 'eviction' && type.kind === 'Pod' && method === 'POST') {
      this.session.api.delete('Pod', namespace, name, { dryRun });
      this.settle();
      this.sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      return false;
    }
    if (subresource !== undefined && subresource !== 'status' && !(subresource === 'ephemeralcontainers' && type.kind === 'Pod')) throw new HttpFailure(notFoundPath());
    switch (method) {
      case 'GET': {
        const obj = withTypeMeta(this.session.api.get(type.kind, namespace, name), type);
        if (accept.includes('as=Table')) {
          this.sendJson(res, 200, asTable(type, [obj], this.session.api.now(), obj.metadata.resourceVersion ?? '', includeObject(query)));
        } else this.sendJson(res, 200, obj);
        return false;
      }
      case 'PUT':
        this.update(res, target, body, req.headers['content-type'], query, dryRun);
        return false;
      case 'PATCH':
        this.patch(res, target, body, req.headers['content-type'], dryRun, query);
        return false;
      case 'DELETE':
        this.delete(res, target, body, query, dryRun);
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

  private list(res: ServerResponse, type: ResourceType, namespace: string | undefined, query: URLSearchParams, accept: string): void {
    const objects = this.session.api.list(type.kind, namespace, this.listOptions(type, query)).map((obj) => withTypeMeta(obj, type));
    this.history(type);
    const resourceVersion = String(this.currentResourceVersion(objects));
    if (accept.includes('as=Table')) {
      this.sendText(res, 200, tableJson(type, objects, this.session.api.now(), resourceVersion, includeObject(query)));
      return;
    }
    const head = JSON.stringify({ kind: `${type.kind}List`, apiVersion: type.group ? `${type.group}/${type.version}` : type.version, metadata: { resourceVersion } });
    this.sendText(res, 200, `${head.slice(0, -1)},"items":[${objects.map(cachedJson).join(',')}]}`);
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

  private create(res: ServerResponse, type: ResourceType, namespace: string | undefined, body: string, contentType: string | undefined, query: URLSearchParams, dryRun: boolean): void {
    if (!type.verbs.includes('create')) throw new HttpFailure(methodNotAllowed());
    const obj = this.decodeBody(body, contentType, type);
    this.checkNamespace(obj, type, namespace);
    const warnings = this.fieldChecks(obj, query);
    const created = this.session.api.create(obj, { dryRun, fieldManager: query.get('fieldManager') ?? undefined });
    if (!dryRun) this.settle();
    this.sendJson(res, 201, withTypeMeta(created, type), 'application/json', warnings);
  }

  private update(res: ServerResponse, target: ResourcePath, body: string, contentType: string | undefined, query: URLSearchParams, dryRun: boolean): void {
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
      } else written = this.session.api.updateStatus(obj);
    } else written = this.session.api.update(obj, { dryRun, fieldManager: query.get('fieldManager') ?? undefined });
    if (!dryRun) this.settle();
    this.sendJson(res, 200, withTypeMeta(written, type), 'application/json', warnings);
  }

  private patch(res: ServerResponse, target: ResourcePath, body: string, contentType: string | undefined, dryRun: boolean, query?: URLSearchParams): void {
    if ((contentType ?? '').split(';')[0].trim() === 'application/apply-patch+yaml' && (target.subresource ?? '') === '') {
      this.serverSideApply(res, target, body, dryRun, query ?? new URLSearchParams());
      return;
    }
    const patchType = patchTypeOf(contentType);
    const { type, namespace, name, subresource } = target;
    const patch = decodePatchBody(body, patchType);
    const result = patchResource(this.session.api, { kind: type.kind, namespace, name: name!, patch, type: patchType, dryRun, subresource: subresource ?? '' });
    if (!dryRun) this.settle();
    this.sendJson(res, 200, subresource === 'scale' ? result.object : withTypeMeta(result.object, type), 'application/json', result.warnings);
  }

  /**
   * Server-side apply (`kubectl apply --server-side`), simplified to one field manager: a new
   * object is created; an existing one gets the applied configuration merged in (strategic merge).
   */
  private serverSideApply(res: ServerResponse, target: ResourcePath, body: string, dryRun: boolean, query: URLSearchParams): void {
    const { type, namespace, name } = target;
    const applied = this.decodeBody(body, 'application/yaml', type);
    if (applied.metadata.name && applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
    applied.metadata.name = name;
    this.checkNamespace(applied, type, namespace);
    if (!this.exists(type, namespace, name!)) {
      const warnings = this.fieldChecks(applied, query);
      const created = this.session.api.create(applied, { dryRun, fieldManager: query.get('fieldManager') ?? undefined });
      if (!dryRun) this.settle();
      this.sendJson(res, 201, withTypeMeta(created, type), 'application/json', warnings);
      return;
    }
    const { apiVersion: _apiVersion, kind: _kind, ...patch } = applied;
    const result = patchResource(this.session.api, { kind: type.kind, namespace, name: name!, patch, type: 'strategic', dryRun, subresource: '' });
    if (!dryRun) this.settle();
    this.sendJson(res, 200, withTypeMeta(result.object, type), 'application/json', result.warnings);
  }

  private scale(res: ServerResponse, method: string, target: ResourcePath, body: string, contentType: string | undefined, dryRun: boolean): boolean {
    const { type, namespace, name } = target;
    if (method === 'GET') {
      this.sendJson(res, 200, scaleOf(this.session.api.get(type.kind, namespace, name!)));
      return false;
    }
    if (method === 'PATCH') {
      this.patch(res, target, body, contentType, dryRun);
      return false;
    }
    if (method === 'PUT') {
      let scale: KubeObject;
      try {
        scale = JSON.parse(body) as KubeObject;
      } catch (error) {
        throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
      }
      const result = patchResource(this.session.api, {
        kind: type.kind, namespace, name: name!, patch: { spec: { replicas: scale?.spec?.replicas } }, type: 'merge', dryRun, subresource: 'scale',
      });
      if (!dryRun) this.settle();
      this.sendJson(res, 200, result.object);
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

  private delete(res: ServerResponse, target: ResourcePath, body: string, query: URLSearchParams, dryRun: boolean): void {
    const { type, namespace, name } = target;
    if (!type.verbs.includes('delete')) throw new HttpFailure(methodNotAllowed());
    const options = this.deleteOptions(body, query, dryRun);
    const deleted = this.session.api.delete(type.kind, namespace, name!, options);
    if (!options.dryRun) this.settle();
    const stillThere = this.exists(type, namespace, name!);
    // A graceful deletion answers with the object being deleted; a finished one with a Status.
    if (stillThere || options.dryRun) this.sendJson(res, 200, withTypeMeta(deleted, type));
    else this.sendJson(res, 200, successStatus(type, name!, deleted.metadata.uid));
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

  private deleteCollection(res: ServerResponse, type: ResourceType, namespace: string | undefined, query: URLSearchParams, body: string): void {
    if (!type.verbs.includes('deletecollection')) throw new HttpFailure(methodNotAllowed());
    const dryRun = query.getAll('dryRun').includes('All');
    const options = this.deleteOptions(body, query, dryRun);
    const objects = this.session.api.list(type.kind, namespace, this.listOptions(type, query));
    const deleted = objects.map((obj) => withTypeMeta(this.session.api.delete(type.kind, obj.metadata.namespace, obj.metadata.name!, options), type));
    if (!options.dryRun) this.settle();
    this.sendJson(res, 200, {
      kind: `${type.kind}List`,
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      metadata: { resourceVersion: String(this.highestResourceVersion) },
      items: deleted,
    });
  }

  private proxy(res: ServerResponse, namespace: string, kind: 'pods' | 'services', target: string, rest: string): void {
    const answer = proxyGet(this.session, namespace, kind, target, rest);
    if ('body' in answer) {
      res.statusCode = answer.status;
      res.setHeader('Content-Type', answer.contentType);
      res.end(answer.body);
    } else this.sendJson(res, answer.code, answer);
  }

  /** Lets controllers react to a write at the current instant, as they would right after it. */
  private settle(): void {
    this.session.clock.advanceBy(0);
  }

  // ---- streams ----

  private openStream(res: ServerResponse, contentType: string): { write(text: string): void; end(): void; onClose(cb: () => void): void } {
    res.statusCode = 200;
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-cache, private');
    res.setHeader('Transfer-Encoding', 'chunked');
    res.flushHeaders();
    let ended = false;
    const closers: (() => void)[] = [];
    const stream: LongRunning = {
      close: () => {
        if (ended) return;
        ended = true;
        this.longRunning.delete(stream);
        for (const closer of closers) closer();
        res.end();
      },
    };
    this.longRunning.add(stream);
    res.on('close', () => stream.close());
    return {
      write: (text) => {
        if (!ended) res.write(text);
      },
      end: () => stream.close(),
      onClose: (cb) => closers.push(cb),
    };
  }

  private watch(req: IncomingMessage, res: ServerResponse, type: ResourceType, namespace: string | undefined, query: URLSearchParams, accept: string): boolean {
    const history = this.history(type);
    if (!history) throw new HttpFailure(methodNotAllowed());
    const options = this.listOptions(type, query);
    const filter = buildListFilter(type.kind, options);
    const matches = (obj: KubeObject | undefined): boolean =>
      obj !== undefined && (!type.namespaced || namespace === undefined || obj.metadata.namespace === namespace) && (!filter || filter(obj));
    const asTableRows = accept.includes('as=Table');
    const include = includeObject(query);
    let sentColumns = false;
    const stream = this.openStream(res, 'application/json');
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
    req.on('close', () => stream.end());
    return true;
  }

  private logs(req: IncomingMessage, res: ServerResponse, namespace: string, name: string, query: URLSearchParams): boolean {
    const answer = readLogs(this.session, namespace, name, query);
    if (!answer.follow) {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/plain');
      res.end(answer.text);
      return false;
    }
    const stream = this.openStream(res, 'text/plain');
    stream.write(answer.text);
    answer.follow(stream);
    req.on('close', () => stream.end());
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
  return { ...obj, apiVersion, kind: type.kind };
}
