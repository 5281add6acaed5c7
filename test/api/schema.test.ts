import { describe, expect, it } from 'vitest';
import { explainField, schemas, strictDecode } from '../../sim/api/schema';
import type { KubeObject } from '../../sim/api/types';

const servedKinds = ['Pod', 'Node', 'Namespace', 'Event', 'Service', 'Endpoints', 'EndpointSlice', 'ConfigMap', 'Secret', 'ServiceAccount', 'ReplicationController', 'ReplicaSet', 'Deployment', 'DaemonSet', 'Job', 'CronJob', 'ControllerRevision'];

describe('explain lookups', () => {
  it('has a schema with a description for every served kind', () => {
    for (const kind of servedKinds) {
      const node = explainField(kind, []);
      expect(node?.description, kind).toMatch(/\w/);
    }
  });

  it('describes pod.spec.containers', () => {
    const node = explainField('Pod', ['spec', 'containers'])!;
    expect(node.type).toBe('[]Container');
    expect(node.required).toBe(true);
    expect(node.fields!.map((f) => f.name)).toEqual([
      'args', 'command', 'env', 'envFrom', 'image', 'imagePullPolicy', 'lifecycle', 'livenessProbe', 'name', 'ports', 'readinessProbe', 'resizePolicy',
      'resources', 'restartPolicy', 'securityContext', 'startupProbe', 'stdin', 'stdinOnce', 'terminationMessagePath', 'terminationMessagePolicy', 'tty',
      'volumeDevices', 'volumeMounts', 'workingDir',
    ]);
    expect(node.fields!.find((f) => f.name === 'name')).toEqual({ name: 'name', type: 'string', required: true });
  });

  it('walks into probes and resources', () => {
    expect(explainField('Pod', ['spec', 'containers', 'livenessProbe', 'httpGet', 'port'])).toMatchObject({ type: 'IntOrString', required: true });
    expect(explainField('Pod', ['spec', 'containers', 'resources', 'limits'])).toMatchObject({ type: 'map[string]Quantity' });
    expect(explainField('Pod', ['spec', 'containers', 'livenessProbe', 'periodSeconds'])).toMatchObject({ type: 'integer' });
    expect(explainField('Deployment', ['spec', 'strategy', 'rollingUpdate', 'maxSurge'])).toMatchObject({ type: 'IntOrString' });
    expect(explainField('Pod', ['spec', 'nope'])).toBeUndefined();
    expect(explainField('Gadget', [])).toBeUndefined();
  });

  it('refers only to structs that exist', () => {
    const known = new Set([...Object.keys(schemas), 'string', 'int32', 'int64', 'bool', 'float64', 'Quantity', 'IntOrString', 'Time', 'any']);
    for (const [name, struct] of Object.entries(schemas)) {
      for (const [fieldName, spec] of Object.entries(struct.fields)) {
        const base = spec.type.replace(/^(\[\]|map\[string\])+/, '');
        expect(known.has(base), `${name}.${fieldName}: ${spec.type}`).toBe(true);
        expect(spec.description, `${name}.${fieldName}`).toMatch(/\w/);
      }
    }
  });
});

describe('strict decoding', () => {
  it('lists unknown fields with their paths', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', lables: { a: 'b' } },
      spec: { replica: 3, template: { spec: { containers: [{ name: 'a', image: 'x', resource: {} }] } } },
    } as unknown as KubeObject;
    expect(strictDecode(deployment)).toEqual([
      'unknown field "metadata.lables"',
      'unknown field "spec.replica"',
      'unknown field "spec.template.spec.containers[0].resource"',
    ]);
  });

  it('accepts labels, resources and free-form data of any name', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { anything: 'x' } },
      spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { 'example.com/gpu': '1' } } }], securityContext: { runAsUser: 1000 } },
    } as unknown as KubeObject;
    expect(strictDecode(pod)).toEqual([]);
  });
});
