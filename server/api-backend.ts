// What the HTTP transport asks of whatever answers the Kubernetes API: plain data and callbacks, no
// Node types, so the answering side can run in the same process (`podlab serve`) or in the desktop
// app's page, reached over a message port (server/api-bridge.ts).
import type { StatusBody } from './status';

export interface ApiRequest {
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  accept: string;
  contentType: string;
  /** The body as text (protobuf bodies already read into JSON by the transport). */
  body: string;
  /** `127.0.0.1:PORT`, where the transport listens (discovery names it). */
  serverAddress: string;
}

export type ResponseHeaders = Record<string, string | string[]>;

/** Where an answer goes: the head once, then the body in one or more pieces, then the end. */
export interface ResponseSink {
  /** `streaming`: the answer stays open (watch, logs -f) and is no longer a request in flight. */
  head(status: number, headers: ResponseHeaders, streaming?: boolean): void;
  write(chunk: string | Uint8Array): void;
  end(): void;
}

/** An exchange in progress; `cancel` when the client went away before the end. */
export interface ApiExchange {
  cancel(): void;
}

/** One exec or attach: the request's pod, container, command and options. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
  /** `kubectl attach`: the container's own output from now on, instead of a new command. */
  attach?: boolean;
}

/** A WebSocket of the channel protocol (`v5.channel.k8s.io`), as exec sees it: whole messages. */
export interface ChannelSocket {
  readonly protocol: string;
  send(message: Uint8Array): void;
  /** A normal close (code 1000). */
  close(): void;
  /** Ends the connection at once, without a close message (the cluster was rebuilt under it). */
  terminate(): void;
  onMessage(listener: (message: Uint8Array) => void): void;
  /** The socket ended, from either side. */
  onClose(listener: () => void): void;
}

/** One SPDY stream of a port-forward connection (framing stays with the transport). */
export interface ForwardStream {
  /** Header names in lower case (`streamtype`, `port`, `requestid`). */
  readonly headers: Readonly<Record<string, string>>;
  write(data: Uint8Array): void;
  end(): void;
  onData?: (data: Uint8Array) => void;
  onEnd?: () => void;
}

/** Accepts the streams of one port-forward connection; `close` when the connection ends. */
export interface ForwardConnection {
  accept(stream: ForwardStream): void;
  close(): void;
}

export interface ApiBackend {
  request(request: ApiRequest, sink: ResponseSink): ApiExchange;
  /** Before an exec, attach or port-forward upgrade: the pod's Status error, or undefined when it exists. */
  admit(namespace: string, pod: string): Promise<StatusBody | undefined>;
  exec(request: ExecRequest, socket: ChannelSocket): void;
  /** `end` is called when the server side ends the connection (the cluster was rebuilt). */
  portForward(namespace: string, pod: string, end: () => void): ForwardConnection;
  /** Ends every open stream; nothing is answered after. */
  close(): void;
}
