// A lab with one namespace policy object (a LimitRange or ResourceQuota) applied, and pods to try against it.
import { expect } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';

/** A pod manifest with one nginx container `name` and these resources (in flow style). */
export function podWithResources(name: string, resources: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: ${name}\n    image: nginx\n    resources: ${resources}\n`;
}

/** A fresh lab where `manifest` has been applied (and `created` printed), after a second for its controller. */
export function labWithPolicy(manifest: string, created: string): LabShell {
  const lab = labShell();
  lab.write('policy.yaml', manifest);
  expect(lab.sh('kubectl apply -f policy.yaml')).toBe(`${created} created\n`);
  lab.wait(1);
  return lab;
}
