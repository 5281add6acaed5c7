// The Kubernetes API on the loopback interface: the HTTPS, WebSocket and SPDY transport. Every
// request must carry the run's bearer token; what it asks is answered by an ApiBackend: the API
// handler on a session in this process (server/kube-api-server.ts, `podlab serve`), or the desktop
// app's page reached over a message port (server/api-bridge.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createServer, type Server } from 'node:https';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isApiError } from '../sim/api/errors';
import { loopbackCertificate, type LoopbackCertificate } from './certificate';
import { decodeKubernetesProtobuf } from './protobuf';
import { ExecSockets } from './exec';
import { PortForwardSockets } from './port-forward';
import type { ApiBackend, ApiExchange } from './api-backend';
import { badRequestStatus, failureStatus, notFoundPath, statusForApiError, unauthorized, type StatusBody } from './status';

export interface KubeApiTransportOptions {
  /** What answers the requests. */
  backend: ApiBackend;
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

const maxBodyBytes = 3 * 1024 * 1024;

/** A body the transport refuses before it is answered. */
class TransportFailure extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message ?? '');
  }
}

export class KubeApiTransport {
  readonly token: string;
  /** The server's self-signed certificate (PEM), the certificate authority clients trust. */
  readonly certificate: string;
  private readonly backend: ApiBackend;
  private readonly server: Server;
  private readonly execSockets = new ExecSockets();
  private readonly portForwards = new PortForwardSockets();
  /** Answers that stay open (watch, logs -f). */
  private readonly streaming = new Set<ServerResponse>();
  private address = '127.0.0.1:0';
  private readonly onRequest?: (line: string) => void;
  private readonly onAnswered?: KubeApiTransportOptions['onAnswered'];
  private requestsInFlight = 0;
  private lastActivity = Date.now();
  private readonly requestedPort: number;

  constructor(options: KubeApiTransportOptions) {
    this.backend = options.backend;
    this.token = options.token ?? randomBytes(32).toString('hex');
    this.onRequest = options.onRequest;
    this.onAnswered = options.onAnswered;
    this.requestedPort = options.port ?? 0;
    const tls: LoopbackCertificate = options.tls ?? loopbackCertificate();
    this.certificate = tls.cert;
    this.server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

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
    if (match[3] === 'portforward' && !(upgradeTo === 'websocket' ? PortForwardSockets.offersTunnel(req) : upgradeTo === 'spdy/3.1')) {
      return refuse(badRequestStatus('port-forward is served over WebSocket (SPDY/3.1+portforward.k8s.io) and SPDY/3.1'));
    }
    if (match[3] !== 'portforward' && upgradeTo !== 'websocket') {
      return refuse(badRequestStatus('only WebSocket upgrades (v5.channel.k8s.io) are served for exec and attach'));
    }
    const [, namespace, pod] = match.map(decodeURIComponent);
    const query = url.searchParams;
    this.backend.admit(namespace, pod).then(
      (refusal) => {
        if (refusal) return refuse(refusal);
        if (socket.destroyed) return;
        this.onRequest?.(`${req.method} ${req.url} 101`);
        if (match[3] === 'portforward') {
          this.portForwards.upgrade(req, socket, head, (end) => this.backend.portForward(namespace, pod, end));
          return;
        }
        this.execSockets.upgrade(req, socket, head, (channel) =>
          this.backend.exec(
            {
              namespace,
              pod,
              container: query.get('container') ?? undefined,
              command: query.getAll('command'),
              attach: match[3] === 'attach',
              stdin: isTrue(query.get('stdin')),
              tty: isTrue(query.get('tty')),
            },
            channel,
          ),
        );
      },
      (error: unknown) => refuse(failureStatus(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`)),
    );
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

  /** Open watches, log streams, exec and port-forward sessions. */
  get openStreams(): number {
    return this.streaming.size + this.execSockets.count + this.portForwards.count;
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
    this.backend.close();
    this.execSockets.closeAll();
    this.portForwards.closeAll();
    for (const res of [...this.streaming]) res.end();
    return new Promise((resolveClose) => {
      this.server.close(() => resolveClose());
      this.server.closeAllConnections();
    });
  }

  // ---- requests ----

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requestsInFlight++;
    this.lastActivity = Date.now();
    const arrived = performance.now();
    let answeredAt: number | undefined;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.requestsInFlight--;
      this.lastActivity = Date.now();
      const ms = (answeredAt ?? performance.now()) - arrived;
      this.onRequest?.(`${req.method} ${req.url} ${res.statusCode} ${ms.toFixed(1)}ms`);
      this.onAnswered?.({ method: req.method ?? '', url: req.url ?? '', status: res.statusCode, ms });
    };
    res.on('close', done);
    res.on('finish', done);
    const sendStatus = (status: StatusBody) => {
      const text = JSON.stringify(status);
      res.statusCode = status.code;
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-cache, private');
      res.setHeader('Content-Length', Buffer.byteLength(text));
      answeredAt = performance.now();
      res.end(text);
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      req.resume();
      sendStatus(unauthorized());
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '');
    if (/cbor/.test(contentType)) {
      req.resume();
      sendStatus(failureStatus(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf'));
      return;
    }
    this.readBody(req)
      .then((bytes) => {
        // kubectl's typed clients (create deployment, configmap, ...) send protobuf: read it as JSON.
        const body = /protobuf/.test(contentType) && bytes.length > 0 ? JSON.stringify(decodeKubernetesProtobuf(bytes)) : bytes.toString('utf8');
        let finished = false;
        const exchange: ApiExchange = this.backend.request(
          { method: req.method ?? 'GET', url: req.url ?? '/', accept: String(req.headers.accept ?? ''), contentType, body, serverAddress: this.address },
          {
            head: (status, headers, streaming) => {
              res.statusCode = status;
              for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
              if (!streaming) return;
              res.flushHeaders();
              this.streaming.add(res);
              // A stream counts as open, not as a request in flight, so the clock driver can run time.
              done();
            },
            write: (chunk) => {
              if (!res.writableEnded) res.write(chunk);
            },
            end: () => {
              finished = true;
              this.streaming.delete(res);
              answeredAt ??= performance.now();
              res.end();
            },
          },
        );
        res.on('close', () => {
          this.streaming.delete(res);
          if (!finished) exchange.cancel();
        });
      })
      .catch((error: unknown) => {
        if (res.headersSent) res.end();
        else if (error instanceof TransportFailure) sendStatus(error.status);
        else if (isApiError(error)) sendStatus(statusForApiError(error));
        else sendStatus(failureStatus(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`));
      });
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
          if (!tooLarge) reject(new TransportFailure(failureStatus(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728')));
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
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}
