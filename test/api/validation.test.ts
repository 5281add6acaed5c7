import { describe, expect, it } from 'vitest';
import { prepareForCreate, prepareForUpdate } from '../../sim/api/machinery';
import { decodeManifests } from '../../sim/api/decode';
import { formatInvalid } from '../../sim/api/validation';
import { qosClass } from '../../sim/api/qos';
import type { KubeObject, PodSpec } from '../../sim/api/types';

const deps = { randomSuffix: (n: number) => 'abcde'.slice(0, n), newUid: () => 'uid-1' };

function createError(yaml: string): string {
  const decoded = decodeManifests(yaml, 'x.yaml');
  if (decoded.error) return decoded.error;
  const result = prepareForCreate(decoded.objects[0], deps);
  return 'error' in result ? result.error.message : 'created';
}

const pod = (container: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  containers:
  - ${container}
${extra}`;

describe('create validation prints what kubectl prints', () => {
  it.each([
    ['a missing image', pod('name: web'), 'The Pod "web" is invalid: spec.containers[0].image: Required value'],
    [
      'a request above the limit',
      pod('{name: web, image: nginx, resources: {requests: {cpu: 2}, limits: {cpu: 1}}}'),
      'The Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      'a negative limit',
      pod('{name: web, image: nginx, resources: {limits: {memory: -1Mi}}}'),
      'The Pod "web" is invalid: [spec.containers[0].resources.limits[memory]: Invalid value: "-1Mi": must be greater than or equal to 0, spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0]',
    ],
    [
      'an unknown restart policy',
      pod('{name: web, image: nginx}', '  restartPolicy: Sometimes\n'),
      'The Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'a liveness probe with successThreshold 2',
      pod('{name: web, image: nginx, livenessProbe: {exec: {command: [cat, /tmp/healthy]}, successThreshold: 2}}'),
      'The Pod "web" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ],
    [
      'a probe with two handlers',
      pod('{name: web, image: nginx, readinessProbe: {exec: {command: [cat, /tmp/healthy]}, tcpSocket: {port: 80}}}'),
      'The Pod "web" is invalid: spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ],
    [
      'a probe with no handler',
      pod('{name: web, image: nginx, readinessProbe: {periodSeconds: 5}}'),
      'The Pod "web" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ],
    [
      'a port out of range',
      pod('{name: web, image: nginx, ports: [{containerPort: 70000}]}'),
      'The Pod "web" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'duplicate container names',
      pod('{name: web, image: nginx}\n  - {name: web, image: busybox}'),
      'The Pod "web" is invalid: spec.containers[1].name: Duplicate value: "web"',
    ],
    [
      'a mount of a missing volume',
      pod('{name: web, image: nginx, volumeMounts: [{name: data, mountPath: /data}]}'),
      'The Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
  ])('%s', (_name, yaml, message) => {
    expect(createError(yaml)).toBe(message);
  });

  it('rejects names that are not RFC 1123', () => {
    expect(createError('apiVersion: v1\nkind: Pod\nmetadata: {name: My_Pod, namespace: default}\nspec: {containers: [{name: Web, image: nginx}]}\n')).toBe(
      `The Pod "My_Pod" is invalid: [metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')]`,
    );
  });

  it('rejects bad label values', () => {
    expect(createError('apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: default, labels: {app: -web}}\nspec: {containers: [{name: web, image: nginx}]}\n')).toBe(
      `The Pod "web" is invalid: metadata.labels: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });

  it('requires Never or OnFailure for Jobs', () => {
    expect(createError('apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: default}\nspec: {template: {spec: {containers: [{name: j, image: busybox}]}}}\n')).toBe(
      'The Job "j" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });

  it('requires the selector to match the template labels', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: nginx}}
    spec: {containers: [{name: nginx, image: nginx}]}
`;
    expect(createError(yaml)).toBe('The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`');
    expect(createError(yaml.replace('  selector: {matchLabels: {app: web}}\n', ''))).toBe('The Deployment "web" is invalid: spec.selector: Required value');
  });

  it('reports unknown fields and wrong types as the server does', () => {
    expect(createError(pod('{name: web, image: nginx, imagePullPolcy: Always}'))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"',
    );
    expect(createError(pod('{name: web, image: nginx, imagePullPolcy: Always, foo: 1}', '  bar: true\n'))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy", unknown field "spec.containers[0].foo", unknown field "spec.bar"',
    );
    expect(createError(pod('{name: web, image: nginx, ports: "80"}'))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Container.spec.containers.ports of type []v1.ContainerPort',
    );
    expect(createError(pod('{name: web, image: nginx, livenessProbe: {periodSeconds: 1.5, exec: {command: [x]}}}'))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 1.5 into Go struct field Probe.spec.containers.livenessProbe.periodSeconds of type int32',
    );
    expect(createError(pod('{name: web, image: nginx, resources: {limits: {memory: 1Gb}}}'))).toBe(
      `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });

  it('formats one error bare and several in brackets', () => {
    const error = { field: 'spec.containers[0].image', type: 'Required value', detail: '', text: 'spec.containers[0].image: Required value' };
    expect(formatInvalid('Pod', 'x', [error])).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value');
    expect(formatInvalid('Pod', 'x', [error, { ...error, text: 'b' }, error])).toBe('The Pod "x" is invalid: [spec.containers[0].image: Required value, b]');
  });
});

describe('update validation', () => {
  function created(yaml: string): KubeObject {
    const result = prepareForCreate(decodeManifests(yaml, 'x.yaml').objects[0], deps);
    if ('error' in result) throw result.error;
    return result.object;
  }

  it('lets a pod change its image but nothing else', () => {
    const stored = created(pod('{name: web, image: nginx}'));
    const newImage = structuredClone(stored);
    newImage.spec.containers[0].image = 'nginx:1.27';
    expect('object' in prepareForUpdate(newImage, stored)).toBe(true);
    const newEnv = structuredClone(stored);
    newEnv.spec.containers[0].env = [{ name: 'A', value: '1' }];
    const result = prepareForUpdate(newEnv, stored);
    expect('error' in result && result.error.message).toMatch(
      /^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
  });

  it('keeps a Deployment selector immutable', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, v: "2"}}
    spec: {containers: [{name: nginx, image: nginx}]}
`;
    const stored = created(yaml);
    const changed = structuredClone(stored);
    changed.spec.selector = { matchLabels: { app: 'web', v: '2' } };
    const result = prepareForUpdate(changed, stored);
    expect('error' in result && result.error.message).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('QoS class', () => {
  const spec = (resources: object[]): PodSpec => ({ containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) });
  it.each([
    [[{}], 'BestEffort'],
    [[{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }], 'Guaranteed'],
    [[{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }], 'Burstable'],
    [[{ requests: { cpu: '100m' } }], 'Burstable'],
    [[{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}], 'Burstable'],
    [[{ requests: { cpu: '0' } }], 'BestEffort'],
  ])('%j → %s', (resources, expected) => {
    expect(qosClass(spec(resources))).toBe(expected);
  });
});

describe('field validation modes', () => {
  it('warns about unknown fields and drops them under Warn', () => {
    const decoded = decodeManifests(pod('{name: web, image: nginx, imagePullPolcy: Always}'), 'x.yaml').objects[0];
    const result = prepareForCreate(decoded, { ...deps, fieldValidation: 'Warn' });
    expect('object' in result && result.warnings).toEqual(['unknown field "spec.containers[0].imagePullPolcy"']);
    expect('object' in result && result.object.spec.containers[0].imagePullPolcy).toBeUndefined();
  });
});
