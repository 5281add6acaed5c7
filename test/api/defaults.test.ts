import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPullPolicy } from '../../sim/api/defaults';
import { applyDefaults } from '../../sim/api/machinery';
import { prepareForCreate } from '../../sim/api/machinery';
import { decodeManifests } from '../../sim/api/decode';
import type { KubeObject } from '../../sim/api/types';

const goldenDir = join(__dirname, '../golden-files/api/defaults');
const deps = { randomSuffix: (n: number) => 'hxgb9'.slice(0, n), newUid: () => '6c5a3f0e-1d2b-4c8e-9a7f-0b1c2d3e4f50' };

function decoded(yaml: string): KubeObject {
  const result = decodeManifests(yaml, 'input.yaml');
  if (result.error) throw new Error(result.error);
  return result.objects[0];
}

/** Compares the prepared object with a golden file written from a real cluster's `-o json` shape. */
function expectGolden(name: string, object: unknown): void {
  const path = join(goldenDir, `${name}.json`);
  const text = `${JSON.stringify(object, null, 2)}\n`;
  if (!existsSync(path) && process.env.UPDATE_GOLDEN) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, text);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}

function prepared(yaml: string): KubeObject {
  const result = prepareForCreate(decoded(yaml), deps);
  if ('error' in result) throw result.error;
  return result.object;
}

describe('pod defaults as a real API server stores them', () => {
  it('fills in `kubectl run nginx --image=nginx`', () => {
    const pod = prepared(`apiVersion: v1
kind: Pod
metadata: {name: nginx, namespace: default, labels: {run: nginx}}
spec:
  containers: [{name: nginx, image: nginx, resources: {}}]
  dnsPolicy: ClusterFirst
  restartPolicy: Always
`);
    expectGolden('pod-run-nginx', pod);
    expect(pod.spec.containers[0].imagePullPolicy).toBe('Always');
    expect(pod.spec.volumes[0].name).toBe('kube-api-access-hxgb9');
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('copies limits into requests on pods, rounding to canonical quantities', () => {
    const pod = prepared(`apiVersion: v1
kind: Pod
metadata: {name: limited, namespace: default}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources: {limits: {cpu: 0.5, memory: 1024Mi}, requests: {cpu: 1.2345m}}
    livenessProbe: {httpGet: {port: 80}}
    ports: [{containerPort: 80}]
`);
    const container = pod.spec.containers[0];
    expect(container.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '2m', memory: '1Gi' } });
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(container.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(container.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(pod.status.qosClass).toBe('Burstable');
  });

  it('treats a probe field of 0 as not set, as the omitempty int32 fields of the Go types are', () => {
    const pod = prepared(`apiVersion: v1
kind: Pod
metadata: {name: zero, namespace: default}
spec:
  containers:
  - name: app
    image: nginx:1.27
    readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 0, periodSeconds: 0, timeoutSeconds: 0, failureThreshold: 0, successThreshold: 0}
`);
    expect(pod.spec.containers[0].readinessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it('chooses the pull policy from the tag', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/app')).toBe('Always');
    expect(defaultPullPolicy('nginx@sha256:abc')).toBe('IfNotPresent');
  });
});

describe('controller defaults', () => {
  it('fills in a Deployment without copying limits to requests in the template', () => {
    const deployment = prepared(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, labels: {app: web}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx, resources: {limits: {memory: 128Mi}}}]
`);
    expectGolden('deployment-web', deployment);
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '128Mi' } });
    expect(deployment.spec.template.spec.serviceAccountName).toBeUndefined();
  });

  it('gives a Job its generated selector and labels', () => {
    const job = prepared(`apiVersion: batch/v1
kind: Job
metadata: {name: hello, namespace: default}
spec:
  template:
    spec:
      containers: [{name: hello, image: busybox, command: [echo, hi]}]
      restartPolicy: Never
`);
    expectGolden('job-hello', job);
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': deps.newUid() } });
    expect(job.spec.template.metadata.labels['job-name']).toBe('hello');
    expect(job.spec.backoffLimit).toBe(6);
  });

  it('fills in DaemonSet, CronJob and Service defaults', () => {
    const daemonSet = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { template: { spec: { containers: [] } } } } as KubeObject;
    applyDefaults(daemonSet);
    expect(daemonSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [] } } } } } } as KubeObject;
    applyDefaults(cronJob);
    expect([cronJob.spec.concurrencyPolicy, cronJob.spec.suspend, cronJob.spec.successfulJobsHistoryLimit, cronJob.spec.failedJobsHistoryLimit]).toEqual(['Allow', false, 3, 1]);
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as KubeObject;
    applyDefaults(service);
    expect(service.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
  });
});
