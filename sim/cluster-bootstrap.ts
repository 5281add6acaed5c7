// What a fresh kubeadm cluster holds before anyone uses it: the namespaces, the nodes, the
// control-plane static pods, CoreDNS and kube-proxy, and the `kubernetes` and `kube-dns` Services.

import type { KubeObject } from './api/types';
import type { SimApiServer } from './api/api-server';
import { rfc3339 } from './time';
import { systemPriorityClasses, systemPriorityClassObject } from './api/kinds/priority-class';

export const kubernetesVersion = 'v1.32.4';

export interface NodeDefinition {
  name: string;
  ip: string;
  podSubnet: number;
  controlPlane: boolean;
}

export const clusterNodes: NodeDefinition[] = [
  { name: 'controlplane', ip: '172.30.1.2', podSubnet: 0, controlPlane: true },
  { name: 'node01', ip: '172.30.1.3', podSubnet: 1, controlPlane: false },
  { name: 'node02', ip: '172.30.1.4', podSubnet: 2, controlPlane: false },
];

const workerCapacity = { cpu: '2', 'ephemeral-storage': '20134592Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4015876Ki', pods: '110' };
const workerAllocatable = { cpu: '2', 'ephemeral-storage': '18556039957', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '3913476Ki', pods: '110' };

function nodeObject(node: NodeDefinition, created: string): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name,
    'kubernetes.io/os': 'linux',
  };
  if (node.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const condition = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: created,
    lastTransitionTime: created,
    message,
    reason,
    status,
    type,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${node.podSubnet}.0/24`,
      podCIDRs: [`10.244.${node.podSubnet}.0/24`],
      ...(node.controlPlane ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      addresses: [
        { address: node.ip, type: 'InternalIP' },
        { address: node.name, type: 'Hostname' },
      ],
      allocatable: { ...workerAllocatable },
      capacity: { ...workerCapacity },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${node.name}-boot-0001`,
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: kubernetesVersion,
        kubeletVersion: kubernetesVersion,
        machineID: `${node.name.padEnd(8, '0')}0123456789abcdef01234567`,
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: `${node.name}-uuid`,
      },
    },
  };
}

function staticPod(name: string, component: string, image: string, command: string[], cpu: string, memory: string | undefined, port: number, probePath: string, scheme: 'HTTP' | 'HTTPS'): KubeObject {
  const controlPlane = clusterNodes[0];
  const probe = (path: string, failureThreshold: number) => ({
    failureThreshold,
    httpGet: { host: component === 'kube-apiserver' ? controlPlane.ip : '127.0.0.1', path, port, scheme },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    timeoutSeconds: 15,
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-${controlPlane.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.source': 'file',
        ...(component === 'kube-apiserver' ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${controlPlane.ip}:6443` } : {}),
        ...(component === 'etcd' ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${controlPlane.ip}:2379` } : {}),
      },
    },
    spec: {
      nodeName: controlPlane.name,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      containers: [
        {
          name: component,
          image,
          command,
          imagePullPolicy: 'IfNotPresent',
          resources: { requests: memory ? { cpu, memory } : { cpu } },
          livenessProbe: probe(probePath, 8),
          startupProbe: probe(probePath, 24),
          ...(component === 'kube-apiserver' ? { readinessProbe: { ...probe('/readyz', 3), initialDelaySeconds: undefined, periodSeconds: 1 } } : {}),
        },
      ],
    },
  };
}

export interface BootstrapOptions {
  /** The nodes to register; kubeadm's three by default. */
  nodes?: readonly NodeDefinition[];
  /**
   * False leaves out what kubeadm deploys into kube-system (the control plane's static Pods,
   * CoreDNS and kube-proxy), keeping only the API server's own namespaces, Service and Endpoints.
   */
  addons?: boolean;
}

export function bootstrapCluster(api: SimApiServer, startTime: number, options: BootstrapOptions = {}): void {
  const created = rfc3339(startTime);
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  // The API server's own start: its system PriorityClasses, stored with uids of their own so every
  // name and timing drawn from the seed stays as it was.
  for (const { name } of systemPriorityClasses) api.createTrusted(systemPriorityClassObject(name));
  for (const node of options.nodes ?? clusterNodes) api.create(nodeObject(node, created));

  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP', sessionAffinity: 'None' },
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: clusterNodes[0].ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });

  if (options.addons === false) return;
  const cp = clusterNodes[0].ip;
  api.create(staticPod('etcd', 'etcd', 'registry.k8s.io/etcd:3.5.16-0', ['etcd', `--advertise-client-urls=https://${cp}:2379`, '--data-dir=/var/lib/etcd', `--listen-client-urls=https://127.0.0.1:2379,https://${cp}:2379`], '100m', '100Mi', 2381, '/livez', 'HTTP'));
  api.create(staticPod('kube-apiserver', 'kube-apiserver', `registry.k8s.io/kube-apiserver:${kubernetesVersion}`, ['kube-apiserver', `--advertise-address=${cp}`, '--authorization-mode=Node,RBAC', '--service-cluster-ip-range=10.96.0.0/12'], '250m', undefined, 6443, '/livez', 'HTTPS'));
  api.create(staticPod('kube-controller-manager', 'kube-controller-manager', `registry.k8s.io/kube-controller-manager:${kubernetesVersion}`, ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true'], '200m', undefined, 10257, '/healthz', 'HTTPS'));
  api.create(staticPod('kube-scheduler', 'kube-scheduler', `registry.k8s.io/kube-scheduler:${kubernetesVersion}`, ['kube-scheduler', '--leader-elect=true'], '100m', undefined, 10259, '/livez', 'HTTPS'));

  api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    data: {
      Corefile:
        '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n',
    },
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      type: 'ClusterIP',
    },
  });
  api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ],
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            },
          ],
        },
      },
    },
  });
  api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          containers: [
            {
              name: 'kube-proxy',
              image: `registry.k8s.io/kube-proxy:${kubernetesVersion}`,
              imagePullPolicy: 'IfNotPresent',
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              securityContext: { privileged: true },
            },
          ],
        },
      },
    },
  });

  // kind's default StorageClass: the local-path provisioner makes a directory on the pod's node.
  // Stored with a uid of its own, so adding it left every name and timing drawn from the seed as it was.
  api.createTrusted({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', uid: '5d3f0c1e-8b7a-4f2e-9c61-2e4b8a7d9f03', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
}
