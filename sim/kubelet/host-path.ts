// A hostPath volume as the kubelet's hostPath plugin sets it up: the path is checked against the
// volume's type (the ...OrCreate types make what is missing), and the container then sees the
// node's own directory or file there, bind-mounted.

import { FsError, type FileSystem } from '../fs/filesystem';
import { SubtreeFs } from '../fs/subtree-fs';
import { hostFileType, type HostFileType } from './node-disk';

/** What each type must find, in the words of the check's message. */
const expected: Record<string, { type: HostFileType; description: string }> = {
  Directory: { type: 'Directory', description: 'directory' },
  DirectoryOrCreate: { type: 'Directory', description: 'directory' },
  File: { type: 'File', description: 'file' },
  FileOrCreate: { type: 'File', description: 'file' },
  Socket: { type: 'Socket', description: 'socket file' },
  CharDevice: { type: 'CharDevice', description: 'character device' },
  BlockDevice: { type: 'BlockDevice', description: 'block device' },
};

/** The volume's files, or why SetUp failed (the text after `MountVolume.SetUp failed for volume "v" : `). */
export function setUpHostPath(disk: FileSystem, source: { path: string; type?: string }): FileSystem | { error: string } {
  const path = source.path.replace(/\/+$/, '') || '/';
  const type = source.type ?? '';
  // With no type the kubelet checks nothing; the container runtime makes a missing source directory.
  const error = type !== '' ? checkType(disk, path, type) : disk.stat(path) ? undefined : makeDirectory(disk, path);
  if (error) return { error };
  return path === '/' ? disk : new SubtreeFs(disk, path);
}

/** checkType of host_path.go: an ...OrCreate type makes a missing path, then every type checks what is there. */
function checkType(disk: FileSystem, path: string, type: string): string | undefined {
  const want = expected[type];
  if (!want) return `${type} is an invalid volume type`;
  const found = hostFileType(disk, path);
  if (!found && type === 'DirectoryOrCreate') return makeDirectory(disk, path);
  if (!found && type === 'FileOrCreate') return makeFile(disk, path);
  // A File is anything that is there and is not a directory.
  const matches = want.type === 'File' ? found !== undefined && found !== 'Directory' : found === want.type;
  return matches ? undefined : `hostPath type check failed: ${path} is not a ${want.description}`;
}

/** os.MkdirAll with mode 0755. */
function makeDirectory(disk: FileSystem, path: string): string | undefined {
  try {
    disk.mkdir(path, { recursive: true });
    return undefined;
  } catch (error) {
    if (error instanceof FsError && error.code === 'ENOTDIR') return `mkdir ${error.path}: not a directory`;
    throw error;
  }
}

/** os.OpenFile with O_CREATE and mode 0644: an empty file, in a directory that must be there. */
function makeFile(disk: FileSystem, path: string): string | undefined {
  try {
    disk.writeFile(path, '');
    return undefined;
  } catch (error) {
    if (error instanceof FsError && error.code === 'ENOENT') return `open ${path}: no such file or directory`;
    if (error instanceof FsError && error.code === 'ENOTDIR') return `open ${path}: not a directory`;
    throw error;
  }
}
