// The other core/v1 and discovery kinds: Node, Namespace, Event, Service, Endpoints,
// EndpointSlice, ConfigMap, Secret, ServiceAccount.
import { field, type FieldSchema, type SchemaRegistry } from '../schema-types';

const common = {
  apiVersion: field('string', 'The versioned schema of this representation.'),
  kind: field('string', 'The type of object.'),
  metadata: field('ObjectMeta', "The object's name, namespace, labels and other metadata."),
};

function kind(description: string, fields: Record<string, FieldSchema>, open = false): SchemaRegistry[string] {
  return { goPackage: 'v1', description, fields: { ...common, ...fields }, open };
}

export const coreSchemas: SchemaRegistry = {
  Node: kind('A Node is a machine that runs pods; the kubelet on it reports its state.', {
    spec: field('NodeSpec', 'Settings of the node: pod CIDR, taints, whether it is cordoned.'),
    status: field('Status', 'Capacity, allocatable resources, conditions, addresses and versions of the node.'),
  }),
  NodeSpec: {
    goPackage: 'v1',
    description: 'Settings of a node.',
    fields: {
      podCIDR: field('string', 'The pod IP range of the node.'),
      podCIDRs: field('[]string', 'The pod IP ranges of the node.'),
      providerID: field('string', 'The id of the node at the cloud provider.'),
      taints: field('[]Taint', 'Taints that repel pods which do not tolerate them.'),
      unschedulable: field('bool', 'True when the node is cordoned: no new pods are scheduled there.'),
    },
  },
  Taint: {
    goPackage: 'v1',
    description: 'A mark on a node that repels pods without a matching toleration.',
    fields: {
      effect: field('string', 'NoSchedule, PreferNoSchedule or NoExecute.', true),
      key: field('string', 'The taint key.', true),
      timeAdded: field('Time', 'When a NoExecute taint was added.'),
      value: field('string', 'The taint value.'),
    },
  },
  Namespace: kind('A Namespace groups names: objects of one kind need unique names only within their namespace.', {
    spec: field('NamespaceSpec', 'Finalizers of the namespace.'),
    status: field('Status', 'The phase: Active or Terminating.'),
  }),
  NamespaceSpec: { goPackage: 'v1', description: 'Settings of a namespace.', fields: { finalizers: field('[]string', 'Work to finish before the namespace is removed.') } },
  Event: kind('An Event reports something that happened to an object, such as a pod being scheduled or a probe failing.', {
    action: field('string', 'What was done.'),
    count: field('int32', 'How many times this event happened.'),
    eventTime: field('Time', 'When the event first happened, in microseconds.'),
    firstTimestamp: field('Time', 'When the event was first recorded.'),
    involvedObject: field('ObjectReference', 'The object the event is about.', true),
    lastTimestamp: field('Time', 'When the event was last recorded.'),
    message: field('string', 'A human-readable description.'),
    reason: field('string', 'A short CamelCase reason, e.g. BackOff.'),
    related: field('ObjectReference', 'A second object involved.'),
    reportingComponent: field('string', 'The component that reported the event.'),
    reportingInstance: field('string', 'The instance of that component.'),
    series: field('Open', 'Data about a series of repeated events.'),
    source: field('EventSource', 'The component and host that reported the event.'),
    type: field('string', 'Normal or Warning.'),
  }),
  EventSource: {
    goPackage: 'v1',
    description: 'Where an event came from.',
    fields: { component: field('string', 'The reporting component.'), host: field('string', 'The node name.') },
  },
  Service: kind('A Service gives a set of pods, chosen by labels, one stable virtual IP and DNS name.', {
    spec: field('ServiceSpec', 'The ports, selector and type of the service.'),
    status: field('Status', 'The load balancer state.'),
  }),
  ServiceSpec: {
    goPackage: 'v1',
    description: 'The desired state of a service.',
    fields: {
      allocateLoadBalancerNodePorts: field('bool', 'Whether node ports are allocated for a LoadBalancer service.'),
      clusterIP: field('string', 'The virtual IP of the service; allocated unless set, `None` makes it headless.'),
      clusterIPs: field('[]string', 'The virtual IPs of the service, one per IP family.'),
      externalIPs: field('[]string', 'Extra IPs that route to the service.'),
      externalName: field('string', 'For type ExternalName: the DNS name the service points to.'),
      externalTrafficPolicy: field('string', 'Cluster or Local: how external traffic reaches endpoints.'),
      healthCheckNodePort: field('int32', 'Health check port for Local traffic policy.'),
      internalTrafficPolicy: field('string', 'Cluster (default) or Local: how traffic from inside the cluster is routed.'),
      ipFamilies: field('[]string', 'IPv4 and/or IPv6.'),
      ipFamilyPolicy: field('string', 'SingleStack, PreferDualStack or RequireDualStack.'),
      loadBalancerClass: field('string', 'The load balancer implementation.'),
      loadBalancerIP: field('string', 'Deprecated: a requested load balancer IP.'),
      loadBalancerSourceRanges: field('[]string', 'Client IP ranges allowed through the load balancer.'),
      ports: field('[]ServicePort', 'The ports the service exposes.'),
      publishNotReadyAddresses: field('bool', 'Include pods that are not ready in the endpoints.'),
      selector: field('map[string]string', 'Pods with these labels receive the traffic.'),
      sessionAffinity: field('string', 'None (default) or ClientIP to keep a client on one pod.'),
      sessionAffinityConfig: field('Open', 'Settings for ClientIP affinity.'),
      trafficDistribution: field('string', 'A preference for how traffic is spread.'),
      type: field('string', 'ClusterIP (default), NodePort, LoadBalancer or ExternalName.'),
    },
  },
  ServicePort: {
    goPackage: 'v1',
    description: 'A port of a service.',
    fields: {
      appProtocol: field('string', 'The application protocol, e.g. http.'),
      name: field('string', 'The port name; required when there are several ports.'),
      nodePort: field('int32', 'For NodePort and LoadBalancer: the port opened on every node (30000-32767).'),
      port: field('int32', 'The port of the service.', true),
      protocol: field('string', 'TCP (default), UDP or SCTP.'),
      targetPort: field('IntOrString', 'The port number or name on the pods; defaults to port.'),
    },
  },
  Endpoints: kind('Endpoints lists the addresses and ports of the pods behind a service.', {
    subsets: field('[]Open', 'Groups of addresses with the same ports.'),
  }),
  EndpointSlice: kind('An EndpointSlice lists some of the endpoints of a service.', {
    addressType: field('string', 'IPv4, IPv6 or FQDN.', true),
    endpoints: field('[]Open', 'The endpoints with their conditions.', true),
    ports: field('[]Open', 'The ports of the endpoints.'),
  }),
  ConfigMap: kind('A ConfigMap holds non-secret configuration as key/value pairs for pods to use.', {
    binaryData: field('map[string]string', 'Binary values, base64-encoded.'),
    data: field('map[string]string', 'The configuration values.'),
    immutable: field('bool', 'When true, the data can no longer change.'),
  }),
  Secret: kind('A Secret holds sensitive data such as passwords or keys for pods to use.', {
    data: field('map[string]string', 'The values, base64-encoded.'),
    immutable: field('bool', 'When true, the data can no longer change.'),
    stringData: field('map[string]string', 'Values as plain text, merged into data when written.'),
    type: field('string', 'The kind of secret, e.g. Opaque (default) or kubernetes.io/tls.'),
  }),
  ServiceAccount: kind('A ServiceAccount is an identity for processes running in pods.', {
    automountServiceAccountToken: field('bool', 'Whether pods using this account get a token mounted.'),
    imagePullSecrets: field('[]LocalObjectReference', 'Registry credentials for pods using this account.'),
    secrets: field('[]ObjectReference', 'Secrets pods of this account may use.'),
  }),
};
