// Runs the real kubectl offline (no cluster) with a hand-made discovery cache, so client-side
// commands (`create --dry-run=client`, `set resources --local`) get past discovery.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiVersionOf, resourceTypes } from '../../sim/api/resources';

export const kubectlPath = '/usr/bin/kubectl';
export const kubectlAvailable = existsSync(kubectlPath);

function writeDiscoveryCache(home: string): void {
  const cache = join(home, '.kube/cache/discovery/localhost_8080');
  const groups = new Map<string, string[]>();
  for (const type of resourceTypes) {
    const versions = groups.get(type.group) ?? [];
    if (!versions.includes(type.version)) versions.push(type.version);
    groups.set(type.group, versions);
  }
  const groupList = {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups.entries()].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: name ? `${name}/${version}` : version, version })),
      preferredVersion: { groupVersion: name ? `${name}/${versions[0]}` : versions[0], version: versions[0] },
    })),
  };
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, 'servergroups.json'), JSON.stringify(groupList));
  for (const [group, versions] of groups) {
    for (const version of versions) {
      const groupVersion = group ? `${group}/${version}` : version;
      const dir = join(cache, group || '', version);
      mkdirSync(dir, { recursive: true });
      const resources = resourceTypes
        .filter((t) => apiVersionOf(t) === groupVersion)
        .map((t) => ({ name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, shortNames: t.shortNames }));
      writeFileSync(join(dir, 'serverresources.json'), JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources }));
    }
  }
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs kubectl in a fresh temporary HOME holding `files`; file names are relative to it (the working directory). */
export function runKubectl(args: string[], files: Record<string, string> = {}): KubectlResult {
  const home = mkdtempSync(join(tmpdir(), 'podlab-kubectl-'));
  writeDiscoveryCache(home);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(home, name), content);
  try {
    const stdout = execFileSync(kubectlPath, args, { cwd: home, encoding: 'utf8', env: { HOME: home, PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] });
    return { stdout, stderr: '', exitCode: 0 };
  } catch (error) {
    const failure = error as { stdout: string; stderr: string; status: number };
    return { stdout: failure.stdout, stderr: failure.stderr, exitCode: failure.status };
  }
}
