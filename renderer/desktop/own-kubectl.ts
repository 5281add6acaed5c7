// The page's half of "Use your own kubectl": main serves HTTPS on 127.0.0.1 and passes every
// request over a message port; here they are answered by the API handler on the page's own
// session, the one the terminal, the cluster view and the grader use. Changes made from outside
// are then changes to that session, and everything that follows it sees them.

import type { ChooseKubeconfigResult, OwnKubectlInfo } from '../../electron/bridge-layout';
import { ownKubectlPortMessage } from '../../electron/bridge-layout';
import { serveOverPort, type BridgePort, type ToPage, type ToTransport } from '../../server/api-bridge';
import type { Session } from '../../sim/session-types';
import type { DesktopBridge } from './bridge';

export type OwnKubectlBridge = NonNullable<DesktopBridge['ownKubectl']>;

/** How long main may take to hand over the port after answering `start`. */
const portTimeoutMs = 5000;

/** The next message port main hands over (through the preload's `window.postMessage`). */
function nextPort(target: Window): { port: Promise<MessagePort>; cancel(): void } {
  let cancel = () => {};
  const port = new Promise<MessagePort>((resolve, reject) => {
    const timer = setTimeout(() => {
      cancel();
      reject(new Error('the served API did not connect'));
    }, portTimeoutMs);
    const receive = (event: MessageEvent) => {
      if (event.source !== target || event.data !== ownKubectlPortMessage || !event.ports[0]) return;
      cancel();
      resolve(event.ports[0]);
    };
    cancel = () => {
      clearTimeout(timer);
      target.removeEventListener('message', receive);
    };
    target.addEventListener('message', receive);
  });
  return { port, cancel };
}

/** The page's MessagePort as a bridge port. */
export function pagePort(port: MessagePort): BridgePort<ToTransport, ToPage> {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.addEventListener('message', (event: MessageEvent) => listener(event.data as ToPage));
      port.start();
    },
    close: () => port.close(),
  };
}

export interface ServedSession {
  info: OwnKubectlInfo;
  /** Stops answering and asks main to stop serving. */
  stop(): Promise<OwnKubectlInfo>;
}

/** Asks main to serve, then answers its requests with `session` until stopped; `onWrite` follows each write. */
export async function serveSession(bridge: OwnKubectlBridge, session: Session, onWrite?: () => void, target: Window = window): Promise<ServedSession> {
  const arriving = nextPort(target);
  let info: OwnKubectlInfo;
  try {
    info = await bridge.start();
  } catch (error) {
    arriving.cancel();
    throw error;
  }
  const port = await arriving.port;
  // Loaded when first served, so the first paint does not wait for the API's code.
  const { KubeApiHandler } = await import('../../server/api-handler');
  const stopAnswering = serveOverPort(new KubeApiHandler(session, { onWrite }), pagePort(port));
  return {
    info,
    async stop() {
      stopAnswering();
      return bridge.stop();
    },
  };
}

export type { ChooseKubeconfigResult, OwnKubectlInfo };
