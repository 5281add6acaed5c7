// The lab's offline copy of kubernetes.io's examples: the packed file the engine imports matches
// examples/kubernetes.io, and kubectl reads it at the addresses the docs use.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labShell } from '../support/lab-shell';
// @ts-expect-error: a plain .mjs script, without types
import { packedExamples } from '../../scripts/pack-kubernetes-examples.mjs';

describe("the offline copy of kubernetes.io's examples", () => {
  it('holds exactly the files of examples/kubernetes.io (run scripts/pack-kubernetes-examples.mjs after adding one)', () => {
    const packed = readFileSync(join(__dirname, '../../sim/kubernetes-io/examples.json'), 'utf8');
    expect(packed).toBe(packedExamples());
  });

  it('answers kubectl at k8s.io, kubernetes.io and the repository, for apply, create and delete', () => {
    const lab = labShell();
    expect(lab.sh('kubectl apply -f https://k8s.io/examples/pods/simple-pod.yaml')).toBe('pod/nginx created\n');
    expect(lab.sh('kubectl create -f https://kubernetes.io/examples/controllers/nginx-deployment.yaml')).toBe('deployment.apps/nginx-deployment created\n');
    expect(lab.sh('kubectl apply -f https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/pods/commands.yaml --dry-run=client')).toBe(
      'pod/command-demo created (dry run)\n',
    );
    lab.wait(20);
    expect(lab.sh('kubectl get pod nginx -o jsonpath={.status.phase}')).toBe('Running');
    expect(lab.sh('kubectl delete -f https://k8s.io/examples/controllers/nginx-deployment.yaml')).toBe('deployment.apps "nginx-deployment" deleted\n');
  });

  it('says the lab has no internet for any other address, and changes nothing', () => {
    const lab = labShell();
    for (const url of ['https://k8s.io/examples/pods/no-such-example.yaml', 'https://example.com/pod.yaml']) {
      expect(lab.sh(`kubectl apply -f ${url}; echo "exit $?"`)).toBe(
        `error: unable to read URL "${url}", server reported 0 : the lab has no internet access; save the manifest in a file and use -f <file>\nexit 1\n`,
      );
    }
    expect(lab.sh('kubectl get pods')).toBe('No resources found in default namespace.\n');
  });
});
