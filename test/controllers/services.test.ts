import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { SeededRandom } from '../../sim/random';
import { ApiError } from '../../sim/api/errors';
import { allocateServiceAddresses } from '../../sim/controllers';
import { ipToNumber } from '../../sim/controllers/service-addresses';
import { deployment, runningCluster } from './workloads';
import { podManifest } from './fake-cluster';

function service(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], ...spec },
    status: { loadBalancer: {} },
  };
}

function errorOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('allocateServiceAddresses', () => {
  const random = () => new SeededRandom(3);

  it('picks a free ClusterIP in 10.96.0.0/12 and a NodePort in 30000-32767', () => {
    const svc = service('web', { type: 'NodePort' });
    allocateServiceAddresses(svc, [], random());
    const ip = ipToNumber(svc.spec.clusterIP);
    expect(ip).toBeGreaterThan(ipToNumber('10.96.0.10'));
    expect(ip).toBeLessThan(ipToNumber('10.112.0.0'));
    expect(svc.spec.clusterIPs).toEqual([svc.spec.clusterIP]);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
  });

  it('keeps headless services at None and ExternalName without an address', () => {
    const headless = service('db', { clusterIP: 'None' });
    allocateServiceAddresses(headless, [], random());
    expect([headless.spec.clusterIP, headless.spec.clusterIPs]).toEqual(['None', ['None']]);
    const external = service('ext', { type: 'ExternalName', externalName: 'example.com' });
    allocateServiceAddresses(external, [], random());
    expect(external.spec.clusterIP).toBeUndefined();
  });

  it('never hands out an address or port already in use', () => {
    const existing: KubeObject[] = [];
    for (let i = 0; i < 50; i++) {
      const svc = service(`s${i}`, { type: 'NodePort' });
      allocateServiceAddresses(svc, existing, new SeededRandom(1));
      existing.push(svc);
    }
    expect(new Set(existing.map((s) => s.spec.clusterIP)).size).toBe(50);
    expect(new Set(existing.map((s) => s.spec.ports[0].nodePort)).size).toBe(50);
  });

  it('refuses taken or out-of-range addresses with the API server texts', () => {
    const first = service('a', { type: 'NodePort', clusterIP: '10.96.100.100', ports: [{ port: 80, nodePort: 30080 }] });
    allocateServiceAddresses(first, [], random());
    expect(errorOf(() => allocateServiceAddresses(service('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), [first], random()))).toBe(
      'Invalid: Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(errorOf(() => allocateServiceAddresses(service('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }), [], random()))).toBe(
      'Invalid: Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(errorOf(() => allocateServiceAddresses(service('d', { clusterIP: '10.96.100.100' }), [first], random()))).toBe(
      'Invalid: Service "d" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.100.100"}: failed to allocate IP 10.96.100.100: provided IP is already allocated',
    );
    expect(errorOf(() => allocateServiceAddresses(service('e', { clusterIP: '192.168.0.1' }), [], random()))).toBe(
      'Invalid: Service "e" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.1"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('leaves LoadBalancer services pending', () => {
    const lb = service('lb', { type: 'LoadBalancer' });
    allocateServiceAddresses(lb, [], random());
    expect(lb.status).toEqual({ loadBalancer: {} });
    expect(lb.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });
});

describe('endpoints controller', () => {
  it('lists ready pods as addresses and unready ones as notReadyAddresses, with named ports resolved', () => {
    const c = runningCluster();
    const d = deployment('web', 2);
    d.spec.template.spec.containers[0].ports = [{ name: 'http', containerPort: 8080 }];
    c.create(d);
    c.create(service('web', { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] }));
    // In address order, which is the slice's order; names (the list's order) are random.
    const pods = c.api.list('Pod', 'default').sort((a, b) => a.status.podIP.localeCompare(b.status.podIP, undefined, { numeric: true }));
    c.setReady('default', pods[1].metadata.name!, false);
    const endpoints = c.get('Endpoints', 'default', 'web');
    expect(endpoints.subsets).toEqual([
      {
        addresses: [{ ip: pods[0].status.podIP, nodeName: pods[0].spec.nodeName, targetRef: { kind: 'Pod', namespace: 'default', name: pods[0].metadata.name, uid: pods[0].metadata.uid } }],
        notReadyAddresses: [{ ip: pods[1].status.podIP, nodeName: pods[1].spec.nodeName, targetRef: { kind: 'Pod', namespace: 'default', name: pods[1].metadata.name, uid: pods[1].metadata.uid } }],
        ports: [{ name: 'web', port: 8080, protocol: 'TCP' }],
      },
    ]);
    const [slice] = c.api.list('EndpointSlice', 'default');
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toMatchObject({ 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
    expect(slice.endpoints.map((e: { conditions: object }) => e.conditions)).toEqual([
      { ready: true, serving: true, terminating: false },
      { ready: false, serving: false, terminating: false },
    ]);
  });

  it('drops terminating and finished pods, and has no subsets without pods', () => {
    const c = runningCluster();
    c.create(service('solo'));
    expect(c.get('Endpoints', 'default', 'solo').subsets).toBeUndefined();
    c.create(podManifest('one', { labels: { app: 'solo' } }));
    expect(c.get('Endpoints', 'default', 'solo').subsets[0].addresses).toHaveLength(1);
    c.delete('Pod', 'default', 'one');
    expect(c.get('Endpoints', 'default', 'solo').subsets).toBeUndefined();
    c.delete('Service', 'default', 'solo');
    expect(c.tryGet('Endpoints', 'default', 'solo')).toBeUndefined();
    expect(c.api.list('EndpointSlice', 'default')).toHaveLength(0);
  });

  it('leaves Services without a selector alone', () => {
    const c = runningCluster();
    c.create(service('manual', { selector: undefined }));
    expect(c.tryGet('Endpoints', 'default', 'manual')).toBeUndefined();
  });
});
