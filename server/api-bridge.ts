// The Kubernetes API answered across a message port. In the desktop app the session lives in the
// page (the terminal, the cluster view and the grader use it there), while the HTTPS, WebSocket
// and SPDY transport needs Node and lives in the main process. The transport holds a
// `BridgedBackend`, which turns each request, exec message and port-forward stream into messages;
// the page answers them with `serveOverPort`, which hands them to the API handler on its session.
// No Node here: both halves only post structured-clonable data (text, numbers, Uint8Array).
import type { ApiBackend, ApiExchange, ApiRequest, ChannelSocket, ExecRequest, ForwardConnection, ForwardStream, ResponseHeaders, ResponseSink } from './api-backend';
import { failureStatus, type StatusBody } from './status';

/** What the transport (main process) sends to the page. */
export type ToPage =
  | { kind: 'request'; id: number; request: ApiRequest }
  | { kind: 'cancel'; id: number }
  | { kind: 'admit'; id: number; namespace: string; pod: string }
  | { kind: 'exec'; id: number; request: ExecRequest; protocol: string }
  | { kind: 'socket-message'; id: number; data: Uint8Array }
  | { kind: 'socket-closed'; id: number }
  | { kind: 'forward'; id: number; namespace: string; pod: string }
  | { kind: 'forward-stream'; id: number; stream: number; headers: Record<string, string> }
  | { kind: 'forward-closed'; id: number }
  | { kind: 'stream-data'; stream: number; data: Uint8Array }
  | { kind: 'stream-end'; stream: number };

/** What the page answers. */
export type ToTransport =
  | { kind: 'head'; id: number; status: number; headers: ResponseHeaders; streaming: boolean }
  | { kind: 'chunk'; id: number; data: string | Uint8Array }
  | { kind: 'end'; id: number }
  | { kind: 'admitted'; id: number; refusal?: StatusBody }
  | { kind: 'socket-send'; id: number; data: Uint8Array }
  | { kind: 'socket-close'; id: number; terminate: boolean }
  | { kind: 'forward-end'; id: number }
  | { kind: 'stream-write'; stream: number; data: Uint8Array }
  | { kind: 'stream-end'; stream: number };

/**
 * One end of a message channel, whatever carries it: Electron's MessagePortMain
 * (electron/main/own-kubectl.ts), the page's MessagePort (renderer/desktop/own-kubectl.ts), or
 * node:worker_threads' MessagePort in tests (`emitterPort`).
 */
export interface BridgePort<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** The other end went away (the page was reloaded or closed). */
  onDisconnect?(listener: () => void): void;
  close(): void;
}

/** A port whose messages arrive as `on('message', data)` (node:worker_threads). */
export interface EmitterPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start?(): void;
  close(): void;
}

export function emitterPort<Out, In>(port: EmitterPort): BridgePort<Out, In> {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (data) => listener(data as In));
      port.start?.();
    },
    onDisconnect: (listener) => port.on('close', listener),
    close: () => port.close(),
  };
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

/** The transport's half: an ApiBackend whose answers come from the page. */
export class BridgedBackend implements ApiBackend {
  private nextId = 1;
  private readonly sinks = new Map<number, { sink: ResponseSink; headSent: boolean }>();
  private readonly admissions = new Map<number, (refusal: StatusBody | undefined) => void>();
  private readonly sockets = new Map<number, ChannelSocket>();
  private readonly forwards = new Map<number, () => void>();
  private readonly streams = new Map<number, ForwardStream>();
  private disconnected = false;

  constructor(private readonly port: BridgePort<ToPage, ToTransport>) {
    port.onMessage((message) => {
      try {
        this.receive(message);
      } catch {
        // An answer the transport cannot write (a bad header from the page) must not take the process down.
      }
    });
    port.onDisconnect?.(() => this.disconnect());
  }

  request(request: ApiRequest, sink: ResponseSink): ApiExchange {
    const id = this.nextId++;
    if (this.disconnected) {
      answerUnavailable(sink);
      return { cancel: () => {} };
    }
    this.sinks.set(id, { sink, headSent: false });
    this.port.post({ kind: 'request', id, request });
    return {
      cancel: () => {
        if (this.sinks.delete(id)) this.port.post({ kind: 'cancel', id });
      },
    };
  }

  admit(namespace: string, pod: string): Promise<StatusBody | undefined> {
    if (this.disconnected) return Promise.resolve(unavailable());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.admissions.set(id, resolve);
      this.port.post({ kind: 'admit', id, namespace, pod });
    });
  }

  exec(request: ExecRequest, socket: ChannelSocket): void {
    const id = this.nextId++;
    this.sockets.set(id, socket);
    socket.onMessage((data) => this.sockets.has(id) && this.port.post({ kind: 'socket-message', id, data }));
    socket.onClose(() => {
      if (this.sockets.delete(id)) this.port.post({ kind: 'socket-closed', id });
    });
    this.port.post({ kind: 'exec', id, request, protocol: socket.protocol });
  }

  portForward(namespace: string, pod: string, end: () => void): ForwardConnection {
    const id = this.nextId++;
    this.forwards.set(id, end);
    this.port.post({ kind: 'forward', id, namespace, pod });
    return {
      accept: (stream) => {
        const streamId = this.nextId++;
        this.streams.set(streamId, stream);
        stream.onData = (data) => this.port.post({ kind: 'stream-data', stream: streamId, data });
        stream.onEnd = () => {
          if (this.streams.delete(streamId)) this.port.post({ kind: 'stream-end', stream: streamId });
        };
        this.port.post({ kind: 'forward-stream', id, stream: streamId, headers: { ...stream.headers } });
      },
      close: () => {
        if (this.forwards.delete(id)) this.port.post({ kind: 'forward-closed', id });
      },
    };
  }

  close(): void {
    this.disconnect();
    this.port.close();
  }

  /** The page is gone: what is waiting gets the API server's 503, open streams end. */
  private disconnect(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    for (const { sink, headSent } of [...this.sinks.values()]) {
      if (headSent) sink.end();
      else answerUnavailable(sink);
    }
    this.sinks.clear();
    for (const admit of this.admissions.values()) admit(unavailable());
    this.admissions.clear();
    for (const socket of this.sockets.values()) socket.terminate();
    this.sockets.clear();
    for (const end of this.forwards.values()) end();
    this.forwards.clear();
    this.streams.clear();
  }

  /** The page's answers; anything malformed or about an exchange that is over is dropped. */
  private receive(message: ToTransport): void {
    if (typeof message !== 'object' || message === null) return;
    switch (message.kind) {
      case 'head': {
        const answer = isId(message.id) ? this.sinks.get(message.id) : undefined;
        if (!answer || answer.headSent || !isId(message.status) || typeof message.headers !== 'object' || message.headers === null) return;
        answer.headSent = true;
        answer.sink.head(message.status, message.headers, message.streaming === true);
        return;
      }
      case 'chunk': {
        const answer = isId(message.id) ? this.sinks.get(message.id) : undefined;
        if (answer?.headSent && (typeof message.data === 'string' || isBytes(message.data))) answer.sink.write(message.data);
        return;
      }
      case 'end': {
        const answer = this.sinks.get(message.id);
        this.sinks.delete(message.id);
        if (answer && !answer.headSent) answerUnavailable(answer.sink);
        else answer?.sink.end();
        return;
      }
      case 'admitted': {
        const admit = this.admissions.get(message.id);
        this.admissions.delete(message.id);
        admit?.(message.refusal);
        return;
      }
      case 'socket-send':
        if (isBytes(message.data)) this.sockets.get(message.id)?.send(message.data);
        return;
      case 'socket-close': {
        const socket = this.sockets.get(message.id);
        if (!socket) return;
        if (message.terminate) socket.terminate();
        else socket.close();
        return;
      }
      case 'forward-end': {
        const end = this.forwards.get(message.id);
        this.forwards.delete(message.id);
        end?.();
        return;
      }
      case 'stream-write':
        if (isBytes(message.data)) this.streams.get(message.stream)?.write(message.data);
        return;
      case 'stream-end':
        this.streams.get(message.stream)?.end();
        return;
    }
  }
}

function unavailable(): StatusBody {
  return failureStatus(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
}

function answerUnavailable(sink: ResponseSink): void {
  const text = JSON.stringify(unavailable());
  sink.head(503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  sink.write(text);
  sink.end();
}

/**
 * The page's half: answers the transport's messages with `backend` (the API handler on the page's
 * session). Returns what stops answering: every open exchange ends.
 */
export function serveOverPort(backend: ApiBackend, port: BridgePort<ToTransport, ToPage>): () => void {
  const exchanges = new Map<number, ApiExchange>();
  const socketListeners = new Map<number, { message: ((data: Uint8Array) => void)[]; close: (() => void)[] }>();
  const connections = new Map<number, ForwardConnection>();
  const streams = new Map<number, ForwardStream>();
  let stopped = false;

  const closeSocket = (id: number) => {
    const listeners = socketListeners.get(id);
    if (!listeners) return;
    socketListeners.delete(id);
    for (const listener of listeners.close) listener();
  };

  const receive = (message: ToPage) => {
    if (stopped) return;
    switch (message.kind) {
      case 'request': {
        const { id } = message;
        let ended = false;
        const exchange = backend.request(message.request, {
          head: (status, headers, streaming) => port.post({ kind: 'head', id, status, headers, streaming: streaming === true }),
          write: (data) => port.post({ kind: 'chunk', id, data }),
          end: () => {
            ended = true;
            exchanges.delete(id);
            port.post({ kind: 'end', id });
          },
        });
        if (!ended) exchanges.set(id, exchange);
        return;
      }
      case 'cancel':
        exchanges.get(message.id)?.cancel();
        exchanges.delete(message.id);
        return;
      case 'admit': {
        const { id } = message;
        backend.admit(message.namespace, message.pod).then(
          (refusal) => port.post({ kind: 'admitted', id, refusal }),
          (error: unknown) => port.post({ kind: 'admitted', id, refusal: failureStatus(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`) }),
        );
        return;
      }
      case 'exec': {
        const { id } = message;
        const listeners = { message: [] as ((data: Uint8Array) => void)[], close: [] as (() => void)[] };
        socketListeners.set(id, listeners);
        backend.exec(message.request, {
          protocol: message.protocol,
          send: (data) => socketListeners.has(id) && port.post({ kind: 'socket-send', id, data }),
          close: () => socketListeners.has(id) && port.post({ kind: 'socket-close', id, terminate: false }),
          terminate: () => {
            if (!socketListeners.has(id)) return;
            port.post({ kind: 'socket-close', id, terminate: true });
            closeSocket(id);
          },
          onMessage: (listener) => listeners.message.push(listener),
          onClose: (listener) => listeners.close.push(listener),
        });
        return;
      }
      case 'socket-message':
        for (const listener of socketListeners.get(message.id)?.message ?? []) listener(message.data);
        return;
      case 'socket-closed':
        closeSocket(message.id);
        return;
      case 'forward': {
        const { id } = message;
        connections.set(id, backend.portForward(message.namespace, message.pod, () => port.post({ kind: 'forward-end', id })));
        return;
      }
      case 'forward-stream': {
        const connection = connections.get(message.id);
        if (!connection) return;
        const streamId = message.stream;
        const stream: ForwardStream = {
          headers: message.headers,
          write: (data) => port.post({ kind: 'stream-write', stream: streamId, data }),
          end: () => port.post({ kind: 'stream-end', stream: streamId }),
        };
        streams.set(streamId, stream);
        connection.accept(stream);
        return;
      }
      case 'forward-closed':
        connections.get(message.id)?.close();
        connections.delete(message.id);
        return;
      case 'stream-data':
        streams.get(message.stream)?.onData?.(message.data);
        return;
      case 'stream-end': {
        const stream = streams.get(message.stream);
        streams.delete(message.stream);
        stream?.onEnd?.();
        return;
      }
    }
  };
  port.onMessage(receive);

  return () => {
    if (stopped) return;
    for (const exchange of exchanges.values()) exchange.cancel();
    exchanges.clear();
    for (const id of [...socketListeners.keys()]) closeSocket(id);
    for (const connection of connections.values()) connection.close();
    connections.clear();
    streams.clear();
    backend.close();
    stopped = true;
    port.close();
  };
}
