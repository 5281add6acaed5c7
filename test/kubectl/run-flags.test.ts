// `kubectl run` with the flags learners reach for beyond --image: annotations, privileged,
// --overrides (merge by default, strategic and json on request) and --expose. The expected texts
// are the real kubectl 1.32's (client-side dry runs need no cluster); where the binary is
// installed, it is asked again.
import { describe, expect, it } from 'vitest';
import { Lab } from './harness';
import { kubectlAvailable, runKubectl } from '../api/kubectl-offline';

const base = ['run', 'web', '--image=nginx', '--dry-run=client'];

const podYaml = (extraMetadata: string, containerExtra: string, specExtra = '') => `apiVersion: v1
kind: Pod
metadata:
${extraMetadata}  creationTimestamp: null
  labels:
    run: web
  name: web
spec:
  containers:
${containerExtra}  dnsPolicy: ClusterFirst
${specExtra}  restartPolicy: Always
status: {}
`;
const plainContainer = '  - image: nginx\n    name: web\n    resources: {}\n';

const cases: { args: string[]; stdout?: string; stderr?: string; code: number }[] = [
  { args: [...base, '--annotations=a=1', '--annotations=b=two', '-o', 'yaml'], stdout: podYaml('  annotations:\n    a: "1"\n    b: two\n', plainContainer), code: 0 },
  { args: [...base, '--annotations=bad', '-o', 'yaml'], stderr: 'error: invalid annotations format: bad\n', code: 1 },
  { args: [...base, '--privileged', '-o', 'yaml'], stdout: podYaml('', '  - image: nginx\n    name: web\n    resources: {}\n    securityContext:\n      privileged: true\n'), code: 0 },
  { args: [...base, '--overrides={"spec":{"nodeName":"node01"}}', '-o', 'yaml'], stdout: podYaml('', plainContainer, '  nodeName: node01\n'), code: 0 },
  // A merge patch replaces the containers list: the image is gone.
  {
    args: [...base, '--overrides={"apiVersion":"v1","spec":{"containers":[{"name":"web","resources":{"limits":{"memory":"64Mi"}}}]}}', '-o', 'yaml'],
    stdout: podYaml('', '  - name: web\n    resources:\n      limits:\n        memory: 64Mi\n'),
    code: 0,
  },
  {
    args: [...base, '--override-type=strategic', '--overrides={"spec":{"containers":[{"name":"web","resources":{"limits":{"memory":"64Mi"}}}]}}', '-o', 'yaml'],
    stdout: podYaml('', '  - image: nginx\n    name: web\n    resources:\n      limits:\n        memory: 64Mi\n'),
    code: 0,
  },
  { args: [...base, '--override-type=json', '--overrides=[{"op":"add","path":"/spec/nodeName","value":"node01"}]', '-o', 'yaml'], stdout: podYaml('', plainContainer, '  nodeName: node01\n'), code: 0 },
  { args: [...base, '--override-type=bogus', '--overrides={}'], stderr: 'error: invalid override type: bogus\n', code: 1 },
  { args: [...base, '--overrides={bad'], stderr: 'error: Invalid JSON Patch\n', code: 1 },
  { args: [...base, '--override-type=strategic', '--overrides={bad'], stderr: 'error: invalid JSON document\n', code: 1 },
  { args: [...base, '--override-type=json', '--overrides={"op":"add"}'], stderr: 'error: json: cannot unmarshal object into Go value of type jsonpatch.Patch\n', code: 1 },
  { args: [...base, '--expose', '--port=80'], stdout: 'service/web created (dry run)\npod/web created (dry run)\n', code: 0 },
  {
    args: [...base, '--expose', '--port=80', '-o', 'yaml'],
    stdout:
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: web\nstatus:\n  loadBalancer: {}\n---\n---\n' +
      podYaml('', '  - image: nginx\n    name: web\n    ports:\n    - containerPort: 80\n    resources: {}\n'),
    code: 0,
  },
  { args: [...base, '--expose'], stderr: "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n", code: 1 },
];

describe('kubectl run flags', () => {
  for (const c of cases) {
    it(c.args.slice(4).join(' '), () => {
      const result = new Lab().run(c.args);
      expect(result).toEqual({ stdout: c.stdout ?? '', stderr: c.stderr ?? '', code: c.code });
    });
  }

  it('creates the Service and the Pod with --expose, and the Service finds the Pod', () => {
    const lab = new Lab();
    expect(lab.run(['run', 'web', '--image=nginx', '--port=80', '--expose'])).toEqual({ stdout: 'service/web created\npod/web created\n', stderr: '', code: 0 });
    expect(lab.run(['get', 'svc', 'web', '-o', 'jsonpath={.spec.selector.run} {.spec.ports[0].targetPort}']).stdout).toBe('web 80');
  });
});

describe.skipIf(!kubectlAvailable)('kubectl run flags against the real kubectl', () => {
  for (const c of cases) {
    it(c.args.slice(4).join(' '), () => {
      const real = runKubectl(c.args);
      expect({ stdout: real.stdout, stderr: real.stderr, code: real.exitCode }).toEqual({ stdout: c.stdout ?? '', stderr: c.stderr ?? '', code: c.code });
    });
  }
});
