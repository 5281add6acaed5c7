// `kubectl patch`: the client side compared with captures from the real kubectl 1.32, and the
// server side (strategic, merge and JSON patches, dry runs, subresources, errors) on the lab's API server.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lab, shellWords } from './harness';
import { goldenSuite, readGoldenCases } from './golden-suite';
import { applyPatch, PatchFailure } from '../../sim/api/patch';

const dir = join(__dirname, '../golden-files/kubectl-patch');
goldenSuite('kubectl patch', dir, readGoldenCases(dir));

function podLab(): Lab {
  const lab = new Lab();
  lab.add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }] },
    status: { phase: 'Running' },
  });
  lab.add({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    },
    status: { replicas: 2 },
  });
  return lab;
}

const run = (lab: Lab, line: string) => lab.run(shellWords(line));

describe('kubectl patch on the server', () => {
  it('applies a strategic merge patch by merge key and reports it', () => {
    const lab = podLab();
    expect(run(lab, `patch pod web -p '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}'`)).toEqual({ stdout: 'pod/web patched\n', stderr: '', code: 0 });
    const pod = lab.api.get('Pod', 'default', 'web');
    expect(pod.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.28', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }]);
  });

  it('takes TYPE/NAME, -n and a YAML patch', () => {
    const lab = podLab();
    lab.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    lab.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'dev' }, data: { a: '1' } });
    expect(lab.run(['patch', 'cm/c', '-n', 'dev', '-p', 'data:\n  b: "2"\n  a: null']).stdout).toBe('configmap/c patched\n');
    expect(lab.api.get('ConfigMap', 'dev', 'c').data).toEqual({ b: '2' });
  });

  it('says (no change) when the object stays the same', () => {
    const lab = podLab();
    const before = lab.api.get('Pod', 'default', 'web').metadata.resourceVersion;
    expect(run(lab, `patch pod web -p '{"metadata":{"labels":{"app":"web"}}}'`).stdout).toBe('pod/web patched (no change)\n');
    expect(run(lab, `patch pod web --type=merge -p '{}'`).stdout).toBe('pod/web patched (no change)\n');
    expect(lab.api.get('Pod', 'default', 'web').metadata.resourceVersion).toBe(before);
  });

  it('merge patches replace lists', () => {
    const lab = podLab();
    run(lab, `patch deploy web --type=merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`);
    expect(lab.api.get('Deployment', 'default', 'web').spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.28' }]);
  });

  it('applies JSON patches, and a deployment patch bumps the generation', () => {
    const lab = podLab();
    const result = run(lab, `patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":4},{"op":"add","path":"/metadata/labels","value":{"tier":"fe"}}]'`);
    expect(result.stdout).toBe('deployment.apps/web patched\n');
    const deploy = lab.api.get('Deployment', 'default', 'web');
    expect(deploy.spec.replicas).toBe(4);
    expect(deploy.metadata.labels).toEqual({ tier: 'fe' });
    expect(deploy.metadata.generation).toBe(2);
  });

  it('prints the patched object with -o', () => {
    const lab = podLab();
    const yaml = run(lab, `patch pod web -p '{"metadata":{"labels":{"tier":"fe"}}}' -o yaml`).stdout;
    expect(yaml).toContain('kind: Pod\n');
    expect(yaml).toContain('    tier: fe\n');
    expect(run(lab, `patch pod web -p '{"metadata":{"labels":{"x":"y"}}}' -o name`).stdout).toBe('pod/web\n');
    expect(run(lab, `patch pod web -p '{}' -o jsonpath={.metadata.labels.x}`).stdout).toBe('y');
  });

  it('dry runs change nothing and print no suffix, as kubectl 1.32 does', () => {
    const lab = podLab();
    expect(run(lab, `patch pod web --dry-run=server -p '{"metadata":{"labels":{"a":"b"}}}'`).stdout).toBe('pod/web patched\n');
    expect(run(lab, `patch pod web --dry-run=client -p '{"metadata":{"labels":{"a":"b"}}}' -o jsonpath={.metadata.labels.a}`).stdout).toBe('b');
    expect(run(lab, `patch pod web --dry-run=client -p '{"metadata":{"labels":{"app":"web"}}}'`).stdout).toBe('pod/web patched (no change)\n');
    expect(lab.api.get('Pod', 'default', 'web').metadata.labels).toEqual({ app: 'web' });
  });

  it('patches replicas through the scale subresource', () => {
    const lab = podLab();
    const result = run(lab, `patch deployment web --subresource='scale' --type='merge' -p '{"spec":{"replicas":5}}'`);
    expect(result).toEqual({ stdout: 'scale.autoscaling/web patched\n', stderr: '', code: 0 });
    expect(lab.api.get('Deployment', 'default', 'web').spec.replicas).toBe(5);
    const yaml = run(lab, `patch deployment web --subresource=scale -p '{"spec":{"replicas":3}}' -o yaml`).stdout;
    expect(yaml).toContain('kind: Scale\n');
    expect(yaml).toContain('  selector: app=web\n');
    expect(run(lab, `patch pod web --subresource=scale --type=merge -p '{"spec":{"replicas":2}}'`).stderr).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
  });

  it('keeps status on the main resource and changes it through the status subresource', () => {
    const lab = podLab();
    expect(run(lab, `patch deploy web --type=merge -p '{"status":{"replicas":9}}'`).stdout).toBe('deployment.apps/web patched (no change)\n');
    expect(run(lab, `patch deploy web --subresource=status --type=merge -p '{"status":{"replicas":9}}'`).stdout).toBe('deployment.apps/web patched\n');
    expect(lab.api.get('Deployment', 'default', 'web').status.replicas).toBe(9);
  });

  it('patches the objects a manifest names with -f', () => {
    const lab = podLab();
    lab.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n');
    expect(run(lab, `patch -f pod.yaml -p '{"metadata":{"labels":{"from":"file"}}}'`).stdout).toBe('pod/web patched\n');
    expect(lab.api.get('Pod', 'default', 'web').metadata.labels).toEqual({ app: 'web', from: 'file' });
  });

  it('reads --patch-file', () => {
    const lab = podLab();
    lab.write('p.json', '[{"op":"remove","path":"/metadata/labels/app"}]');
    expect(run(lab, 'patch pod web --type json --patch-file p.json').stdout).toBe('pod/web patched\n');
    expect(lab.api.get('Pod', 'default', 'web').metadata.labels).toBeUndefined();
  });

  it('warns about unknown fields and drops them', () => {
    const lab = podLab();
    expect(run(lab, `patch pod web -p '{"spec":{"bogus":1}}'`)).toEqual({ stdout: 'pod/web patched (no change)\n', stderr: 'Warning: unknown field "spec.bogus"\n', code: 0 });
  });

  it('reports server errors in kubectl wording', () => {
    const lab = podLab();
    expect(run(lab, `patch pod nope -p '{}'`)).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(run(lab, `patch deploy nope -p '{}'`).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(run(lab, `patch pod web --type=json -p '[{"op":"test","path":"/metadata/name","value":"db"}]'`).stderr).toBe(
      'The request is invalid: the server rejected our request due to an error in our request\n',
    );
    expect(run(lab, `patch pod web --type=json -p '[{"op":"remove","path":"/spec/nope"}]'`).stderr).toBe(
      'The request is invalid: the server rejected our request due to an error in our request\n',
    );
    expect(run(lab, `patch pod web --type=json -p '{"op":"add"}'`).stderr).toBe(
      'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n',
    );
    expect(run(lab, `patch pod web -p '{"spec":{"containers":[{"image":"x"}]}}'`).stderr).toBe(
      'Error from server: map: map[image:x] does not contain declared merge key: name\n',
    );
    expect(run(lab, `patch pod web -p '{bad'`).stderr).toBe("Error from server (BadRequest): invalid character 'b' looking for beginning of object key string\n");
    expect(run(lab, `patch pod web --type=merge -p '"x"'`).stderr).toBe('Error from server (BadRequest): Invalid JSON Patch\n');
    expect(run(lab, `patch pod web --dry-run=client --type=json -p '[{"op":"test","path":"/metadata/name","value":"db"}]'`).stderr).toBe(
      'error: testing value /metadata/name failed: test failed\n',
    );
  });
});

describe('applyPatch', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', finalizers: ['a'] },
    spec: {
      containers: [
        { name: 'a', image: 'x', env: [{ name: 'E1', value: '1' }], volumeMounts: [{ name: 'v', mountPath: '/data' }] },
        { name: 'b', image: 'y' },
      ],
      tolerations: [{ key: 'k', operator: 'Exists' }],
      volumes: [{ name: 'v', emptyDir: {} }],
    },
  };

  it('merges keyed lists, replaces lists without a key, deletes with null', () => {
    const result = applyPatch(pod, {
      metadata: { finalizers: ['b', 'a'] },
      spec: {
        containers: [{ name: 'b', image: 'z', env: [{ name: 'E2', value: '2' }] }],
        tolerations: [{ key: 'other', operator: 'Exists' }],
        volumes: [{ name: 'v', emptyDir: null, configMap: { name: 'cm' } }],
      },
    }, 'strategic') as any;
    expect(result.metadata.finalizers).toEqual(['b', 'a']);
    expect(result.spec.containers.map((c: any) => c.image)).toEqual(['x', 'z']);
    expect(result.spec.containers[1].env).toEqual([{ name: 'E2', value: '2' }]);
    expect(result.spec.tolerations).toEqual([{ key: 'other', operator: 'Exists' }]);
    expect(result.spec.volumes).toEqual([{ name: 'v', configMap: { name: 'cm' } }]);
  });

  it('honours $patch and $deleteFromPrimitiveList directives', () => {
    const replaced = applyPatch(pod, { spec: { containers: [{ name: 'c', image: 'q' }, { $patch: 'replace' }] } }, 'strategic') as any;
    expect(replaced.spec.containers).toEqual([{ name: 'c', image: 'q' }]);
    const deleted = applyPatch(pod, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } }, 'strategic') as any;
    expect(deleted.spec.containers.map((c: any) => c.name)).toEqual(['b']);
    const mapReplaced = applyPatch(pod, { spec: { containers: [{ name: 'a', env: [{ name: 'E1', $patch: 'delete' }] }] } }, 'strategic') as any;
    expect(mapReplaced.spec.containers[0].env).toEqual([]);
    const fin = applyPatch(pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, 'strategic') as any;
    expect(fin.metadata.finalizers).toEqual([]);
  });

  it('orders merged lists by $setElementOrder, as apimachinery does', () => {
    // The list alone is reordered (mergePatchIntoOriginal: "no change to list contents").
    const order = applyPatch(pod, { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } }, 'strategic') as any;
    expect(order.spec.containers.map((c: any) => c.name)).toEqual(['b', 'a']);
    // kubectl debug adds an ephemeral container after the existing one.
    const debugged = { kind: 'Pod', spec: { ephemeralContainers: [{ name: 'debugger-1', image: 'busybox' }] } };
    const added = applyPatch(debugged, {
      spec: { '$setElementOrder/ephemeralContainers': [{ name: 'debugger-1' }, { name: 'debugger-2' }], ephemeralContainers: [{ name: 'debugger-2', image: 'alpine' }] },
    }, 'strategic') as any;
    expect(added.spec.ephemeralContainers).toEqual([{ name: 'debugger-1', image: 'busybox' }, { name: 'debugger-2', image: 'alpine' }]);
    // Without the directive a new item goes first.
    const unordered = applyPatch(debugged, { spec: { ephemeralContainers: [{ name: 'debugger-2', image: 'alpine' }] } }, 'strategic') as any;
    expect(unordered.spec.ephemeralContainers.map((c: any) => c.name)).toEqual(['debugger-2', 'debugger-1']);
    // An item the order does not name (B) goes before a named one that came after it (C); a primitive list orders by value.
    const env = { kind: 'Pod', metadata: { finalizers: ['x', 'y'] }, spec: { containers: [{ name: 'a', env: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] }] } };
    const woven = applyPatch(env, {
      metadata: { '$setElementOrder/finalizers': ['y', 'z', 'x'], finalizers: ['z'] },
      spec: { containers: [{ name: 'a', '$setElementOrder/env': [{ name: 'C' }, { name: 'A' }], env: [{ name: 'A', value: '1' }] }] },
    }, 'strategic') as any;
    expect(woven.metadata.finalizers).toEqual(['y', 'z', 'x']);
    expect(woven.spec.containers[0].env).toEqual([{ name: 'B' }, { name: 'C' }, { name: 'A', value: '1' }]);
  });

  it('merges service ports by port and node conditions by type, leaves node taints atomic', () => {
    const svc = { kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    expect((applyPatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, 'strategic') as any).spec.ports).toEqual([{ port: 80, targetPort: 9090 }, { port: 443 }]);
    const node = { kind: 'Node', spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const patched = applyPatch(node, { spec: { taints: [{ key: 'b', effect: 'NoSchedule' }] }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'strategic') as any;
    expect(patched.spec.taints).toEqual([{ key: 'b', effect: 'NoSchedule' }]);
    expect(patched.status.conditions).toEqual([{ type: 'Ready', status: 'False' }]);
  });

  it('implements RFC 6902 with JSON pointer escapes', () => {
    const doc = { a: { 'b/c': 1, 'd~e': 2 }, list: [1, 2] };
    const result = applyPatch(doc, [
      { op: 'replace', path: '/a/b~1c', value: 10 },
      { op: 'remove', path: '/a/d~0e' },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'copy', from: '/list', path: '/copy' },
      { op: 'move', from: '/copy', path: '/moved' },
      { op: 'test', path: '/moved/3', value: 3 },
    ], 'json');
    expect(result).toEqual({ a: { 'b/c': 10 }, list: [0, 1, 2, 3], moved: [0, 1, 2, 3] });
    expect(() => applyPatch(doc, [{ op: 'test', path: '/a/b~1c', value: 2 }], 'json')).toThrow(PatchFailure);
  });

  it('implements RFC 7386', () => {
    expect(applyPatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [3] }, 'merge')).toEqual({ a: { c: 2, d: 3 }, l: [3] });
  });
});
