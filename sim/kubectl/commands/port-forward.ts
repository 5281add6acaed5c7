// `kubectl port-forward (pod/x | deploy/x | svc/x) [LOCAL:]REMOTE`: registers the forward with the
// host and stays running until Ctrl-C (or the request timeout in scripts).

import type { Program } from '../../process';
import { Interrupt } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
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

export const portForwardCommand: CommandDef = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  long: `Forward one or more local ports to a pod.

 Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

 If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.`,
  examples: `# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
kubectl port-forward pod/mypod 5000 6000

# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
kubectl port-forward deployment/mydeployment 5000 6000

# Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
kubectl port-forward service/myservice 8443:https

# Listen on port 8888 locally, forwarding to 5000 in the pod
kubectl port-forward pod/mypod 8888:5000

# Listen on port 8888 on all addresses, forwarding to 5000 in the pod
kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000

# Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod
kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000

# Listen on a random port locally, forwarding to 5000 in the pod
kubectl port-forward pod/mypod :5000`,
  use: 'port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  flags: [
    flag('address', 'stringSlice', 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.', { defaultValue: 'localhost' }),
    // No effect here: pods in the lab are looked up once; there is no wait for them to start.
    flag('pod-running-timeout', 'duration', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', { defaultValue: '1m0s' }),
  ],
  run: portForward,
};
