// "Use your own kubectl": the page's session served as a Kubernetes API on 127.0.0.1. The HTTPS,
// WebSocket and SPDY transport runs here; every request is answered by the page over a message
// port (server/api-bridge.ts). Each start makes a new token and certificate and writes the
// kubeconfig (mode 0600) to ~/.podlab/kubeconfig, or to the file the learner chose in a save
// dialog; the page never names a path.

import type { MessagePortMain } from 'electron';
import { join } from 'node:path';
import { BridgedBackend, type BridgePort, type ToPage, type ToTransport } from '../../server/api-bridge';
import { KubeApiTransport } from '../../server/kube-api-transport';
import { writeKubeconfig } from '../../server/kubeconfig';
import type { OwnKubectlInfo } from '../bridge-layout';

/** Where the chosen kubeconfig file is remembered (main's own document, not the page's). */
export const ownKubectlDocument = 'own-kubectl';

/** The line to paste into a shell to use the kubeconfig: POSIX shells, or PowerShell on Windows. */
export function kubeconfigExportLine(path: string, platform: string): string {
  if (platform === 'win32') return `$env:KUBECONFIG = "${path.replace(/`/g, '``').replace(/"/g, '`"')}"`;
  return /^[\w@%+=:,./-]+$/.test(path) ? `export KUBECONFIG=${path}` : `export KUBECONFIG='${path.replace(/'/g, `'\\''`)}'`;
}

export function defaultKubeconfigPath(home: string): string {
  return join(home, '.podlab', 'kubeconfig');
}

/** The remembered choice, if it is a usable absolute path. */
export function parseKubeconfigChoice(saved: unknown): string | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const path = (saved as { kubeconfig?: unknown }).kubeconfig;
  return typeof path === 'string' && path.length > 0 && path.length < 4096 && (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) ? path : undefined;
}

/** Electron's MessagePortMain as a bridge port: its messages arrive as events carrying `data`. */
export function mainProcessPort(port: MessagePortMain): BridgePort<ToPage, ToTransport> {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data as ToTransport));
      port.start();
    },
    onDisconnect: (listener) => port.on('close', listener),
    close: () => port.close(),
  };
}

export interface OwnKubectlOptions {
  home: string;
  platform: string;
  /** A new message channel: the transport's end, and the page's end to hand over. */
  createChannel(): { transport: BridgePort<ToPage, ToTransport>; page: unknown };
  /** Hands the page its end of the channel. */
  sendToPage(port: unknown): void;
  /** The file chosen before, if any. */
  chosenKubeconfig?: string;
}

export class OwnKubectl {
  private transport: KubeApiTransport | undefined;
  private chosen: string | undefined;

  constructor(private readonly options: OwnKubectlOptions) {
    this.chosen = options.chosenKubeconfig;
  }

  get kubeconfig(): string {
    return this.chosen ?? defaultKubeconfigPath(this.options.home);
  }

  info(): OwnKubectlInfo {
    return {
      running: this.transport !== undefined,
      kubeconfig: this.kubeconfig,
      exportLine: kubeconfigExportLine(this.kubeconfig, this.options.platform),
      server: this.transport?.url,
    };
  }

  /** Serves anew: a running server is replaced (new token, new port). */
  async start(): Promise<OwnKubectlInfo> {
    await this.stop();
    const { transport: port, page } = this.options.createChannel();
    const transport = new KubeApiTransport({ backend: new BridgedBackend(port) });
    try {
      await transport.listen();
      try {
        writeKubeconfig(this.kubeconfig, transport.url, transport.certificate, transport.token);
      } catch (error) {
        throw new Error(`cannot write the kubeconfig ${this.kubeconfig}: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.options.sendToPage(page);
    } catch (error) {
      await transport.close();
      throw error;
    }
    this.transport = transport;
    return this.info();
  }

  async stop(): Promise<OwnKubectlInfo> {
    const transport = this.transport;
    this.transport = undefined;
    await transport?.close();
    return this.info();
  }

  /** A new file for the kubeconfig; a running server writes it there at once. */
  async choose(path: string): Promise<OwnKubectlInfo> {
    this.chosen = path;
    const transport = this.transport;
    if (transport) writeKubeconfig(path, transport.url, transport.certificate, transport.token);
    return this.info();
  }
}
