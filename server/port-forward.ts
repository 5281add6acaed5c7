// `kubectl port-forward` against the served API (protocol portforward.k8s.io over SPDY): for each
// connection kubectl accepts on its local port it opens an error stream and a data stream, both
// with the remote port and a request id. The data stream carries the connection's bytes; the
// error stream carries, before it ends, why the pod's port could not be reached.
//
// The simulated containers answer HTTP requests, not bytes, so the data stream is read as HTTP/1.1:
// each GET or HEAD is asked of the pod's port from inside the pod (as the kubelet connects to
// localhost in the pod's network namespace) without leaving a trace, and the answer is written
// back as an HTTP/1.1 response. Bytes that are not an HTTP request end the connection.
import { STATUS_CODES } from 'node:http';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Session } from '../sim/session-types';
import { SpdyConnection, type SpdyStream } from './spdy';

/** A request line and its headers larger than this is not a request the lab's servers read. */
const maxRequestBytes = 64 * 1024;

/** One forwarded connection: its remote port and, once opened, its error stream. */
interface Forward {
  port: number;
  error?: SpdyStream;
}

/** Accepts the streams of one port-forward connection to a pod. */
export function portForwardStreams(session: Session, namespace: string, pod: string): (stream: SpdyStream) => void {
  const forwards = new Map<string, Forward>();
  return (stream) => {
    const id = stream.headers.requestid ?? '';
    const port = Number(stream.headers.port);
    const forward = forwards.get(id) ?? { port };
    forwards.set(id, forward);
    // kubectl writes nothing on the error stream; it only waits for it to end.
    stream.onData = () => {};
    if (stream.headers.streamtype === 'error') {
      forward.error = stream;
      stream.onEnd = () => {};
    } else if (stream.headers.streamtype === 'data') {
      stream.onEnd = () => {
        forwards.delete(id);
        forward.error?.end();
        stream.end();
      };
      serveHttp(session, namespace, pod, forward, stream);
    } else {
      stream.end();
    }
  };
}

function serveHttp(session: Session, namespace: string, pod: string, forward: Forward, stream: SpdyStream): void {
  let pending: Buffer = Buffer.alloc(0);
  const fail = (message: string) => {
    if (forward.error) {
      forward.error.write(Buffer.from(message));
      forward.error.end();
    }
    stream.end();
  };
  stream.onData = (data) => {
    pending = Buffer.concat([pending, data]);
    for (;;) {
      const headEnd = pending.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        if (pending.length > maxRequestBytes) stream.end();
        return;
      }
      const head = pending.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers = new Map(head.slice(1).map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const bodyLength = Number(headers.get('content-length') ?? 0) || 0;
      if (pending.length < headEnd + 4 + bodyLength) return;
      pending = pending.subarray(headEnd + 4 + bodyLength);
      const request = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(head[0]);
      if (!request) {
        stream.end();
        return;
      }
      const [, method, path] = request;
      const answer = session.inspect.httpGet({ namespace, pod }, `http://127.0.0.1:${forward.port}${path}`);
      const result = 'error' in answer ? undefined : answer.value[0];
      if (!result || result.status === undefined) {
        const reason = 'error' in answer ? answer.error : result?.error;
        if (reason === 'Connection refused') return fail(connectionRefused(session, namespace, pod, forward.port));
        stream.end();
        return;
      }
      const supported = method === 'GET' || method === 'HEAD';
      const status = supported ? result.status : 501;
      const body = Buffer.from(supported ? result.body ?? '' : '');
      const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`];
      for (const [name, value] of Object.entries(supported ? result.headers ?? {} : {})) {
        if (!/^(content-length|connection|date)$/i.test(name)) lines.push(`${name}: ${value}`);
      }
      lines.push(`Date: ${new Date(session.clock.now()).toUTCString()}`, `Content-Length: ${body.length}`);
      const close = headers.get('connection')?.toLowerCase() === 'close';
      lines.push(`Connection: ${close ? 'close' : 'keep-alive'}`);
      stream.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), method === 'HEAD' ? Buffer.alloc(0) : body]));
      if (close) {
        stream.end();
        return;
      }
    }
  };
}

/** The kubelet's (containerd's) words when nothing listens on the port inside the pod. */
function connectionRefused(session: Session, namespace: string, pod: string, port: number): string {
  const sandbox = session.podRuntime(namespace, pod)?.sandbox?.id ?? '';
  const hex = createHash('sha256').update(sandbox).digest('hex');
  const netns = `/var/run/netns/cni-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "${netns}": ` +
    `failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}

/** The WebSocket subprotocol kubectl 1.32 asks for first: SPDY tunnelled through the WebSocket. */
export const portForwardTunnelProtocol = 'SPDY/3.1+portforward.k8s.io';

export class PortForwardSessions {
  // The subprotocol's `/` is not a token character, so `ws` would refuse the handshake: it is
  // checked here and named in the answer's headers instead.
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly tunnelRequests = new WeakSet<IncomingMessage>();
  private readonly open = new Set<SpdyConnection>();

  constructor(
    private readonly session: Session,
    /** Lets the clock driver see a port-forward as a client waiting on a stream. */
    private readonly track: (close: () => void) => () => void,
  ) {
    this.sockets.on('headers', (headers: string[], req: IncomingMessage) => {
      if (this.tunnelRequests.has(req)) headers.push(`Sec-WebSocket-Protocol: ${portForwardTunnelProtocol}`);
    });
  }

  /** Whether a WebSocket upgrade asks for the tunnel this server speaks. */
  static offersTunnel(req: IncomingMessage): boolean {
    return String(req.headers['sec-websocket-protocol'] ?? '').split(',').some((p) => p.trim() === portForwardTunnelProtocol);
  }

  /** Answers the upgrade: a WebSocket tunnel, or SPDY/3.1 on the connection itself. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, namespace: string, pod: string): void {
    const accept = portForwardStreams(this.session, namespace, pod);
    if (String(req.headers.upgrade ?? '').toLowerCase() === 'websocket') {
      delete req.headers['sec-websocket-protocol'];
      this.tunnelRequests.add(req);
      this.sockets.handleUpgrade(req, socket, head, (ws) => {
        const connection = this.connection((bytes) => ws.readyState === ws.OPEN && ws.send(bytes), accept, () => ws.close(1000));
        ws.on('message', (data: Buffer) => connection.receive(data));
        ws.on('close', () => this.ended(connection));
        ws.on('error', () => ws.terminate());
      });
      return;
    }
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
    const connection = this.connection((bytes) => !socket.destroyed && socket.write(bytes), accept, () => socket.end());
    if (head.length > 0) connection.receive(head);
    socket.on('data', (data: Buffer) => connection.receive(data));
    socket.on('close', () => this.ended(connection));
  }

  closeAll(): void {
    for (const connection of [...this.open]) connection.close();
    this.sockets.close();
  }

  private readonly untrack = new Map<SpdyConnection, () => void>();

  private connection(send: (bytes: Buffer) => void, accept: (stream: SpdyStream) => void, end: () => void): SpdyConnection {
    const connection: SpdyConnection = new SpdyConnection(send, accept, () => {
      end();
      this.ended(connection);
    });
    this.open.add(connection);
    this.untrack.set(connection, this.track(() => connection.close()));
    return connection;
  }

  private ended(connection: SpdyConnection): void {
    if (!this.open.delete(connection)) return;
    connection.clientEnded();
    this.untrack.get(connection)?.();
    this.untrack.delete(connection);
  }
}
