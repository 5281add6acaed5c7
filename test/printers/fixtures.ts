// Objects as the API server stores them, for printer tests. Times are relative to NOW.

import type { KubeObject } from '../../sim/api/types';
import type { ApiServer } from '../../sim/api/server';
import { resourceTypes, resourceTypeForKind, type ResourceType } from '../../sim/api/resources';
import { rfc3339 } from '../../sim/time';

export const NOW = Date.UTC(2026, 0, 15, 10, 0, 0);

/** RFC 3339 time `seconds` before NOW. */
export function ago(seconds: number): string {
  return rfc3339(NOW - seconds * 1000);
}

export function typeOf(kind: string): ResourceType {
  const t = resourceTypeForKind(kind);
  if (!t) throw new Error(`no resource type for ${kind}`);
  return t;
}

const apiAccessVolume = {
  name: 'kube-api-access-hxgb9',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  },
};

const defaultTolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function conditions(ready: boolean, initialized = true): KubeObject['status'] {
  const t = ago(58);
  return [
    { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: t },
    { type: 'Initialized', status: initialized ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t },
    { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t, ...(ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }) },
    { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t, ...(ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }) },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ago(60) },
  ];
}

interface PodOptions {
  name: string;
  image?: string;
  ageSeconds?: number;
  phase?: string;
  ready?: boolean;
  state?: Record<string, unknown>;
  lastState?: Record<string, unknown>;
  restartCount?: number;
  containerExtras?: Record<string, unknown>;
  specExtras?: Record<string, unknown>;
  statusExtras?: Record<string, unknown>;
  metadataExtras?: Record<string, unknown>;
  scheduled?: boolean;
}

export function makePod(o: PodOptions): KubeObject {
  const image = o.image ?? 'nginx';
  const scheduled = o.scheduled ?? true;
  const ready = o.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: 'default',
      uid: `uid-${o.name}`,
      resourceVersion: '1234',
      creationTimestamp: ago(o.ageSeconds ?? 60),
      labels: { run: o.name },
      ...(o.metadataExtras ?? {}),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image,
          imagePullPolicy: 'Always',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ name: 'kube-api-access-hxgb9', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
          ...(o.containerExtras ?? {}),
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      ...(scheduled ? { nodeName: 'node01' } : {}),
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: defaultTolerations,
      volumes: [apiAccessVolume],
      ...(o.specExtras ?? {}),
    },
    status: scheduled
      ? {
          conditions: conditions(ready),
          containerStatuses: [
            {
              containerID: 'containerd://4f1c2a9b7e3d',
              image: `docker.io/library/${image}:latest`,
              imageID: `docker.io/library/${image}@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31`,
              lastState: o.lastState ?? {},
              name: 'app',
              ready,
              restartCount: o.restartCount ?? 0,
              started: ready,
              state: o.state ?? { running: { startedAt: ago(55) } },
            },
          ],
          hostIP: '172.18.0.3',
          hostIPs: [{ ip: '172.18.0.3' }],
          phase: o.phase ?? 'Running',
          podIP: '10.244.1.5',
          podIPs: [{ ip: '10.244.1.5' }],
          qosClass: 'BestEffort',
          startTime: ago(58),
          ...(o.statusExtras ?? {}),
        }
      : {
          phase: 'Pending',
          qosClass: 'BestEffort',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: ago(30),
              reason: 'Unschedulable',
              message: '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
            },
          ],
        },
  };
}

export const runningPod = makePod({ name: 'nginx', ageSeconds: 60 });

export const crashingPod = makePod({
  name: 'crash',
  image: 'busybox',
  ageSeconds: 58,
  ready: false,
  restartCount: 3,
  state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=app pod=crash_default(uid-crash)' } },
  lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(31), finishedAt: ago(31), containerID: 'containerd://11aa' } },
  containerExtras: { command: ['sh', '-c', 'exit 1'] },
});

export const pendingPod = makePod({ name: 'big', scheduled: false, ageSeconds: 30 });

export const completedPod = makePod({
  name: 'once',
  image: 'busybox',
  phase: 'Succeeded',
  ready: false,
  ageSeconds: 3 * 3600 + 5 * 60,
  state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(600), finishedAt: ago(590), containerID: 'containerd://22bb' } },
  specExtras: { restartPolicy: 'Never' },
});

export const terminatingPod = makePod({
  name: 'leaving',
  ageSeconds: 2 * 86400 + 3 * 3600,
  metadataExtras: { deletionTimestamp: ago(-25), deletionGracePeriodSeconds: 30 },
});

export const initPod: KubeObject = (() => {
  const pod = makePod({
    name: 'init-demo',
    ready: false,
    phase: 'Pending',
    state: { waiting: { reason: 'PodInitializing' } },
    ageSeconds: 12,
    specExtras: {
      initContainers: [
        { name: 'wait-db', image: 'busybox', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] },
        { name: 'migrate', image: 'busybox' },
      ],
    },
  });
  pod.status.conditions[1] = { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [wait-db migrate]', lastProbeTime: null, lastTransitionTime: ago(12) };
  pod.status.initContainerStatuses = [
    { name: 'wait-db', image: 'docker.io/library/busybox:latest', imageID: '', ready: false, restartCount: 0, started: true, lastState: {}, state: { running: { startedAt: ago(10) } }, containerID: 'containerd://33cc' },
    { name: 'migrate', image: 'busybox', imageID: '', ready: false, restartCount: 0, started: false, lastState: {}, state: { waiting: { reason: 'PodInitializing' } } },
  ];
  return pod;
})();

/** A pod with probes, resources, env from config maps and secrets, and several volume kinds. */
export const detailedPod: KubeObject = makePod({
  name: 'web-7d9f8c6b5-q8k2p',
  ageSeconds: 7 * 60 + 5,
  restartCount: 1,
  lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(400), finishedAt: ago(185), containerID: 'containerd://44dd' } },
  metadataExtras: {
    labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5' },
    annotations: { 'kubernetes.io/change-cause': 'kubectl set image deployment/web app=nginx:1.27' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c6b5', uid: 'uid-rs', controller: true, blockOwnerDeletion: true }],
  },
  containerExtras: {
    image: 'nginx:1.27',
    ports: [{ containerPort: 80, protocol: 'TCP' }],
    args: ['--port', '80'],
    resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } },
    livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
    startupProbe: { tcpSocket: { port: 3306 }, initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 30 },
    env: [
      { name: 'MODE', value: 'production' },
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level' } } },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: true } } },
      { name: 'MY_POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '0' } } },
    ],
    envFrom: [{ configMapRef: { name: 'settings' } }, { prefix: 'DB_', secretRef: { name: 'db' } }],
    volumeMounts: [
      { name: 'kube-api-access-hxgb9', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
      { name: 'cache', mountPath: '/cache' },
      { name: 'config', mountPath: '/etc/app', readOnly: true },
    ],
  },
  specExtras: {
    nodeSelector: { disktype: 'ssd' },
    volumes: [
      { name: 'cache', emptyDir: {} },
      { name: 'config', configMap: { name: 'settings', defaultMode: 420 } },
      { name: 'creds', secret: { secretName: 'db', defaultMode: 420 } },
      { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
      apiAccessVolume,
    ],
  },
  statusExtras: { qosClass: 'Burstable' },
});

export function event(o: {
  name: string;
  kind?: string;
  object: string;
  uid?: string;
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  count?: number;
  first: number;
  last?: number;
  component?: string;
  host?: string;
  fieldPath?: string;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: o.name, namespace: 'default', uid: `uid-${o.name}`, resourceVersion: '99', creationTimestamp: ago(o.first) },
    involvedObject: { apiVersion: 'v1', kind: o.kind ?? 'Pod', name: o.object, namespace: 'default', uid: o.uid ?? `uid-${o.object}`, ...(o.fieldPath ? { fieldPath: o.fieldPath } : {}) },
    reason: o.reason,
    message: o.message,
    type: o.type ?? 'Normal',
    count: o.count ?? 1,
    firstTimestamp: ago(o.first),
    lastTimestamp: ago(o.last ?? o.first),
    source: { component: o.component ?? 'kubelet', ...(o.host ? { host: o.host } : {}) },
    reportingComponent: o.component ?? 'kubelet',
    reportingInstance: o.host ?? '',
    eventTime: null,
  };
}

export const crashEvents: KubeObject[] = [
  event({ name: 'crash.1', object: 'crash', reason: 'Scheduled', message: 'Successfully assigned default/crash to node01', first: 58, component: 'default-scheduler' }),
  event({ name: 'crash.2', object: 'crash', reason: 'Pulled', message: 'Container image "busybox" already present on machine', first: 57, last: 10, count: 4, host: 'node01', fieldPath: 'spec.containers{app}' }),
  event({ name: 'crash.3', object: 'crash', reason: 'Created', message: 'Created container: app', first: 57, last: 10, count: 4, host: 'node01', fieldPath: 'spec.containers{app}' }),
  event({ name: 'crash.4', object: 'crash', reason: 'Started', message: 'Started container app', first: 57, last: 10, count: 4, host: 'node01', fieldPath: 'spec.containers{app}' }),
  event({ name: 'crash.5', object: 'crash', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app in pod crash_default(uid-crash)', first: 55, last: 9, count: 5, host: 'node01', fieldPath: 'spec.containers{app}' }),
];

export const node: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'node01',
    uid: 'uid-node01',
    resourceVersion: '500',
    creationTimestamp: ago(10 * 86400),
    labels: { 'beta.kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'node01', 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/worker': '' },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
  },
  spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'dedicated', value: 'lab', effect: 'NoSchedule' }] },
  status: {
    capacity: { cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0', memory: '4015852Ki', pods: '110' },
    allocatable: { cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0', memory: '4015852Ki', pods: '110' },
    conditions: [
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: ago(30), lastTransitionTime: ago(10 * 86400), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
      { type: 'Ready', status: 'True', lastHeartbeatTime: ago(30), lastTransitionTime: ago(10 * 86400 - 20), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    ],
    addresses: [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'node01' }],
    nodeInfo: {
      machineID: 'a1b2c3', systemUUID: 'd4e5f6', bootID: '0718', kernelVersion: '6.8.0-45-generic', osImage: 'Debian GNU/Linux 12 (bookworm)',
      operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.24', kubeletVersion: 'v1.32.4', kubeProxyVersion: 'v1.32.4',
    },
  },
};

export const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-deploy', generation: 2, resourceVersion: '77', creationTimestamp: ago(3600), labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: {
    replicas: 3,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }], restartPolicy: 'Always' },
    },
  },
  status: {
    availableReplicas: 3, observedGeneration: 2, readyReplicas: 3, replicas: 3, updatedReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastTransitionTime: ago(3500), lastUpdateTime: ago(3500) },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-7d9f8c6b5" has successfully progressed.', lastTransitionTime: ago(3600), lastUpdateTime: ago(300) },
    ],
  },
};

function replicaSet(name: string, hash: string, image: string, replicas: number, ageSeconds: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: ago(ageSeconds), labels: { app: 'web', 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-deploy', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web', 'pod-template-hash': hash } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }], restartPolicy: 'Always' },
      },
    },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: 1 },
  };
}

export const newReplicaSet = replicaSet('web-7d9f8c6b5', '7d9f8c6b5', 'nginx:1.27', 3, 300);
export const oldReplicaSet = replicaSet('web-6b8d5f7c9', '6b8d5f7c9', 'nginx:1.26', 0, 3600);

export const webPods: KubeObject[] = ['x2x9k', 'b7m4q', 'z9wpl'].map((suffix, i) => {
  const pod = makePod({ name: `web-7d9f8c6b5-${suffix}`, ageSeconds: 300 - i });
  pod.metadata.labels = { app: 'web', 'pod-template-hash': '7d9f8c6b5' };
  pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c6b5', uid: 'uid-web-7d9f8c6b5', controller: true, blockOwnerDeletion: true }];
  pod.status.podIP = pod.status.podIPs[0].ip = `10.244.1.${10 + i}`;
  pod.spec.containers[0].resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } };
  return pod;
});

export const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-svc', creationTimestamp: ago(600), labels: { app: 'web' } },
  spec: {
    clusterIP: '10.96.120.15', clusterIPs: ['10.96.120.15'], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
    ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app: 'web' }, sessionAffinity: 'None', type: 'ClusterIP',
  },
  status: { loadBalancer: {} },
};

export const nodePortService: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web-np', namespace: 'default', uid: 'uid-svc-np', creationTimestamp: ago(120) },
  spec: {
    clusterIP: '10.96.33.7', clusterIPs: ['10.96.33.7'], externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
    ports: [{ name: 'http', nodePort: 31234, port: 80, protocol: 'TCP', targetPort: 'http' }, { name: 'metrics', nodePort: 30999, port: 9090, protocol: 'TCP', targetPort: 9090 }],
    selector: { app: 'web' }, sessionAffinity: 'None', type: 'NodePort',
  },
  status: { loadBalancer: {} },
};

export const endpoints: KubeObject = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-ep', creationTimestamp: ago(600), labels: { app: 'web' } },
  subsets: [
    {
      addresses: webPods.map((p) => ({ ip: p.status.podIP, nodeName: 'node01', targetRef: { kind: 'Pod', name: p.metadata.name, namespace: 'default', uid: p.metadata.uid } })).concat([{ ip: '10.244.2.4', nodeName: 'node02', targetRef: { kind: 'Pod', name: 'web-x', namespace: 'default', uid: 'u' } }]),
      notReadyAddresses: [{ ip: '10.244.2.9', nodeName: 'node02', targetRef: { kind: 'Pod', name: 'web-y', namespace: 'default', uid: 'u2' } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    },
  ],
};

export const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default', uid: 'uid-cm', creationTimestamp: ago(45) },
  data: { level: 'debug', 'app.properties': 'color=blue\nsize=3\n', replicas: '3', enabled: 'true', mode: '0777' },
};

export const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'default', uid: 'uid-secret', creationTimestamp: ago(45) },
  type: 'Opaque',
  data: { password: 'czNjcjN0', username: 'YWRtaW4=' },
};

export const serviceAccount: KubeObject = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'default', namespace: 'default', uid: 'uid-sa', creationTimestamp: ago(10 * 86400) },
};

export const namespace: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'default', uid: 'uid-ns', creationTimestamp: ago(10 * 86400), labels: { 'kubernetes.io/metadata.name': 'default' } },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
};

export const job: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: 'uid-job', creationTimestamp: ago(200), labels: { 'batch.kubernetes.io/controller-uid': 'uid-job', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'uid-job', 'job-name': 'pi' } },
  spec: {
    backoffLimit: 6, completionMode: 'NonIndexed', completions: 3, parallelism: 1, suspend: false,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-job' } },
    template: {
      metadata: { creationTimestamp: null, labels: { 'batch.kubernetes.io/controller-uid': 'uid-job', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'uid-job', 'job-name': 'pi' } },
      spec: { containers: [{ name: 'pi', image: 'perl:5.34', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], resources: {} }], restartPolicy: 'Never' },
    },
  },
  status: { active: 1, ready: 1, succeeded: 2, startTime: ago(195), uncountedTerminatedPods: {} },
};

export const completeJob: KubeObject = {
  ...job,
  metadata: { ...job.metadata, name: 'hello', uid: 'uid-job2', creationTimestamp: ago(7200) },
  spec: { ...job.spec, completions: 1 },
  status: {
    succeeded: 1, startTime: ago(7190), completionTime: ago(7150),
    conditions: [
      { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
    ],
  },
};

export const cronJob: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'tick', namespace: 'default', uid: 'uid-cj', creationTimestamp: ago(1800) },
  spec: {
    concurrencyPolicy: 'Allow', failedJobsHistoryLimit: 1, schedule: '*/5 * * * *', successfulJobsHistoryLimit: 3, suspend: false,
    jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'tick', image: 'busybox', command: ['date'], resources: {} }], restartPolicy: 'OnFailure' } } } },
  },
  status: { lastScheduleTime: ago(100), active: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'tick-29468820', namespace: 'default', uid: 'x' }] },
};

export const daemonSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default', uid: 'uid-ds', creationTimestamp: ago(5000), labels: { app: 'agent' }, annotations: { 'deprecated.daemonset.template.generation': '1' } },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { creationTimestamp: null, labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox', args: ['sleep', 'infinity'], resources: {} }], nodeSelector: { 'kubernetes.io/os': 'linux' } } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
  },
  status: { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2 },
};

export const controllerRevision: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: { name: 'agent-6c7c9f8d4b', namespace: 'default', uid: 'uid-cr', creationTimestamp: ago(5000), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'uid-ds', controller: true }] },
  data: {},
  revision: 1,
};

export const endpointSlice: KubeObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc12', namespace: 'default', uid: 'uid-eps', creationTimestamp: ago(600), labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: webPods.map((p) => ({ addresses: [p.status.podIP], conditions: { ready: true, serving: true, terminating: false } })).concat([{ addresses: ['10.244.2.4'], conditions: { ready: true, serving: true, terminating: false } }]),
  ports: [{ name: '', port: 8080, protocol: 'TCP' }],
};

/** A read-only API server over a fixed set of objects, enough for describe. */
export function fakeApi(objects: KubeObject[]): ApiServer {
  const unsupported = (): never => {
    throw new Error('not supported in printer tests');
  };
  return {
    resourceTypes: () => resourceTypes,
    create: unsupported,
    get: (kind, namespace, name) => {
      const found = objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || (o.metadata.namespace ?? '') === namespace));
      if (!found) throw new Error(`${kind} ${name} not found`);
      return found;
    },
    list: (kind, namespace) => objects.filter((o) => o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? '') === namespace)),
    update: unsupported,
    updateStatus: unsupported,
    updateEphemeralContainers: unsupported,
    patch: unsupported,
    apply: unsupported,
    delete: unsupported,
    watch: () => () => {},
    logs: unsupported,
    exec: unsupported,
    attach: unsupported,
    now: () => NOW,
  };
}
