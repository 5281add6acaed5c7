// The WebSocket of `kubectl exec` and `kubectl attach` (subprotocol v5.channel.k8s.io, v4
// understood): the handshake and the messages, handed over as a ChannelSocket to whatever runs
// the command (server/exec-session.ts, in this process or in the desktop app's page).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChannelSocket } from './api-backend';
import { execProtocols } from './exec-session';

export { execProtocols };

export class ExecSockets {
  private readonly sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => execProtocols.find((p) => offered.has(p)) ?? false,
  });
  private readonly open = new Set<WebSocket>();

  /** Open exec and attach sockets. */
  get count(): number {
    return this.open.size;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, accepted: (channel: ChannelSocket) => void): void {
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      this.open.add(ws);
      ws.on('close', () => this.open.delete(ws));
      ws.on('error', () => ws.terminate());
      accepted(channelSocket(ws));
    });
  }

  closeAll(): void {
    for (const ws of [...this.open]) ws.terminate();
    this.sockets.close();
  }
}

function channelSocket(ws: WebSocket): ChannelSocket {
  return {
    protocol: ws.protocol,
    send: (message) => {
      if (ws.readyState === ws.OPEN) ws.send(message);
    },
    close: () => ws.close(1000),
    terminate: () => ws.terminate(),
    onMessage: (listener) => ws.on('message', (data: Buffer) => listener(new Uint8Array(data.buffer, data.byteOffset, data.length))),
    onClose: (listener) => ws.on('close', () => listener()),
  };
}
