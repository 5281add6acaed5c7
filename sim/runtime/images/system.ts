// The pause container and the control-plane and add-on images of a kubeadm cluster.
import type { CommandImpl, Program } from '../../process';
import { MiB, forever, klogPrefix } from './program-helpers';

export const pause: CommandImpl = function* (ctx): Program {
  ctx.host.setMemory?.(260 * 1024);
  return yield* forever();
};

/** A control-plane component: a few start-up log lines, some memory, listening where it should. */
export function component(name: string, memoryMiB: number, ports: { port: number; http?: boolean; tls?: boolean }[], lines: string[]): CommandImpl {
  return function* (ctx): Program {
    for (const line of lines) ctx.io.stderr(`${klogPrefix(ctx.now(), 'I', `${name}.go:1`)}${line}\n`);
    ctx.host.setMemory?.(memoryMiB * MiB);
    ctx.host.setCpuDemand?.(name === 'kube-apiserver' ? 40 : name === 'etcd' ? 20 : 3);
    for (const { port, http, tls } of ports) {
      ctx.host.listen?.(port, http ? { protocol: 'http', tls, handle: () => ({ status: 200, body: 'ok' }) } : { protocol: 'tcp' });
    }
    return yield* forever();
  };
}

export const coredns: CommandImpl = function* (ctx): Program {
  ctx.io.stdout('.:53\n[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b\nCoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n');
  ctx.host.setMemory?.(14 * MiB);
  ctx.host.setCpuDemand?.(2);
  ctx.host.listen?.(53, { protocol: 'tcp' });
  ctx.host.listen?.(8080, { protocol: 'http', handle: (r) => (r.path === '/health' ? { status: 200, body: 'OK' } : { status: 404, body: '' }) });
  ctx.host.listen?.(8181, { protocol: 'http', handle: (r) => (r.path === '/ready' ? { status: 200, body: 'OK' } : { status: 404, body: '' }) });
  ctx.host.listen?.(9153, { protocol: 'http', handle: () => ({ status: 200, body: '' }) });
  return yield* forever();
};
