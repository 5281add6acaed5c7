import { describe, expect, it } from 'vitest';
import { deployment, runningCluster } from './workloads';
import { FakeCluster } from './fake-cluster';

describe('namespace controller', () => {
  it('gives every namespace the default ServiceAccount and kube-root-ca.crt', () => {
    const c = runningCluster();
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    expect(c.names('ServiceAccount', 'dev')).toEqual(['default']);
    expect(c.names('ConfigMap', 'dev')).toEqual(['kube-root-ca.crt']);
    expect(c.get('ConfigMap', 'dev', 'kube-root-ca.crt').data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    // ...and puts the ServiceAccount back when it is deleted
    c.delete('ServiceAccount', 'dev', 'default');
    expect(c.names('ServiceAccount', 'dev')).toEqual(['default']);
    // namespaces that existed before the controller started get them too
    expect(c.names('ServiceAccount', 'default')).toEqual(['default']);
  });

  it('empties a Terminating namespace, then removes it', () => {
    const c = runningCluster();
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    const d = deployment('web', 2);
    d.metadata.namespace = 'dev';
    c.create(d);
    expect(c.names('Pod', 'dev')).toHaveLength(2);
    c.delete('Namespace', undefined, 'dev');
    expect(c.tryGet('Namespace', undefined, 'dev')).toBeUndefined();
    expect(c.api.list('Pod', 'dev')).toHaveLength(0);
    expect(c.api.list('Deployment', 'dev')).toHaveLength(0);
  });

  it('stays Terminating with NamespaceContentRemaining while pods shut down', () => {
    // no kubelet at all: the pod's deletion waits for one
    const c = new FakeCluster({ kubelet: false });
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stuck', namespace: 'dev' }, spec: { nodeName: 'ghost', containers: [{ name: 'a', image: 'nginx' }] }, status: { phase: 'Running' } });
    c.api.delete('Namespace', undefined, 'dev');
    c.drain();
    const ns = c.get('Namespace', undefined, 'dev');
    expect(ns.status.phase).toBe('Terminating');
    const remaining = ns.status.conditions.find((x: { type: string }) => x.type === 'NamespaceContentRemaining');
    expect(remaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances' });
  });
});
