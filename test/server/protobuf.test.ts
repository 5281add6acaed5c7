// kubectl's typed clients send protobuf bodies; the server reads them into the JSON it works with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf } from '../../server/protobuf';

/**
 * Request bodies the real kubectl 1.32 sent to `podlab serve`, as hex: captured from
 * `kubectl -v=9`, which dumps each protobuf body it sends.
 */
const captured = (name: string) => Buffer.from(readFileSync(join(__dirname, 'fixtures/protobuf', `${name}.hex`), 'utf8').trim(), 'hex');

// A minimal protobuf writer for the test's messages: varints and length-delimited fields.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
const bytes = (field: number, content: number[]) => [...varint((field << 3) | 2), ...varint(content.length), ...content];
const text = (field: number, value: string) => bytes(field, [...Buffer.from(value)]);
const number = (field: number, value: number) => [...varint(field << 3), ...varint(value)];
const entry = (field: number, key: string, value: number[]) => bytes(field, [...text(1, key), ...value]);

function envelope(apiVersion: string, kind: string, raw: number[]): Buffer {
  const unknown = [...bytes(1, [...text(1, apiVersion), ...text(2, kind)]), ...bytes(2, raw)];
  return Buffer.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
}

describe('protobuf request bodies', () => {
  it('reads a ConfigMap with its labels and data', () => {
    const metadata = [...text(1, 'settings'), ...text(3, ''), ...entry(11, 'app', text(2, 'web'))];
    const raw = [...bytes(1, metadata), ...entry(2, 'mode', text(2, 'fast'))];
    expect(decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', labels: { app: 'web' } },
      data: { mode: 'fast' },
    });
  });

  it('reads a ResourceQuota with its hard limits and scopes (kubectl create quota --scopes)', () => {
    const quantity = (value: string) => bytes(2, text(1, value));
    const spec = [...entry(1, 'pods', quantity('10')), ...text(2, 'BestEffort')];
    const raw = [...bytes(1, text(1, 'best-effort')), ...bytes(2, spec)];
    expect(decodeKubernetesProtobuf(envelope('v1', 'ResourceQuota', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'best-effort' },
      spec: { hard: { pods: '10' }, scopes: ['BestEffort'] },
    });
  });

  it('reads an autoscaling/v1 HPA as kubectl autoscale sends it', () => {
    const ref = [...text(1, 'Deployment'), ...text(2, 'web'), ...text(3, 'apps/v1')];
    const spec = [...bytes(1, ref), ...number(2, 1), ...number(3, 10), ...number(4, 50)];
    const raw = [...bytes(1, text(1, 'web')), ...bytes(2, spec)];
    expect(decodeKubernetesProtobuf(envelope('autoscaling/v1', 'HorizontalPodAutoscaler', raw))).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
    });
  });

  it('keeps replicas: 0 (a pointer) and drops empty strings (omitempty)', () => {
    const container = [...text(1, 'web'), ...text(2, 'nginx'), ...text(5, ''), ...bytes(6, number(3, 80))];
    const podSpec = bytes(2, container);
    const template = [...bytes(1, entry(11, 'app', text(2, 'web'))), ...bytes(2, podSpec)];
    const spec = [...number(1, 0), ...bytes(2, entry(1, 'app', text(2, 'web'))), ...bytes(3, template)];
    const decoded = decodeKubernetesProtobuf(envelope('apps/v1', 'Deployment', [...bytes(1, text(1, 'api')), ...bytes(2, spec)]));
    expect(decoded).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
      },
    });
  });

  it('reads Secret data as base64 and a Service target port as a number or a name', () => {
    const secret = decodeKubernetesProtobuf(envelope('v1', 'Secret', [...bytes(1, text(1, 's')), ...entry(2, 'key', text(2, 'hi')), ...text(3, 'Opaque')]));
    expect(secret).toMatchObject({ data: { key: 'aGk=' }, type: 'Opaque' });
    const byNumber = bytes(1, [...number(3, 80), ...bytes(4, [...number(1, 0), ...number(2, 8080)])]);
    const byName = bytes(1, [...number(3, 81), ...bytes(4, [...number(1, 1), ...text(3, 'http')])]);
    const service = decodeKubernetesProtobuf(envelope('v1', 'Service', [...bytes(1, text(1, 'svc')), ...bytes(2, [...byNumber, ...byName])]));
    expect(service).toMatchObject({ spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 'http' }] } });
  });

  it('answers a body without the protobuf prefix, or cut short, with BadRequest', () => {
    expect(() => decodeKubernetesProtobuf(Buffer.from('{"kind":"Pod"}'))).toThrow(/does not appear to be a protobuf message/);
    const whole = envelope('v1', 'ConfigMap', bytes(1, text(1, 'settings')));
    expect(() => decodeKubernetesProtobuf(whole.subarray(0, whole.length - 3))).toThrow(/unexpected EOF/);
  });

  it('reads an ephemeral container with its embedded common fields, probes with their handler, and quantities', () => {
    const probe = [...bytes(1, bytes(2, [...text(1, '/healthz'), ...bytes(2, [...number(1, 1), ...text(3, 'http')]), ...bytes(5, [...text(1, 'X-Probe'), ...text(2, 'yes')])])), ...number(3, 0), ...number(4, 5)];
    const mount = [...text(1, 'data'), ...text(3, '/data')];
    const common = [...text(1, 'debugger'), ...text(2, 'busybox'), ...bytes(9, mount), ...bytes(10, probe), ...bytes(15, [...number(2, 0), ...number(4, 0)])];
    const ephemeral = [...bytes(1, common), ...text(2, 'app')];
    const volume = [...text(1, 'data'), ...bytes(2, bytes(2, bytes(2, text(1, '64Mi'))))];
    const spec = [...bytes(1, volume), ...bytes(34, ephemeral)];
    expect(decodeKubernetesProtobuf(envelope('v1', 'Pod', [...bytes(1, text(1, 'p')), ...bytes(2, spec)]))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        volumes: [{ name: 'data', emptyDir: { sizeLimit: '64Mi' } }],
        ephemeralContainers: [
          {
            name: 'debugger',
            image: 'busybox',
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
            livenessProbe: { httpGet: { path: '/healthz', port: 'http', httpHeaders: [{ name: 'X-Probe', value: 'yes' }] }, periodSeconds: 5 },
            // privileged: false and runAsUser: 0 are choices (Go pointers), kept as sent
            securityContext: { privileged: false, runAsUser: 0 },
            targetContainerName: 'app',
          },
        ],
      },
    });
  });

  it('keeps a rolling update maxUnavailable of 0 (a pointer) and drops an unset service targetPort', () => {
    const rollingUpdate = bytes(2, [...bytes(1, [...number(1, 0), ...number(2, 0)]), ...bytes(2, [...number(1, 1), ...text(3, '25%')])]);
    const spec = [...number(1, 2), ...bytes(4, [...text(1, 'RollingUpdate'), ...rollingUpdate])];
    const deployment = decodeKubernetesProtobuf(envelope('apps/v1', 'Deployment', [...bytes(1, text(1, 'web')), ...bytes(2, spec)]));
    expect(deployment.spec).toEqual({ replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } } });
    const service = decodeKubernetesProtobuf(envelope('v1', 'Service', [...bytes(1, text(1, 'svc')), ...bytes(2, bytes(1, [...number(3, 80), ...bytes(4, [...number(1, 0), ...number(2, 0)])]))]));
    expect(service.spec).toEqual({ ports: [{ port: 80 }] });
  });

  it('reads the pod of kubectl debug node/node01 --profile=sysadmin: host namespaces, the host root volume, privileged', () => {
    expect(decodeKubernetesProtobuf(captured('debug-node-sysadmin'))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'node-debugger-node01-wrp9v' },
      spec: {
        volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
        containers: [
          {
            name: 'debugger',
            image: 'busybox',
            command: ['sleep', '1d'],
            resources: {},
            volumeMounts: [{ name: 'host-root', mountPath: '/host' }],
            securityContext: { privileged: true },
            terminationMessagePolicy: 'File',
          },
        ],
        restartPolicy: 'Never',
        nodeName: 'node01',
        hostNetwork: true,
        hostPID: true,
        hostIPC: true,
        tolerations: [{ operator: 'Exists' }],
      },
    });
  });

  it('reads the copy of kubectl debug --copy-to --profile=restricted: the projected token volume and a restricted security context', () => {
    const pod = decodeKubernetesProtobuf(captured('debug-copy-to-restricted')) as { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
    expect(pod.spec.volumes).toEqual([
      {
        name: 'kube-api-access-8276d',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
          defaultMode: 420,
        },
      },
    ]);
    expect(pod.spec.containers[1]).toEqual({
      name: 'debugger-gx7z9',
      image: 'busybox',
      command: ['sleep', '1d'],
      resources: {},
      securityContext: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } },
      terminationMessagePolicy: 'File',
    });
    expect(pod.spec).toMatchObject({
      shareProcessNamespace: true,
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
  });

  it('reads kubectl create deployment --replicas --port and kubectl create cronjob as sent', () => {
    expect(decodeKubernetesProtobuf(captured('create-deployment'))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} }] } },
        strategy: {},
      },
    });
    expect(decodeKubernetesProtobuf(captured('create-cronjob'))).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          metadata: { name: 'tick' },
          spec: { template: { metadata: {}, spec: { containers: [{ name: 'tick', image: 'busybox', command: ['date'], resources: {} }], restartPolicy: 'OnFailure' } } },
        },
      },
    });
  });
});
