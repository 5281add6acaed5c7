// busybox's ip, ifconfig, netstat and route: the network namespace a container is in, the one its
// pod's pause container holds. Every container of a pod shows the same eth0, address and
// listening ports, which is what makes localhost work between them.

import type { CommandContext, CommandImpl, NetworkView } from '../../process';
import { printError } from './common';

const busyboxBanner = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';

/** The view, or an error like a host with no network namespace of its own would print. */
function viewOf(ctx: CommandContext): NetworkView | undefined {
  return ctx.host.networkView?.();
}

function maskOf(prefixLength: number): string {
  const bits = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}

function broadcastOf(view: NetworkView): string {
  const parts = view.address.split('.').map(Number);
  const mask = maskOf(view.prefixLength).split('.').map(Number);
  return parts.map((part, i) => part | (~mask[i]! & 0xff)).join('.');
}

function networkOf(view: NetworkView): string {
  const parts = view.address.split('.').map(Number);
  const mask = maskOf(view.prefixLength).split('.').map(Number);
  return parts.map((part, i) => part & mask[i]!).join('.');
}

/** The IPv6 link-local address the kernel derives from a MAC (EUI-64). */
function linkLocalOf(mac: string): string {
  const bytes = mac.split(':').map((b) => parseInt(b, 16));
  bytes[0] ^= 0x02;
  const eui = [bytes[0], bytes[1], bytes[2], 0xff, 0xfe, bytes[3], bytes[4], bytes[5]];
  const groups = [0, 2, 4, 6].map((i) => ((eui[i]! << 8) | eui[i + 1]!).toString(16));
  return `fe80::${groups.join(':')}`;
}

function ethName(view: NetworkView): string {
  return view.peerIndex === undefined ? 'eth0' : `eth0@if${view.peerIndex}`;
}

function ipAddr(view: NetworkView, family: '4' | '6' | undefined): string {
  const v4 = family !== '6';
  const v6 = family !== '4';
  let out = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
  if (v4) out += '    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n';
  if (v6) out += '    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n';
  out += `2: ${ethName(view)}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n    link/ether ${view.mac} brd ff:ff:ff:ff:ff:ff\n`;
  if (v4) out += `    inet ${view.address}/${view.prefixLength} brd ${broadcastOf(view)} scope global eth0\n       valid_lft forever preferred_lft forever\n`;
  if (v6) out += `    inet6 ${linkLocalOf(view.mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
  return out;
}

function ipLink(view: NetworkView): string {
  return (
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
    `2: ${ethName(view)}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n    link/ether ${view.mac} brd ff:ff:ff:ff:ff:ff\n`
  );
}

function ipRoute(view: NetworkView): string {
  const subnet = `${networkOf(view)}/${view.prefixLength}`;
  // A pod reaches everything through its veth's node end; a node reaches its subnet directly.
  if (view.podRoutes) {
    return `default via ${view.gateway} dev eth0 \n${subnet} via ${view.gateway} dev eth0  src ${view.address} \n${view.gateway} dev eth0 scope link  src ${view.address} \n`;
  }
  return `default via ${view.gateway} dev eth0 \n${subnet} dev eth0 scope link  src ${view.address} \n`;
}

const ipUsage =
  busyboxBanner +
  'Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n\n' +
  'ip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]\nip route list|flush|add|del|change|append|replace|test ROUTE\n' +
  'ip link set IFACE [up|down] [arp on|off] [multicast on|off]\n\t[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]\n\t[master IFACE | nomaster] [netns PID]\n';

/** Whether `word` abbreviates `full` (ip accepts any prefix: `a`, `addr`, `ro`). */
function abbreviates(word: string | undefined, full: string): boolean {
  return word !== undefined && word.length > 0 && full.startsWith(word);
}

export const ip: CommandImpl = (ctx) => {
  const args = ctx.argv.slice(1);
  let family: '4' | '6' | undefined;
  while (args[0]?.startsWith('-')) {
    const option = args.shift()!;
    if (option === '-4') family = '4';
    else if (option === '-6') family = '6';
    else if (option !== '-o' && option !== '-oneline') {
      ctx.io.stderr(ipUsage);
      return 1;
    }
  }
  const view = viewOf(ctx);
  const [object, action] = args;
  if (!view || object === undefined) {
    ctx.io.stderr(ipUsage);
    return 1;
  }
  const showing = action === undefined || abbreviates(action, 'show') || abbreviates(action, 'list');
  if (!showing) {
    // Changing the pod's network takes CAP_NET_ADMIN, which containerd does not grant.
    printError(ctx, 'RTNETLINK answers: Operation not permitted');
    return 2;
  }
  if (abbreviates(object, 'address')) ctx.io.stdout(ipAddr(view, family));
  else if (abbreviates(object, 'link')) ctx.io.stdout(ipLink(view));
  else if (abbreviates(object, 'route')) ctx.io.stdout(family === '6' ? '' : ipRoute(view));
  else {
    ctx.io.stderr(ipUsage);
    return 1;
  }
  return 0;
};

export const ifconfig: CommandImpl = (ctx) => {
  const view = viewOf(ctx);
  if (!view) return 1;
  const only = ctx.argv.slice(1).find((arg) => !arg.startsWith('-'));
  const eth =
    `eth0      Link encap:Ethernet  HWaddr ${view.mac.toUpperCase()}  \n` +
    `          inet addr:${view.address}  Bcast:${broadcastOf(view)}  Mask:${maskOf(view.prefixLength)}\n` +
    `          inet6 addr: ${linkLocalOf(view.mac)}/64 Scope:Link\n` +
    '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
    '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
    '          collisions:0 txqueuelen:0 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n';
  const lo =
    'lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          inet6 addr: ::1/128 Scope:Host\n' +
    '          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n' +
    '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
    '          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n';
  if (only === undefined) ctx.io.stdout(eth + lo);
  else if (only === 'eth0') ctx.io.stdout(eth);
  else if (only === 'lo') ctx.io.stdout(lo);
  else {
    ctx.io.stderr(`ifconfig: ${only}: error fetching interface information: Device not found\n`);
    return 1;
  }
  return 0;
};

export const netstat: CommandImpl = (ctx) => {
  const letters = new Set<string>();
  for (const arg of ctx.argv.slice(1)) {
    if (!arg.startsWith('-') || arg.startsWith('--')) {
      ctx.io.stderr(`${busyboxBanner}Usage: netstat [-ral] [-tuwx] [-enWp]\n`);
      return 1;
    }
    for (const letter of arg.slice(1)) letters.add(letter);
  }
  const view = viewOf(ctx);
  if (!view) return 1;
  if (letters.has('r')) {
    ctx.io.stdout(routeTable(view));
    return 0;
  }
  const listening = letters.has('l');
  const all = letters.has('a');
  // With neither -t nor -u nor -x, every kind is listed; the lab's sockets are TCP.
  const tcp = letters.has('t') || !(letters.has('u') || letters.has('w') || letters.has('x'));
  const pids = letters.has('p');
  let out = `Active Internet connections (${listening ? 'only servers' : all ? 'servers and established' : 'w/o servers'})\n`;
  out += `Proto Recv-Q Send-Q Local Address           Foreign Address         State       ${pids ? 'PID/Program name    ' : ''}\n`;
  if (tcp && (listening || all)) {
    for (const socket of view.listening) {
      const local = `0.0.0.0:${socket.port}`;
      const program = socket.pid === undefined ? '-' : `${socket.pid}/${socket.command ?? ''}`.slice(0, 20);
      out += `tcp        0      0 ${local.padEnd(23)} ${'0.0.0.0:*'.padEnd(23)} LISTEN      ${pids ? program : ''}\n`;
    }
  }
  if (!letters.has('t') && (letters.has('x') || !letters.has('u'))) {
    out += `Active UNIX domain sockets (${listening ? 'only servers' : all ? 'servers and established' : 'w/o servers'})\nProto RefCnt Flags       Type       State         I-Node ${pids ? 'PID/Program name    ' : ''}Path\n`;
  }
  ctx.io.stdout(out);
  return 0;
};

function routeTable(view: NetworkView): string {
  let out = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n';
  const row = (destination: string, gateway: string, mask: string, flags: string) =>
    `${destination.padEnd(15)} ${gateway.padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)}     0 0          0 eth0\n`;
  out += row('0.0.0.0', view.gateway, '0.0.0.0', 'UG');
  if (view.podRoutes) {
    out += row(networkOf(view), view.gateway, maskOf(view.prefixLength), 'UG');
    out += row(view.gateway, '0.0.0.0', '255.255.255.255', 'UH');
  } else out += row(networkOf(view), '0.0.0.0', maskOf(view.prefixLength), 'U');
  return out;
}

export const route: CommandImpl = (ctx) => {
  const view = viewOf(ctx);
  if (!view) return 1;
  const numeric = ctx.argv.slice(1).includes('-n');
  let out = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
  const name = (address: string) => (numeric ? address : address === '0.0.0.0' ? 'default' : address);
  const row = (destination: string, gateway: string, mask: string, flags: string) =>
    `${name(destination).padEnd(15)} ${(numeric || gateway !== '0.0.0.0' ? gateway : '*').padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)} 0      0        0 eth0\n`;
  out += row('0.0.0.0', view.gateway, '0.0.0.0', 'UG');
  if (view.podRoutes) {
    out += row(networkOf(view), view.gateway, maskOf(view.prefixLength), 'UG');
    out += row(view.gateway, '0.0.0.0', '255.255.255.255', 'UH');
  } else out += row(networkOf(view), '0.0.0.0', maskOf(view.prefixLength), 'U');
  ctx.io.stdout(out);
  return 0;
};

/** `hostname -i`: the addresses the host name resolves to (the pod's IP, through /etc/hosts). */
export function hostAddresses(ctx: CommandContext): string | undefined {
  return viewOf(ctx)?.address ?? ctx.host.resolve?.(ctx.host.hostname())?.addresses[0];
}
