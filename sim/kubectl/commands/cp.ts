// `kubectl cp`: copies between the workspace and a container the way kubectl does, through tar
// run in the container (`tar cf - PATH` out of it, `tar -xmf - -C DIR` into it). A container
// without tar fails as its runtime reports the missing program.

import { isApiError } from '../../api/errors';
import type { KubeObject } from '../../api/types';
import type { Program } from '../../process';
import type { Implementations, Invocation } from '../command';
import { KubectlError, plainError } from '../errors';
import { readArchive, writeArchive } from '../../fs/tar-archive';
import { baseName, refusing, workspacePath } from './common';
import { pickContainer } from './logs';

interface FileSpec {
  namespace?: string;
  pod?: string;
  path: string;
}

function fileSpec(arg: string): FileSpec {
  const colon = arg.indexOf(':');
  const invalid = plainError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (colon === 0) throw invalid;
  if (colon < 0) return { path: arg };
  const pieces = arg.slice(0, colon).split('/');
  if (pieces.length > 2) throw invalid;
  return pieces.length === 2 ? { namespace: pieces[0], pod: pieces[1], path: arg.slice(colon + 1) } : { pod: pieces[0], path: arg.slice(colon + 1) };
}

/** A clean path without `.` and `..` pieces; a leading `/` is kept. */
function clean(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + parts.join('/');
}

interface Target {
  pod: KubeObject;
  namespace: string;
  container: string;
}

function target(inv: Invocation, spec: FileSpec): Target {
  const namespace = spec.namespace ?? inv.namespace;
  const pod = inv.deps.api.get('Pod', namespace, spec.pod!);
  return { pod, namespace, container: pickContainer(inv, pod, false) };
}

/** Runs argv in the container; a runtime failure (no such program) ends kubectl as it reports it. */
function* run(inv: Invocation, to: Target, argv: string[], io: { stdin?: string; stdout(t: string): void; stderr(t: string): void }): Program {
  try {
    return yield* inv.deps.api.exec(to.namespace, to.pod.metadata.name!, argv, { container: to.container, ...io });
  } catch (error) {
    if (isApiError(error) && error.reason === 'InternalError') throw plainError(error.message.replace(/^(Internal error occurred: )+/, 'Internal error occurred: '));
    throw error;
  }
}

function* copyFromPod(inv: Invocation, src: FileSpec, dest: string): Program {
  const from = target(inv, src);
  let archive = '';
  // kubectl sends what tar says on stderr (`removing leading '/'`) to its own standard output. It
  // ends once the archive has been read: tar's exit code (its complaint already shown) is not waited for.
  yield* run(inv, from, ['tar', 'cf', '-', src.path], { stdout: (t) => (archive += t), stderr: (t) => inv.out(t) });
  const prefix = clean(src.path).replace(/^\/+/, '');
  const root = workspacePath(inv, dest);
  for (const member of readArchive(archive) ?? []) {
    if (!member.name.startsWith(prefix)) throw plainError('tar contents corrupted');
    const rest = member.name.slice(prefix.length).replace(/^\/+/, '').replace(/\/+$/, '');
    const path = rest ? `${root}/${rest}` : root;
    inv.ctx.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    if (member.dir) {
      inv.ctx.fs.mkdir(path, { recursive: true });
      continue;
    }
    if (inv.ctx.fs.stat(path)?.type === 'dir') throw plainError(`open ${dest}: is a directory`);
    inv.ctx.fs.writeFile(path, member.data);
  }
  return 0;
}

/** The archive kubectl builds: files under the destination's base name, empty directories as entries. */
function localArchive(inv: Invocation, path: string, name: string, into: { name: string; dir: boolean; data: string; mode: number; mtime: number }[]): void {
  const stat = inv.ctx.fs.stat(path)!;
  if (stat.type === 'dir') {
    const children = inv.ctx.fs.readdir(path);
    if (children.length === 0) into.push({ name: `${name}/`, dir: true, data: '', mode: stat.mode ?? 0o755, mtime: stat.mtime ?? 0 });
    for (const child of children) localArchive(inv, `${path}/${child}`, `${name}/${child}`, into);
    return;
  }
  into.push({ name, dir: false, data: inv.ctx.fs.readFile(path), mode: stat.mode ?? 0o644, mtime: stat.mtime ?? 0 });
}

function* copyToPod(inv: Invocation, src: string, dest: FileSpec): Program {
  const local = workspacePath(inv, src);
  if (!inv.ctx.fs.stat(local)) throw plainError(`${src} doesn't exist in local filesystem`);
  const to = target(inv, dest);
  let destPath = clean(dest.path);
  // An existing directory receives the source under its own name; a failed check means it is not one.
  let isDir = 1;
  try {
    isDir = yield* run(inv, to, ['test', '-d', dest.path], { stdout: () => undefined, stderr: () => undefined });
  } catch {
    isDir = 1;
  }
  if (isDir === 0) destPath = `${destPath.replace(/\/$/, '')}/${baseName(local)}`;
  const slash = destPath.lastIndexOf('/');
  const destDir = slash > 0 ? destPath.slice(0, slash) : slash === 0 ? '/' : '';
  const members: Parameters<typeof writeArchive>[0] = [];
  localArchive(inv, local, destPath.slice(slash + 1), members);
  const argv = inv.flags.bool('no-preserve') ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  if (destDir) argv.push('-C', destDir);
  const code = yield* run(inv, to, argv, { stdin: writeArchive(members), stdout: (t) => inv.out(t), stderr: (t) => inv.err(t) });
  if (code !== 0) throw new KubectlError(`command terminated with exit code ${code}`, code);
  return 0;
}

function cp(inv: Invocation): Program | number {
  if (inv.args.length !== 2) throw plainError('source and destination are required');
  const src = fileSpec(inv.args[0]);
  const dest = fileSpec(inv.args[1]);
  if (src.pod && dest.pod) throw plainError('one of src or dest must be a local file specification');
  if (!src.path || !dest.path) throw plainError('filepath can not be empty');
  if (src.pod) return copyFromPod(inv, src, dest.path);
  if (dest.pod) return copyToPod(inv, src.path, dest);
  throw plainError('one of src or dest must be a remote file specification');
}

export const cpCommands: Implementations = {
  cp: { run: refusing(['retries'], cp) },
};
