// `kubectl port-forward (pod/x | deploy/x | svc/x) [LOCAL:]REMOTE`: registers the forward with the
// host and stays running until Ctrl-C (or the request timeout in scripts).

import type { Program } from '../../process';
import { Interrupt } from '../../process';
import type { Invocation, Implementations } from '../command';
import { KubectlError, plainError } from '../errors';
import { resolvePod } from './logs';
import { requestTimeoutMs } from './streaming';

function* portForward(inv: Invocation): Program {
  if (inv.args.length < 2) {
    throw new KubectlError(`error: TYPE/NAME and list of ports are required for port-forward\nSee '${inv.commandPath} -h' for help and examples`);
  }
  const [target, ...specs] = inv.args;
  let podArg = target;
  let service: { spec?: { ports?: { port: number; targetPort?: number | string }[] } } | undefined;
  if (/^(svc|service|services)\//.test(target)) {
    const name = target.slice(target.indexOf('/') + 1);
    service = inv.deps.api.get('Service', inv.namespace, name);
    const selector = Object.entries((service as { spec?: { selector?: Record<string, string> } }).spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    const pods = inv.deps.api.list('Pod', inv.namespace, { labelSelector: selector || undefined });
    if (pods.length === 0) throw plainError(`unable to forward port because pod is not running. Current status=Pending`);
    podArg = pods[0].metadata.name!;
  }
  const pod = resolvePod(inv, podArg);
  if (pod.status?.phase !== 'Running') throw plainError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
  const forwards = specs.map((spec) => {
    const [localText, remoteText] = spec.includes(':') ? spec.split(':') : [spec, spec];
    const local = Number(localText || remoteText);
    let remote = Number(remoteText);
    if (service) {
      const port = service.spec?.ports?.find((p) => p.port === remote);
      if (port && typeof port.targetPort === 'number') remote = port.targetPort;
    }
    if (!Number.isInteger(local) || !Number.isInteger(remote)) throw plainError(`Error parsing local port '${localText}': strconv.ParseUint: parsing "${localText}": invalid syntax`);
    return { local, remote };
  });
  for (const f of forwards) {
    inv.deps.portForwards?.open(f.local, pod.metadata.namespace ?? inv.namespace, pod.metadata.name!, f.remote, () => inv.out(`Handling connection for ${f.local}\n`));
    inv.out(`Forwarding from 127.0.0.1:${f.local} -> ${f.remote}\nForwarding from [::1]:${f.local} -> ${f.remote}\n`);
  }
  const timeout = requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  try {
    for (;;) {
      if (deadline !== undefined && inv.ctx.now() >= deadline) return 0;
      yield deadline !== undefined ? { kind: 'sleep', until: deadline } : { kind: 'change' };
    }
  } catch (error) {
    if (error instanceof Interrupt) return 130;
    throw error;
  } finally {
    for (const f of forwards) inv.deps.portForwards?.close?.(f.local);
  }
}

export const portForwardCommands: Implementations = {
  'port-forward': { run: portForward },
};
