// Objects exactly as the real `kubectl create ... --dry-run=client -o yaml` writes them (golden
// files captured from kubectl v1.32) go through the controllers as a learner's would.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../sim/api/types';
import { allocateServiceAddresses } from '../../sim/controllers';
import { SeededRandom } from '../../sim/random';
import { runningCluster } from './workloads';
import { startTime } from './fake-cluster';

const goldenDir = join(__dirname, '..', 'golden-files', 'controllers');
const kubectl = '/usr/bin/kubectl';

const captures: Record<string, string[]> = {
  'create-deployment-web.yaml': ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3'],
  'create-job-pi.yaml': ['create', 'job', 'pi', '--image=done', '--', 'sh', '-c', 'echo hi'],
  'create-cronjob-hello.yaml': ['create', 'cronjob', 'hello', '--image=done', '--schedule=*/1 * * * *'],
  'create-service-nodeport-web.yaml': ['create', 'service', 'nodeport', 'web', '--tcp=80:8080', '--node-port=30080'],
};

function golden(file: string): string {
  return readFileSync(join(goldenDir, file), 'utf8');
}

function manifest(file: string): KubeObject {
  const obj = parse(golden(file)) as KubeObject;
  obj.metadata.namespace = 'default';
  return obj;
}

describe('kubectl-made manifests', () => {
  it('a `kubectl create deployment` object rolls out to 3/3', () => {
    const c = runningCluster();
    c.create(manifest('create-deployment-web.yaml'));
    const d = c.get('Deployment', 'default', 'web');
    expect([d.status.readyReplicas, d.status.updatedReplicas, d.status.availableReplicas]).toEqual([3, 3, 3]);
    expect(c.api.list('ReplicaSet', 'default')).toHaveLength(1);
  });

  it('a `kubectl create job` object completes', () => {
    const c = runningCluster();
    c.create(manifest('create-job-pi.yaml'));
    c.advance(2);
    expect(c.get('Job', 'default', 'pi').status.succeeded).toBe(1);
  });

  it('a `kubectl create cronjob` object starts a Job every minute', () => {
    const c = runningCluster();
    c.create(manifest('create-cronjob-hello.yaml'));
    c.advance(60);
    expect(c.names('Job')).toEqual([`hello-${Math.floor(startTime / 60_000) + 1}`]);
  });

  it('a `kubectl create service nodeport` object keeps its requested nodePort', () => {
    const svc = manifest('create-service-nodeport-web.yaml');
    allocateServiceAddresses(svc, [], new SeededRandom(1));
    expect(svc.spec.ports[0].nodePort).toBe(30080);
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
  });

  it.skipIf(!existsSync(kubectl))('golden files match the live kubectl binary', () => {
    for (const [file, args] of Object.entries(captures)) {
      const live = execFileSync(kubectl, [args[0], '--dry-run=client', '-o', 'yaml', ...args.slice(1)], { encoding: 'utf8' });
      expect(live, file).toBe(golden(file));
    }
  });
});
