// `kubectl kustomize` against goldens captured from the real kubectl 1.32 (kustomize v5.5): the
// kubernetes.io pages' kustomizations, each feature the lab builds, and bad input with
// kustomize's own messages. Where the binary is installed, it is asked again.
import { describe, expect, it } from 'vitest';
import { kubectlAvailable } from '../api/kubectl-offline';
import { kustomizeCases, labWithCases, normalize, readExpected, realKustomize } from './kustomize-goldens';

describe('kubectl kustomize', () => {
  const lab = labWithCases();
  for (const name of kustomizeCases) {
    it(name, () => {
      expect(normalize(lab.run(['kustomize', name]))).toEqual(readExpected(name));
    });
  }

  it('writes the build to the file of -o', () => {
    const result = lab.run(['kustomize', 'docs-configmap-literals', '-o', 'built.yaml']);
    expect(result).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(lab.fs.readFile(`${lab.cwd}/built.yaml`)).toBe(readExpected('docs-configmap-literals').stdout);
  });

  it('matches patch targets by name in linear time, as Go regexps do', () => {
    const name = `${'a'.repeat(40)}b`;
    lab.write('slow-target/pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`);
    lab.write('slow-target/kustomization.yaml', 'resources: [pod.yaml]\npatches:\n- target:\n    name: (a|aa)+\n  patch: |-\n    - op: add\n      path: /metadata/labels\n      value: {hit: "yes"}\n');
    expect(lab.run(['kustomize', 'slow-target'])).toEqual({ stdout: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n`, stderr: '', code: 0 });
  });

  it('says plainly that a remote kustomization cannot be fetched', () => {
    const result = lab.run(['kustomize', 'https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0']);
    expect(result.code).toBe(1);
    expect(normalize(result).stderr).toBe(
      'E run.go:72] "command failed" err="https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.5.0: remote kustomizations cannot be fetched: the lab has no internet access; copy the files into a folder of your workspace"\n',
    );
  });

  it('reads files outside the folder with --load-restrictor=LoadRestrictionsNone', () => {
    const result = lab.run(['kustomize', 'errors/escape/inner', '--load-restrictor=LoadRestrictionsNone']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n');
  });
});

describe.skipIf(!kubectlAvailable)('kubectl kustomize goldens against the real kubectl', () => {
  for (const name of kustomizeCases) {
    it(name, () => {
      expect(realKustomize(name)).toEqual(readExpected(name));
    });
  }
});
