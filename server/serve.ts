// `podlab serve`: the lab's cluster as a Kubernetes API on 127.0.0.1, with a kubeconfig for the
// learner's own kubectl. Time follows the wall clock (`--speed N` runs it N times faster).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Session } from '../sim/session-types';
import { KubeApiServer } from './kube-api-server';
import { followWallTime } from './clock-driver';
import { writeKubeconfig } from './kubeconfig';

export interface ServeOptions {
  port: number;
  kubeconfig: string;
  speed: number;
  seed: number;
  verbose: boolean;
  /** Also runs the lab's shell (with `lab`) on the same cluster in this terminal. */
  shell: boolean;
  help: boolean;
}

export const serveUsage = `Usage: podlab serve [options]

Serves the lab's simulated Kubernetes 1.32 cluster on 127.0.0.1, so your own kubectl, k9s or
Lens can drive it. Writes a kubeconfig with a bearer token that is new on every run.

Options:
  --port N           port to listen on (default: 6443)
  --kubeconfig FILE  where to write the kubeconfig (default: ~/.podlab/kubeconfig)
  --speed N          run the cluster's time N times faster than the wall clock (default: 1)
  --seed N           seed of the simulated cluster (default: 1)
  --shell            also open the lab's shell (with \`lab\` lessons) on the same cluster here
  --verbose          print every request
  -h, --help         show this help
`;

export function parseServeArgs(argv: string[]): ServeOptions | string {
  const options: ServeOptions = { port: 6443, kubeconfig: join(homedir(), '.podlab', 'kubeconfig'), speed: 1, seed: 1, verbose: false, shell: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    const number = (min: number): number | string => {
      const text = value();
      const parsed = Number(text);
      if (text === undefined || text === '' || !Number.isFinite(parsed) || parsed < min) return `podlab serve: option ${name} needs a number${min > 0 ? ` of at least ${min}` : ''}\n`;
      return parsed;
    };
    let parsed: number | string;
    switch (name) {
      case '--port':
        parsed = number(0);
        if (typeof parsed === 'string') return parsed;
        if (!Number.isInteger(parsed) || parsed > 65535) return `podlab serve: invalid port '${argv[i]}'\n`;
        options.port = parsed;
        break;
      case '--kubeconfig': {
        const file = value();
        if (!file) return 'podlab serve: option --kubeconfig needs a value\n';
        options.kubeconfig = resolve(file);
        break;
      }
      case '--speed':
        parsed = number(0.001);
        if (typeof parsed === 'string') return parsed;
        options.speed = parsed;
        break;
      case '--seed':
        parsed = number(0);
        if (typeof parsed === 'string') return parsed;
        options.seed = parsed || 1;
        break;
      case '--verbose':
        options.verbose = true;
        break;
      case '--shell':
        options.shell = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        return `podlab serve: unknown option '${arg}'\n${serveUsage}`;
    }
  }
  return options;
}

export interface Served {
  server: KubeApiServer;
  port: number;
  /** Stops the clock and the server. */
  stop(): Promise<void>;
}

/** Starts serving `session`; time follows the wall clock unless `speed` is 0 (someone else moves it). */
export async function startServing(session: Session, options: Pick<ServeOptions, 'port' | 'kubeconfig' | 'speed' | 'verbose'>, log: (text: string) => void): Promise<Served> {
  const server = new KubeApiServer({ session, port: options.port, onRequest: options.verbose ? (line) => log(`${line}\n`) : undefined });
  const port = await server.listen();
  writeKubeconfig(options.kubeconfig, server.url, server.certificate, server.token);
  const driver = options.speed > 0 ? followWallTime(session, options.speed) : undefined;
  return {
    server,
    port,
    stop: async () => {
      driver?.stop();
      await server.close();
    },
  };
}

export function servingBanner(port: number, kubeconfig: string, speed: number, shell = false): string {
  return [
    `Serving the Pod Lab cluster (Kubernetes v1.32) on https://127.0.0.1:${port}${speed !== 1 ? `, time running ${speed}x` : ''}.`,
    `The kubeconfig (context podlab, a new token each run) is in ${kubeconfig}. Use it with:`,
    '',
    `  export KUBECONFIG=${kubeconfig}`,
    '',
    shell ? 'The lab shell below works on the same cluster; `exit` stops both.' : 'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** The message for a port that cannot be used, in the words of the tool that failed. */
export function listenFailure(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE') return `podlab serve: port ${port} on 127.0.0.1 is already in use; choose another with --port\n`;
  if (error.code === 'EACCES') return `podlab serve: not allowed to listen on port ${port}; choose another with --port\n`;
  return `podlab serve: cannot listen on 127.0.0.1:${port}: ${error.message}\n`;
}
