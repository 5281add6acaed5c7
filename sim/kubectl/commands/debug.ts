// `kubectl debug`: an ephemeral container added to a running pod (through the pods/ephemeralcontainers
// subresource, in the PID namespace of --target), a copy of a pod with a debugging container added
// or images changed (--copy-to), or a pod on a node (node/NAME), each shaped by --profile and
// --custom (debug-profiles.ts); then with -i the terminal joins the debugging container.

import type { Json, KubeObject } from '../../api/types';
import type { Program, Wait, Wake } from '../../process';
import type { Implementations, Invocation } from '../command';
import { plainError } from '../errors';
import { readManifests } from '../manifests';
import { resolveType } from '../resource-args';
import { joinContainerOrShowLogs, printContainerLog } from './attach';
import { structuredCloneJson } from './common';
import { applyCustomProfile, applyProfile, isProfile, keepFlags, readCustomProfile, validateCustomProfile, type DebugStyle, type KeepFlags, type Profile } from './debug-profiles';

interface Options {
  targets: string[];
  args: string[];
  image: string;
  container: string;
  copyTo: string;
  setImages: Record<string, string>;
  env: { name: string; value: string }[];
  stdin: boolean;
  tty: boolean;
  attach: boolean;
  quiet: boolean;
  profile: Profile;
  keep: KeepFlags;
  /** The --custom file's partial container spec. */
  custom: Record<string, Json> | undefined;
}

/** pflag's StringToString: `a=b,c=d`, repeatable. */
function pairs(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values.flatMap((v) => v.split(','))) {
    const eq = item.indexOf('=');
    if (eq < 0) throw plainError(`${item} must be formatted as key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

function options(inv: Invocation): Options {
  const profile = inv.flags.string('profile');
  if (!isProfile(profile)) throw plainError(`unknown profile: ${profile}`);
  // kubectl reads the custom profile while completing its options, before it checks them.
  const custom = readCustomProfile(inv);
  const stdin = inv.flags.bool('stdin');
  return {
    targets: inv.dashAt >= 0 ? inv.args.slice(0, inv.dashAt) : inv.args,
    args: inv.dashAt >= 0 ? inv.args.slice(inv.dashAt) : [],
    image: inv.flags.string('image'),
    container: inv.flags.string('container'),
    copyTo: inv.flags.string('copy-to'),
    setImages: pairs(inv.flags.list('set-image')),
    env: Object.entries(pairs(inv.flags.list('env'))).map(([name, value]) => ({ name, value })),
    stdin,
    tty: inv.flags.bool('tty'),
    attach: inv.flags.has('attach') ? inv.flags.bool('attach') : stdin,
    quiet: inv.flags.bool('quiet'),
    profile,
    keep: keepFlags(inv),
    custom,
  };
}

/** kubectl's checks, in its order. */
function validate(inv: Invocation, o: Options): void {
  if (o.attach && inv.flags.has('attach') && !o.image && !o.container) throw plainError('you must specify --container or create a new container using --image in order to attach.');
  if (o.copyTo) {
    if (!o.image && Object.keys(o.setImages).length === 0 && o.args.length === 0) throw plainError('you must specify --image, --set-image or command arguments.');
    if (o.args.length > 0 && !o.container && !o.image) throw plainError('you must specify an existing container or a new image when specifying args.');
  } else if (inv.flags.bool('replace')) throw plainError('--replace may only be used with --copy-to.');
  else if (inv.flags.bool('same-node')) throw plainError('--same-node may only be used with --copy-to.');
  else if (Object.keys(o.setImages).length > 0) throw plainError('--set-image may only be used with --copy-to.');
  else if (!o.image) throw plainError('you must specify --image when not using --copy-to.');
  if (o.targets.length === 0 && inv.flags.list('filename').length === 0) throw plainError('NAME or filename is required for debug');
  const pullPolicy = inv.flags.string('image-pull-policy');
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(pullPolicy)) throw plainError(`invalid image pull policy: ${pullPolicy}`);
  const target = inv.flags.string('target');
  if (target) {
    if (o.copyTo) throw plainError('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!o.quiet) inv.out(`Targeting container "${target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (o.tty && !o.stdin) throw plainError('-i/--stdin is required for containers with -t/--tty=true');
  validateCustomProfile(o.custom);
  if (o.profile === 'legacy') inv.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
}

/** utilrand.String: kubectl's five-character name suffixes. */
function nameSuffix(inv: Invocation, salt: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let seed = Math.floor(inv.ctx.now()) ^ [...salt].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
  let out = '';
  for (let i = 0; i < 5; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    out += alphabet[(seed >>> 16) % alphabet.length];
  }
  return out;
}

function containerNames(pod: KubeObject): string[] {
  const spec = pod.spec ?? {};
  return [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: { name: string }) => c.name);
}

function debugContainerName(inv: Invocation, o: Options, pod: KubeObject): string {
  if (o.container) return o.container;
  let name = '';
  for (let salt = 0; name === '' || containerNames(pod).includes(name); salt++) name = `debugger-${nameSuffix(inv, `${pod.metadata.name}${salt}`)}`;
  if (!o.quiet) inv.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** The copy of `pod` that --copy-to creates, and the container to attach to (none for --set-image alone). */
function podCopy(inv: Invocation, o: Options, pod: KubeObject): { copy: KubeObject; container: string } {
  const spec = structuredCloneJson(pod.spec);
  delete spec.ephemeralContainers;
  if (inv.flags.has('share-processes')) spec.shareProcessNamespace = inv.flags.bool('share-processes');
  if (!inv.flags.bool('same-node')) delete spec.nodeName;
  for (const c of spec.containers) {
    const image = o.setImages[c.name] ?? o.setImages['*'];
    if (image) c.image = image;
  }
  const metadata: KubeObject['metadata'] = { name: o.copyTo, namespace: pod.metadata.namespace };
  if (pod.metadata.annotations) metadata.annotations = structuredCloneJson(pod.metadata.annotations);
  if (pod.metadata.labels) metadata.labels = structuredCloneJson(pod.metadata.labels);
  const copy: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata, spec };
  let container = spec.containers.find((c: { name: string }) => c.name === o.container);
  let name = o.container;
  if (!container) {
    if (!o.image) {
      // Only images changed: kubectl applies no profile, so the copy keeps labels and probes.
      if (Object.keys(o.setImages).length > 0) return { copy, container: '' };
      throw plainError('you must specify image when creating new container');
    }
    name = debugContainerName(inv, o, copy);
    container = { name, terminationMessagePolicy: 'File' };
    spec.containers.push(container);
  }
  if (o.args.length > 0) {
    if (inv.flags.bool('arguments-only')) container.args = o.args;
    else {
      container.command = o.args;
      delete container.args;
    }
  }
  if (o.env.length > 0) container.env = o.env;
  if (o.image) container.image = o.image;
  if (inv.flags.string('image-pull-policy')) container.imagePullPolicy = inv.flags.string('image-pull-policy');
  container.stdin = o.stdin || undefined;
  container.tty = o.tty || undefined;
  profiled(o, 'podCopy', copy, name);
  return { copy, container: name };
}

/** The profile's changes, then the custom profile's, to the debugging container `name` in `pod`. */
function profiled(o: Options, style: DebugStyle, pod: KubeObject, name: string): void {
  applyProfile(o.profile, style, pod, name, o.keep);
  applyCustomProfile(o.custom, pod, name);
}

/** The pod with the debugging container added to its ephemeral containers, as kubectl patches it in. */
function withEphemeralContainer(inv: Invocation, o: Options, pod: KubeObject): { pod: KubeObject; container: string } {
  const name = debugContainerName(inv, o, pod);
  const container: Record<string, unknown> = { name, image: o.image };
  if (o.args.length > 0) container[inv.flags.bool('arguments-only') ? 'args' : 'command'] = o.args;
  if (o.env.length > 0) container.env = o.env;
  if (inv.flags.string('image-pull-policy')) container.imagePullPolicy = inv.flags.string('image-pull-policy');
  if (o.stdin) container.stdin = true;
  container.terminationMessagePolicy = 'File';
  if (o.tty) container.tty = true;
  const target = inv.flags.string('target');
  if (target) container.targetContainerName = target;
  const copy = structuredCloneJson(pod);
  copy.spec.ephemeralContainers = [...(copy.spec.ephemeralContainers ?? []), container];
  profiled(o, 'ephemeral', copy, name);
  return { pod: copy, container: name };
}

function nodePod(inv: Invocation, o: Options, node: KubeObject): { pod: KubeObject; container: string } {
  const container = o.container || 'debugger';
  // kubectl's suffix is random; the lab's comes from the clock, so a second pod in the same second tries again.
  const taken = new Set(inv.deps.api.list('Pod', inv.namespace).map((pod) => pod.metadata.name));
  let name = '';
  for (let salt = 0; name === '' || taken.has(name); salt++) name = `node-debugger-${node.metadata.name}-${nameSuffix(inv, `${node.metadata.name}${salt || ''}`)}`;
  if (!o.quiet) inv.out(`Creating debugging pod ${name} with container ${container} on node ${node.metadata.name}.\n`);
  const spec: Record<string, unknown> = {
    containers: [
      {
        name: container,
        image: o.image,
        ...(o.env.length > 0 ? { env: o.env } : {}),
        ...(inv.flags.string('image-pull-policy') ? { imagePullPolicy: inv.flags.string('image-pull-policy') } : {}),
        ...(o.args.length > 0 ? { [inv.flags.bool('arguments-only') ? 'args' : 'command']: o.args } : {}),
        ...(o.stdin ? { stdin: true } : {}),
        ...(o.tty ? { tty: true } : {}),
        terminationMessagePolicy: 'File',
      },
    ],
    nodeName: node.metadata.name,
    restartPolicy: 'Never',
    tolerations: [{ operator: 'Exists' }],
  };
  // kubectl 1.32 gives the node's debugging pod no labels.
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: inv.namespace }, spec };
  profiled(o, 'node', pod, container);
  return { pod, container };
}

function targetsOf(inv: Invocation, o: Options): KubeObject[] {
  const filenames = inv.flags.list('filename');
  if (filenames.length > 0) return readManifests(inv, filenames).map((item) => inv.deps.api.get(item.object.kind, item.object.metadata.namespace ?? inv.namespace, item.object.metadata.name ?? ''));
  return o.targets.map((arg) => {
    const slash = arg.indexOf('/');
    const type = slash < 0 ? resolveType('pods') : resolveType(arg.slice(0, slash));
    const name = slash < 0 ? arg : arg.slice(slash + 1);
    return inv.deps.api.get(type.kind, type.namespaced ? inv.namespace : undefined, name);
  });
}

function containerStatusOf(pod: KubeObject, container: string): { state?: Record<string, any> } | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s: { name: string }) => s.name === container);
}

/** Waits until the container runs or has ended, showing why it waits as kubectl warns. */
function* containerStarted(inv: Invocation, namespace: string, name: string, container: string, quiet: boolean): Generator<Wait, KubeObject, Wake | undefined> {
  let shown = '';
  for (;;) {
    const pod = inv.deps.api.get('Pod', namespace, name);
    const status = containerStatusOf(pod, container);
    if (status?.state?.running || status?.state?.terminated) return pod;
    const message = status?.state?.waiting?.message;
    if (!quiet && message && message !== shown) {
      inv.err(`Warning: container ${container}: ${message}\n`);
      shown = message;
    }
    yield { kind: 'change' };
  }
}

function* debug(inv: Invocation): Program {
  const o = options(inv);
  validate(inv, o);
  for (const target of targetsOf(inv, o)) {
    let created: KubeObject;
    let container: string;
    if (target.kind === 'Node') {
      const made = nodePod(inv, o, target);
      created = inv.deps.api.create(made.pod);
      container = made.container;
    } else if (target.kind === 'Pod') {
      if (!o.copyTo) {
        const made = withEphemeralContainer(inv, o, target);
        created = inv.deps.api.updateEphemeralContainers(made.pod);
        container = made.container;
      } else {
        const made = podCopy(inv, o, target);
        created = inv.deps.api.create(made.copy);
        container = made.container;
        if (inv.flags.bool('replace')) inv.deps.api.delete('Pod', target.metadata.namespace, target.metadata.name!, { gracePeriodSeconds: 0 });
      }
    } else {
      const [group, version] = target.apiVersion.includes('/') ? target.apiVersion.split('/') : ['', target.apiVersion];
      throw plainError(`"${group ? `${group}/` : ''}${version}, Kind=${target.kind}" not supported by debug`);
    }
    if (!o.attach || !container) continue;
    const namespace = created.metadata.namespace ?? inv.namespace;
    const pod: KubeObject = yield* containerStarted(inv, namespace, created.metadata.name!, container, o.quiet);
    const status = containerStatusOf(pod, container);
    if (status?.state?.terminated) {
      // An ended container has nothing to attach to: kubectl shows its logs instead.
      printContainerLog(inv, namespace, pod.metadata.name!, container);
      continue;
    }
    yield* joinContainerOrShowLogs(inv, pod, container, { stdin: o.stdin, tty: o.tty, quiet: o.quiet });
  }
  return 0;
}

export const debugCommands: Implementations = {
  debug: { run: debug },
};
