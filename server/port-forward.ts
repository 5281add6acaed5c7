// `kubectl port-forward`'s transport against the served API: SPDY/3.1 tunnelled through a
// WebSocket (subprotocol `SPDY/3.1+portforward.k8s.io`), or SPDY/3.1 itself on the upgraded
// connection. The streams it carries are answered by server/port-forward-streams.ts.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ForwardConnection } from './api-backend';
import { SpdyConnection } from './spdy';

/** The WebSocket subprotocol kubectl 1.32 asks for first: SPDY tunnelled through the WebSocket. */
export const portForwardTunnelProtocol = 'SPDY/3.1+portforward.k8s.io';

export class PortForwardSockets {
  // The subprotocol's `/` is not a token character, so `ws` would refuse the handshake: it is
  // checked here and named in the answer's headers instead.
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly tunnelRequests = new WeakSet<IncomingMessage>();
  private readonly open = new Set<SpdyConnection>();

  constructor() {
    this.sockets.on('headers', (headers: string[], req: IncomingMessage) => {
      if (this.tunnelRequests.has(req)) headers.push(`Sec-WebSocket-Protocol: ${portForwardTunnelProtocol}`);
    });
  }

  /** Whether a WebSocket upgrade asks for the tunnel this server speaks. */
  static offersTunnel(req: IncomingMessage): boolean {
    return String(req.headers['sec-websocket-protocol'] ?? '').split(',').some((p) => p.trim() === portForwardTunnelProtocol);
  }

  /** Answers the upgrade: a WebSocket tunnel, or SPDY/3.1 on the connection itself. */
  /** `open` starts answering the connection's streams; it is given what ends the connection from the server's side. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, open: (end: () => void) => ForwardConnection): void {
    if (String(req.headers.upgrade ?? '').toLowerCase() === 'websocket') {
      delete req.headers['sec-websocket-protocol'];
      this.tunnelRequests.add(req);
      this.sockets.handleUpgrade(req, socket, head, (ws) => {
        const connection = this.connection((bytes) => ws.readyState === ws.OPEN && ws.send(bytes), open, () => ws.close(1000));
        ws.on('message', (data: Buffer) => connection.receive(data));
        ws.on('close', () => this.ended(connection));
        ws.on('error', () => ws.terminate());
      });
      return;
    }
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
    const connection = this.connection((bytes) => !socket.destroyed && socket.write(bytes), open, () => socket.end());
    if (head.length > 0) connection.receive(head);
    socket.on('data', (data: Buffer) => connection.receive(data));
    socket.on('close', () => this.ended(connection));
  }

  closeAll(): void {
    for (const connection of [...this.open]) connection.close();
    this.sockets.close();
  }

  /** Open port-forward connections. */
  get count(): number {
    return this.open.size;
  }

  private readonly answering = new Map<SpdyConnection, ForwardConnection>();

  private connection(send: (bytes: Buffer) => void, open: (end: () => void) => ForwardConnection, end: () => void): SpdyConnection {
    let answering: ForwardConnection | undefined;
    const connection: SpdyConnection = new SpdyConnection(send, (stream) => answering?.accept(stream), () => {
      end();
      this.ended(connection);
    });
    answering = open(() => connection.close());
    this.open.add(connection);
    this.answering.set(connection, answering);
    return connection;
  }

  private ended(connection: SpdyConnection): void {
    if (!this.open.delete(connection)) return;
    connection.clientEnded();
    this.answering.get(connection)?.close();
    this.answering.delete(connection);
  }
}
