import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { printHeader, printObjects, printWatchRow, type PrintOptions } from '../../sim/kubectl/printers';
import * as f from './fixtures';
import { expectGolden } from './golden';

const pods = [f.runningPod, f.crashingPod, f.pendingPod, f.completedPod, f.terminatingPod, f.initPod, f.detailedPod];

const kinds: [string, KubeObject[]][] = [
  ['Pod', pods],
  ['Node', [f.node]],
  ['Namespace', [f.namespace]],
  ['Event', f.crashEvents],
  ['Service', [f.service, f.nodePortService]],
  ['Endpoints', [f.endpoints]],
  ['EndpointSlice', [f.endpointSlice]],
  ['ConfigMap', [f.configMap]],
  ['Secret', [f.secret]],
  ['ServiceAccount', [f.serviceAccount]],
  ['ReplicaSet', [f.newReplicaSet, f.oldReplicaSet]],
  ['Deployment', [f.deployment]],
  ['DaemonSet', [f.daemonSet]],
  ['Job', [f.job, f.completeJob]],
  ['CronJob', [f.cronJob]],
  ['ControllerRevision', [f.controllerRevision]],
  ['Lease', [{ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node01', namespace: 'kube-node-lease', creationTimestamp: f.ago(864000) }, spec: { holderIdentity: 'node01' } }]],
];

function print(kind: string, objects: KubeObject[], options: Partial<PrintOptions> = {}): string {
  return printObjects([{ type: f.typeOf(kind), objects }], { now: f.NOW, ...options });
}

describe('kubectl get tables', () => {
  for (const [kind, objects] of kinds) {
    it(`prints ${kind}`, () => expectGolden(`get-${kind.toLowerCase()}`, print(kind, objects)));
    it(`prints ${kind} -o wide`, () => expectGolden(`get-${kind.toLowerCase()}-wide`, print(kind, objects, { output: 'wide' })));
  }

  it('lines up the pod table exactly as kubectl does', () => {
    expect(print('Pod', [f.runningPod, f.crashingPod])).toBe(
      'NAME    READY   STATUS             RESTARTS      AGE\n' +
        'nginx   1/1     Running            0             60s\n' +
        'crash   0/1     CrashLoopBackOff   3 (31s ago)   58s\n',
    );
  });

  it('puts NAMESPACE first with -A, but not for cluster-scoped kinds', () => {
    expect(print('Pod', [f.runningPod], { allNamespaces: true })).toBe('NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE\ndefault     nginx   1/1     Running   0          60s\n');
    expect(print('Node', [f.node], { allNamespaces: true })).toBe('NAME     STATUS   ROLES    AGE   VERSION\nnode01   Ready    worker   10d   v1.32.4\n');
  });

  it('adds -L columns (header from the last part of the key) before LABELS', () => {
    expectGolden('get-pod-labels', print('Pod', [f.runningPod, f.detailedPod], { showLabels: true, labelColumns: ['app', 'app.kubernetes.io/name', 'pod-template-hash'] }));
  });

  it('drops the header with --no-headers', () => {
    expect(print('Pod', [f.runningPod], { noHeaders: true })).toBe('nginx   1/1   Running   0     60s\n');
  });

  it('prints one block per kind with kind-qualified names for get all', () => {
    const text = printObjects(
      [
        { type: f.typeOf('Pod'), objects: f.webPods },
        { type: f.typeOf('Service'), objects: [f.service] },
        { type: f.typeOf('DaemonSet'), objects: [] },
        { type: f.typeOf('Deployment'), objects: [f.deployment] },
        { type: f.typeOf('ReplicaSet'), objects: [f.newReplicaSet, f.oldReplicaSet] },
      ],
      { now: f.NOW, showKind: true },
    );
    expectGolden('get-all', text);
    expect(text).toContain('\n\nNAME          TYPE        CLUSTER-IP');
    expect(text).toContain('deployment.apps/web   3/3');
  });

  it('prints no blank lines between blocks with --no-headers', () => {
    const text = printObjects([{ type: f.typeOf('Service'), objects: [f.service] }, { type: f.typeOf('Deployment'), objects: [f.deployment] }], { now: f.NOW, showKind: true, noHeaders: true });
    expect(text).toBe('service/web   ClusterIP   10.96.120.15   <none>   80/TCP   10m\ndeployment.apps/web   3/3   3     3     60m\n');
  });

  it('shows <pending>, load balancer addresses (clipped without -o wide) and external names', () => {
    const lb = (name: string, ingress: { ip?: string; hostname?: string }[]): KubeObject => ({
      ...f.service,
      metadata: { ...f.service.metadata, name },
      spec: { ...f.service.spec, type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] },
      status: { loadBalancer: { ingress } },
    });
    const external: KubeObject = { ...f.service, metadata: { ...f.service.metadata, name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' } };
    const services = [lb('lb-new', []), lb('lb-ready', [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }]), external];
    expect(print('Service', services)).toBe(
      'NAME       TYPE           CLUSTER-IP     EXTERNAL-IP        PORT(S)        AGE\n' +
        'lb-new     LoadBalancer   10.96.120.15   <pending>          80:30080/TCP   10m\n' +
        'lb-ready   LoadBalancer   10.96.120.15   203.0.113.10,...   80:30080/TCP   10m\n' +
        'db         ExternalName   <none>         db.example.com     <none>         10m\n',
    );
    expect(print('Service', [services[1]], { output: 'wide', noHeaders: true })).toBe('lb-ready   LoadBalancer   10.96.120.15   203.0.113.10,lb.example.com   80:30080/TCP   10m   app=web\n');
  });

  it('prints nothing for an empty list (kubectl says "No resources found" on stderr)', () => {
    expect(print('Pod', [])).toBe('');
  });

  it('cuts a multi-line cell at the first line break', () => {
    const ev = f.event({ name: 'e', object: 'x', reason: 'Failed', message: 'first line\nsecond line', first: 5 });
    expect(print('Event', [ev])).toBe('LAST SEEN   TYPE     REASON   OBJECT   MESSAGE\n5s          Normal   Failed   pod/x    first line...\n');
  });

  it('prints a watch row and the header each with their own widths', () => {
    const type = f.typeOf('Pod');
    expect(printHeader(type, { now: f.NOW })).toBe('NAME   READY   STATUS   RESTARTS   AGE\n');
    expect(printWatchRow(type, f.crashingPod, { now: f.NOW })).toBe('crash   0/1   CrashLoopBackOff   3 (31s ago)   58s\n');
    expect(printHeader(type, { now: f.NOW, outputWatchEvents: true })).toBe('EVENT   NAME   READY   STATUS   RESTARTS   AGE\n');
    expect(printWatchRow(type, f.runningPod, { now: f.NOW, outputWatchEvents: true }, 'MODIFIED')).toBe('MODIFIED   nginx   1/1   Running   0     60s\n');
    expect(printWatchRow(type, f.runningPod, { now: f.NOW, outputWatchEvents: true }, 'ADDED')).toBe('ADDED      nginx   1/1   Running   0     60s\n');
  });
});
