// systemctl and journalctl for the kubelet service on a node.

import type { CommandImpl } from '../process';
import type { NodeRuntime } from '../kubelet/node-runtime';
import { kubeletCommandLine, kubeletPid, nodeUptimeMs, type KubeletServices } from './kubelet-service';

function systemdTime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

function systemdAgo(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s ago`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}min ago`;
}

export function systemctlCommand(services: KubeletServices, node: NodeRuntime): CommandImpl {
  return (ctx) => {
    const [verb, unitArg] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    const unit = (unitArg ?? '').replace(/\.service$/, '');
    if (!verb) {
      ctx.io.stdout('  UNIT                 LOAD   ACTIVE SUB     DESCRIPTION\n  containerd.service   loaded active running containerd container runtime\n' + `  kubelet.service      loaded ${node.kubeletRunning() ? 'active running' : 'inactive dead   '} kubelet: The Kubernetes Node Agent\n`);
      return 0;
    }
    if (unit !== 'kubelet' && unit !== 'containerd') {
      ctx.io.stderr(unit ? `Unit ${unit}.service could not be found.\n` : `Too few arguments.\n`);
      return unit ? 4 : 1;
    }
    const now = node.clock.now();
    switch (verb) {
      case 'stop':
        if (unit === 'kubelet' && node.kubeletRunning()) {
          node.stopKubelet();
          services.stoppedAt.set(node.nodeName, now);
        }
        return 0;
      case 'start':
      case 'restart':
        if (unit === 'kubelet' && (verb === 'restart' || !node.kubeletRunning())) {
          node.stopKubelet();
          node.startKubelet();
          services.startedAt.set(node.nodeName, now);
        }
        return 0;
      case 'is-active':
        ctx.io.stdout(unit === 'containerd' || node.kubeletRunning() ? 'active\n' : 'inactive\n');
        return unit === 'containerd' || node.kubeletRunning() ? 0 : 3;
      case 'status': {
        if (unit === 'containerd') {
          ctx.io.stdout(`● containerd.service - containerd container runtime\n     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)\n     Active: active (running)\n   Main PID: 512 (containerd)\n`);
          return 0;
        }
        const running = node.kubeletRunning();
        const since = running ? services.startedAt.get(node.nodeName) ?? now - nodeUptimeMs : services.stoppedAt.get(node.nodeName) ?? now;
        const head = `● kubelet.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)\n    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf\n`;
        if (running) {
          ctx.io.stdout(`${head}     Active: active (running) since ${systemdTime(since)}; ${systemdAgo(now - since)}\n       Docs: https://kubernetes.io/docs/\n   Main PID: ${kubeletPid} (kubelet)\n      Tasks: 14 (limit: 4605)\n     Memory: 48.1M (peak: 52.3M)\n     CGroup: /system.slice/kubelet.service\n             └─${kubeletPid} ${kubeletCommandLine}\n`);
          return 0;
        }
        const ranFor = since - (services.startedAt.get(node.nodeName) ?? now - nodeUptimeMs);
        ctx.io.stdout(`${head}     Active: inactive (dead) since ${systemdTime(since)}; ${systemdAgo(now - since)}\n   Duration: ${systemdAgo(ranFor).replace(' ago', '')}\n       Docs: https://kubernetes.io/docs/\n    Process: ${kubeletPid} ExecStart=${kubeletCommandLine} (code=killed, signal=TERM)\n   Main PID: ${kubeletPid} (code=killed, signal=TERM)\n`);
        return 3;
      }
      case 'enable':
      case 'disable':
      case 'daemon-reload':
        return 0;
      default:
        ctx.io.stderr(`Unknown command verb '${verb}'.\n`);
        return 1;
    }
  };
}

export function journalctlCommand(node: NodeRuntime): CommandImpl {
  return (ctx) => {
    const d = new Date(node.clock.now());
    const stamp = `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 19)}`;
    ctx.io.stdout(
      node.kubeletRunning()
        ? `${stamp} ${node.nodeName} kubelet[${kubeletPid}]: I0115 kubelet.go:2468] "SyncLoop (PLEG): event for pod"\n`
        : `${stamp} ${node.nodeName} systemd[1]: Stopping kubelet.service - kubelet: The Kubernetes Node Agent...\n${stamp} ${node.nodeName} systemd[1]: kubelet.service: Deactivated successfully.\n${stamp} ${node.nodeName} systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.\n`,
    );
    return 0;
  };
}
