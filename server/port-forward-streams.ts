// `kubectl port-forward` against the served API (protocol portforward.k8s.io): for each
// connection kubectl accepts on its local port it opens an error stream and a data stream, both
// with the remote port and a request id. The data stream carries the connection's bytes; the
// error stream carries, before it ends, why the pod's port could not be reached. The SPDY framing
// is the transport's (server/port-forward.ts); the streams are answered here, which also runs in
// the desktop app's page.
//
// The simulated containers answer HTTP requests, not bytes, so the data stream is read as HTTP/1.1:
// each GET or HEAD is asked of the pod's port from inside the pod (as the kubelet connects to
// localhost in the pod's network namespace) without leaving a trace, and the answer is written
// back as an HTTP/1.1 response. Bytes that are not an HTTP request end the connection.
import type { Session } from '../sim/session-types';
import type { ForwardConnection, ForwardStream } from './api-backend';
import { concatBytes, latin1Bytes, latin1Text, utf8Bytes } from './bytes';

/** The reason phrases of the answers the simulated servers give. */
const statusTexts: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function indexOfHeadEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return i;
  }
  return -1;
}

/** A request line and its headers larger than this is not a request the lab's servers read. */
const maxRequestBytes = 64 * 1024;

/** One forwarded connection: its remote port and, once opened, its error stream. */
interface Forward {
  port: number;
  error?: ForwardStream;
}

/** Accepts the streams of one port-forward connection to a pod. */
export function portForwardConnection(session: Session, namespace: string, pod: string): ForwardConnection {
  const forwards = new Map<string, Forward>();
  const accept = (stream: ForwardStream) => {
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
  return { accept, close: () => forwards.clear() };
}

function serveHttp(session: Session, namespace: string, pod: string, forward: Forward, stream: ForwardStream): void {
  let pending: Uint8Array = new Uint8Array(0);
  const fail = (message: string) => {
    if (forward.error) {
      forward.error.write(utf8Bytes(message));
      forward.error.end();
    }
    stream.end();
  };
  stream.onData = (data) => {
    pending = concatBytes([pending, data]);
    for (;;) {
      const headEnd = indexOfHeadEnd(pending);
      if (headEnd < 0) {
        if (pending.length > maxRequestBytes) stream.end();
        return;
      }
      const head = latin1Text(pending.subarray(0, headEnd)).split('\r\n');
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
      const body = utf8Bytes(supported ? result.body ?? '' : '');
      const lines = [`HTTP/1.1 ${status} ${statusTexts[status] ?? ''}`];
      for (const [name, value] of Object.entries(supported ? result.headers ?? {} : {})) {
        if (!/^(content-length|connection|date)$/i.test(name)) lines.push(`${name}: ${value}`);
      }
      lines.push(`Date: ${new Date(session.clock.now()).toUTCString()}`, `Content-Length: ${body.length}`);
      const close = headers.get('connection')?.toLowerCase() === 'close';
      lines.push(`Connection: ${close ? 'close' : 'keep-alive'}`);
      stream.write(concatBytes([latin1Bytes(`${lines.join('\r\n')}\r\n\r\n`), method === 'HEAD' ? new Uint8Array(0) : body]));
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
  // containerd names the namespace with a random UUID; the sandbox id's second half stands in for it.
  const hex = sandbox.slice(32).padEnd(32, '0');
  const netns = `/var/run/netns/cni-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return (
    `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "${netns}": ` +
    `failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}

