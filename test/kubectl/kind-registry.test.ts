// The kind registry is the one list of served kinds: discovery, kubectl's resource names, get,
// describe, patch, scale and explain all agree with it, and a kind it lacks is not served.
import { describe, expect, it } from 'vitest';
import { Lab } from './harness';
import { kindRecords, type ServedKind } from '../../sim/api/kinds';
import { apiVersionOf, qualifiedSingular } from '../../sim/api/resources';
import { isStrategicMergeType } from '../../sim/api/patch';
import type { KubeObject } from '../../sim/api/types';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
const selector = { matchLabels: { app: 'web' } };

/** One object of each stored kind; undefined for kinds no client stores (computed, create-only). */
const samples: Record<ServedKind, Omit<KubeObject, 'apiVersion' | 'kind'> | undefined> = {
  Binding: undefined,
  ConfigMap: { metadata: { name: 'sample' }, data: { a: '1' } },
  Endpoints: { metadata: { name: 'sample' }, subsets: [] },
  LimitRange: { metadata: { name: 'sample' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' } }] } },
  ResourceQuota: { metadata: { name: 'sample' }, spec: { hard: { pods: '2' } } },
  Event: { metadata: { name: 'sample' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Test', message: 'hello', type: 'Normal' },
  Namespace: { metadata: { name: 'sample' }, spec: {}, status: { phase: 'Active' } },
  Node: { metadata: { name: 'sample' }, spec: {}, status: {} },
  PersistentVolumeClaim: { metadata: { name: 'sample' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  PersistentVolume: { metadata: { name: 'sample' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/mnt/sample' } } },
  Pod: { metadata: { name: 'sample' }, spec: template.spec },
  ReplicationController: { metadata: { name: 'sample' }, spec: { replicas: 1, selector: { app: 'web' }, template } },
  Secret: { metadata: { name: 'sample' }, type: 'Opaque', data: {} },
  ServiceAccount: { metadata: { name: 'sample' } },
  Service: { metadata: { name: 'sample' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', ports: [{ port: 80 }] } },
  ControllerRevision: { metadata: { name: 'sample' }, revision: 1 },
  DaemonSet: { metadata: { name: 'sample' }, spec: { selector, template } },
  Deployment: { metadata: { name: 'sample' }, spec: { replicas: 1, selector, template } },
  ReplicaSet: { metadata: { name: 'sample' }, spec: { replicas: 1, selector, template } },
  HorizontalPodAutoscaler: { metadata: { name: 'sample' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'sample' }, maxReplicas: 3 } },
  StatefulSet: { metadata: { name: 'sample' }, spec: { replicas: 1, serviceName: 'sample', selector, template } },
  CronJob: { metadata: { name: 'sample' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } },
  Job: { metadata: { name: 'sample' }, spec: { template } },
  Lease: { metadata: { name: 'sample' }, spec: { holderIdentity: 'node01' } },
  EndpointSlice: { metadata: { name: 'sample' }, addressType: 'IPv4', endpoints: [] },
  NodeMetrics: undefined,
  PodMetrics: undefined,
  PriorityClass: { metadata: { name: 'sample' }, value: 1000, description: 'a sample' },
  StorageClass: { metadata: { name: 'sample' }, provisioner: 'example.com/sample' },
  PodDisruptionBudget: { metadata: { name: 'sample' }, spec: { minAvailable: 1, selector } },
};

function labWithSamples(): Lab {
  const lab = new Lab();
  for (const record of kindRecords) {
    const sample = samples[record.resource.kind];
    if (sample && record.resource.kind !== 'Namespace') lab.add({ apiVersion: apiVersionOf(record.resource), kind: record.resource.kind, ...structuredClone(sample) } as KubeObject);
  }
  lab.add({ apiVersion: 'v1', kind: 'Namespace', ...structuredClone(samples.Namespace!) } as KubeObject);
  return lab;
}

describe('the kind registry', () => {
  it('gives every served kind a complete record', () => {
    for (const { resource, subresources, patchTypes } of kindRecords) {
      expect(resource.plural, resource.kind).toMatch(/^[a-z]+$/);
      expect(resource.singular, resource.kind).toMatch(/^[a-z]+$/);
      expect(resource.kind).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(resource.version, resource.kind).toMatch(/^v\d+((alpha|beta)\d+)?$/);
      expect(resource.verbs.length, resource.kind).toBeGreaterThan(0);
      for (const name of subresources) expect(['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'scale', 'status']).toContain(name);
      // Strategic merge patches find list merge keys through these types.
      for (const type of Object.values(patchTypes)) expect(isStrategicMergeType(type), `${resource.kind} ${type}`).toBe(true);
    }
    const names = kindRecords.map((r) => `${r.resource.kind}.${r.resource.group}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is what `kubectl api-resources` lists, in its order', () => {
    const lab = new Lab();
    const rows = lab.run(['api-resources']).stdout.trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/));
    const expected = kindRecords.map(({ resource: t }) => [t.plural, ...(t.shortNames.length ? [t.shortNames.join(',')] : []), apiVersionOf(t), String(t.namespaced), t.kind]);
    expect(rows).toEqual(expected);
  });

  it('lets kubectl get, describe and name every stored kind by its plural, singular and short names', () => {
    const lab = labWithSamples();
    for (const { resource: t } of kindRecords) {
      if (!samples[t.kind]) continue;
      const ns = t.namespaced ? ['-n', 'default'] : [];
      for (const typed of [t.plural, t.singular, ...t.shortNames, `${t.plural}.${t.version}${t.group ? `.${t.group}` : ''}`]) {
        const get = lab.run(['get', typed, 'sample', '-o', 'name', ...ns]);
        expect(get.stderr, typed).toBe('');
        expect(get.stdout, typed).toBe(`${qualifiedSingular(t)}/sample\n`);
      }
      const table = lab.run(['get', t.plural, 'sample', ...ns]);
      expect(table.code, t.kind).toBe(0);
      expect(table.stdout.trim().split('\n'), t.kind).toHaveLength(2);
      const described = lab.run(['describe', t.plural, 'sample', ...ns]);
      expect(described.stderr, t.kind).toBe('');
      expect(described.stdout.split('\n')[0], t.kind).toMatch(/^Name:\s+sample$/);
    }
  });

  it('patches every stored kind with a patch verb, and scales exactly the kinds with a scale subresource', () => {
    const lab = labWithSamples();
    for (const record of kindRecords) {
      const t = record.resource;
      if (!samples[t.kind] || !t.verbs.includes('patch')) continue;
      const ns = t.namespaced ? ['-n', 'default'] : [];
      const patched = lab.run(['patch', t.plural, 'sample', '--type=merge', '-p', '{"metadata":{"labels":{"checked":"yes"}}}', ...ns]);
      expect(patched.stderr, t.kind).toBe('');
      expect(patched.stdout, t.kind).toBe(`${qualifiedSingular(t)}/sample patched\n`);
      const scaled = lab.run(['scale', t.plural, 'sample', '--replicas=2', ...ns]);
      if (record.subresources.includes('scale')) expect(scaled.stdout, t.kind).toBe(`${qualifiedSingular(t)}/sample scaled\n`);
      else expect(scaled.stderr, t.kind).toBe('Error from server (NotFound): the server could not find the requested resource\n');
    }
  });

  it('puts in `kubectl get all` exactly the kinds of the `all` category', () => {
    const lab = labWithSamples();
    const listed = lab.run(['get', 'all', '-o', 'name']).stdout.trim().split('\n');
    const expected = kindRecords.filter((r) => samples[r.resource.kind] && r.resource.categories?.includes('all')).map((r) => `${qualifiedSingular(r.resource)}/sample`);
    expect(listed).toEqual(expected);
  });

  it('explains a served kind under the group and version the registry serves it at', () => {
    const lab = new Lab();
    for (const { resource: t } of kindRecords) {
      if (t.group === 'metrics.k8s.io') continue;
      const out = lab.run(['explain', t.plural]);
      if (out.code === 0) expect(out.stdout, t.kind).toContain(`KIND:       ${t.kind}\nVERSION:    ${t.version}\n`);
      else expect(out.stderr, t.kind).toBe(`error: couldn't find resource for "${apiVersionOf(t)}, Kind=${t.kind}"\n`);
    }
  });

  it("answers a kind it does not serve as kubectl does: the server doesn't have a resource type", () => {
    const lab = new Lab();
    for (const args of [
      ['get', 'ingresses'],
      ['get', 'ing', 'web'],
      ['describe', 'ingresses', 'web'],
      ['explain', 'ingresses'],
      ['patch', 'ingresses', 'web', '-p', '{}'],
      ['scale', 'ingresses', 'web', '--replicas=2'],
      ['delete', 'ingresses', 'web'],
    ]) {
      const out = lab.run(args);
      expect(out.stderr, args.join(' ')).toBe(`error: the server doesn't have a resource type "${args[1]}"\n`);
      expect(out.code).toBe(1);
    }
  });
});
