// Reading and writing the learner's workspace (session.workspace, rooted at `/`).

import type { FileSystem } from '../../sim/fs/filesystem';

/** Every file under `root`, as paths relative to it, sorted. */
export function listWorkspaceFiles(fs: FileSystem, root = '/'): string[] {
  const files: string[] = [];
  const walk = (directory: string, prefix: string) => {
    let names: string[];
    try {
      names = fs.readdir(directory);
    } catch {
      return;
    }
    for (const name of names) {
      const absolute = directory === '/' ? `/${name}` : `${directory}/${name}`;
      const stat = fs.stat(absolute);
      if (stat?.type === 'dir') walk(absolute, `${prefix}${name}/`);
      else if (stat?.type === 'file') files.push(`${prefix}${name}`);
    }
  };
  walk(root, '');
  return files.sort();
}

export function readWorkspaceFiles(fs: FileSystem, root = '/'): Record<string, string> {
  const contents: Record<string, string> = {};
  for (const path of listWorkspaceFiles(fs, root)) {
    try {
      contents[path] = fs.readFile(root === '/' ? `/${path}` : `${root}/${path}`);
    } catch {
      // A file removed between listing and reading is simply gone.
    }
  }
  return contents;
}
