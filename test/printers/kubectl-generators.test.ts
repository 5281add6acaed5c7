// Objects kubectl builds itself (`create ... --dry-run=client`): printing kubectl's own JSON for
// them must give exactly kubectl's YAML. (Their JSON keeps Go struct order because kubectl built
// them from typed structs; `kubectl get` decodes server objects untyped and sorts keys, as we do.) Captures live in test/golden-files/printers/kubectl/;
// with /usr/bin/kubectl present the comparison also runs against the binary.
// UPDATE_KUBECTL_GOLDEN=1 refreshes the captures.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { printObjects } from '../../sim/kubectl/printers';
import { NOW, typeOf } from './fixtures';

const kubectl = '/usr/bin/kubectl';
const haveKubectl = existsSync(kubectl);
const captureDir = join(__dirname, '..', 'golden-files', 'printers', 'kubectl');

/** Commands whose client-side dry run needs no server. Words after `--` go last. */
const generators: [string, string[], string[]][] = [
  ['deployment', ['create', 'deployment', 'web', '--image=nginx', '--replicas=3'], []],
  ['deployment-two-images', ['create', 'deployment', 'multi', '--image=nginx', '--image=redis:7', '--port=80'], []],
  ['job', ['create', 'job', 'hello', '--image=busybox'], ['echo', 'hi']],
  ['cronjob', ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *'], ['date']],
  ['service-nodeport', ['create', 'service', 'nodeport', 'web', '--tcp=80:8080'], []],
  ['service-clusterip-headless', ['create', 'service', 'clusterip', 'db', '--clusterip=None'], []],
  ['secret', ['create', 'secret', 'generic', 'db', '--from-literal=password=s3cr3t', '--from-literal=user=admin'], []],
  ['configmap', ['create', 'configmap', 'cfg', '--from-literal=replicas=3', '--from-literal=enabled=true', '--from-literal=note=a: b'], []],
];

function runKubectl(args: string[], rest: string[], output: string): string {
  const argv = [...args, '--dry-run=client', '-o', output, ...(rest.length > 0 ? ['--', ...rest] : [])];
  return execFileSync(kubectl, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '/nonexistent' } });
}

function capturePath(name: string, format: string): string {
  return join(captureDir, `generated-${name}.${format}.txt`);
}

if (process.env.UPDATE_KUBECTL_GOLDEN === '1' && haveKubectl) {
  mkdirSync(captureDir, { recursive: true });
  for (const [name, args, rest] of generators) {
    for (const format of ['json', 'yaml']) {
      try {
        writeFileSync(capturePath(name, format), runKubectl(args, rest, format));
      } catch {
        // Commands that need a server are left without a capture.
      }
    }
  }
}

function printAsYaml(json: string): string {
  const obj = JSON.parse(json) as KubeObject;
  return printObjects([{ type: typeOf(obj.kind), objects: [obj] }], { now: NOW, output: 'yaml' });
}

describe('yaml of objects kubectl generates, against the captures', () => {
  for (const [name] of generators) {
    const json = capturePath(name, 'json');
    const yaml = capturePath(name, 'yaml');
    it.skipIf(!existsSync(json) || !existsSync(yaml))(name, () => {
      const captured = readFileSync(json, 'utf8');
      expect(printAsYaml(captured)).toBe(readFileSync(yaml, 'utf8'));
    });
  }
});

describe.skipIf(!haveKubectl)('yaml of objects kubectl generates, against the live binary', () => {
  for (const [name, args, rest] of generators) {
    it(name, () => {
      let json: string;
      try {
        json = runKubectl(args, rest, 'json');
      } catch {
        return; // needs a server
      }
      expect(printAsYaml(json)).toBe(runKubectl(args, rest, 'yaml'));
    });
  }
});
