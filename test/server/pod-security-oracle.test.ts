// Pod Security admission seen through the real kubectl 1.32 against `podlab serve`: the warnings
// travel as `Warning` headers and the refusals as Status objects, and the real binary prints them
// exactly as the lab's own kubectl does (stderr joined to stdout, so the order shows too).
import { describe, expect, it } from 'vitest';
import { realKubectlInstalled, runOracle, type OracleStep } from './oracle';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n';
const privileged = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: priv\nspec:\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      privileged: true\n';

const steps: OracleStep[] = [
  { line: 'kubectl create namespace example 2>&1' },
  { line: 'kubectl run early -n example --image=nginx 2>&1' },
  { line: 'kubectl label --dry-run=server --overwrite ns example pod-security.kubernetes.io/enforce=restricted 2>&1' },
  { line: 'kubectl get ns example --show-labels 2>&1' },
  { line: 'kubectl label --overwrite ns example pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/warn=restricted 2>&1' },
  { line: 'kubectl apply -n example -f nginx.yaml 2>&1', files: { 'nginx.yaml': pod } },
  { line: 'kubectl apply -n example -f priv.yaml 2>&1', files: { 'priv.yaml': privileged } },
  { line: 'kubectl run priv -n example --image=nginx --privileged 2>&1' },
  { line: 'kubectl create deployment web -n example --image=nginx 2>&1' },
  { line: 'kubectl scale deployment web -n example --replicas=2 2>&1' },
  { line: 'kubectl annotate deployment web -n example note=checked 2>&1' },
  { line: 'kubectl apply -n example -f nginx.yaml --dry-run=server 2>&1' },
  { line: 'kubectl apply --server-side -n example -f other.yaml 2>&1', files: { 'other.yaml': pod.replace('name: nginx\n', 'name: other\n') } },
  { line: 'kubectl label ns example pod-security.kubernetes.io/enforce=strict --overwrite 2>&1' },
];

describe.runIf(realKubectlInstalled())('Pod Security admission through the real kubectl', () => {
  it('prints the same warnings, refusals and results as the lab kubectl', async () => {
    const report = await runOracle(steps);
    expect(report.results.map((result) => result.line)).toEqual(steps.map((step) => step.line));
    // Server-side apply is the served API's alone here: the lab's own kubectl refuses --server-side.
    for (const result of report.results.filter((r) => !r.line.includes('--server-side'))) {
      expect(result.real, result.line).toBe(result.lab);
      expect(result.realExit, result.line).toBe(result.labExit);
    }
    // The outputs compared are the interesting ones, not empty.
    const output = (line: string) => report.results.find((result) => result.line.startsWith(line))!.real;
    expect(output('kubectl label --dry-run=server')).toContain('Warning: early: allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile\n');
    expect(output('kubectl apply -n example -f nginx.yaml 2>&1')).toMatch(/^Warning: would violate PodSecurity "restricted:latest": .*\npod\/nginx created\n$/);
    expect(output('kubectl apply --server-side')).toMatch(/^Warning: would violate PodSecurity "restricted:latest": .*\npod\/other serverside-applied\n$/);
    // The scale subresource is not judged; any other change of the Deployment is.
    expect(output('kubectl scale deployment web')).toBe('deployment.apps/web scaled\n');
    expect(output('kubectl annotate deployment web')).toMatch(/^Warning: would violate PodSecurity "restricted:latest": .*\ndeployment.apps\/web annotated\n$/);
    expect(output('kubectl apply -n example -f priv.yaml')).toContain('Error from server (Forbidden): error when creating "priv.yaml": pods "priv" is forbidden: violates PodSecurity "baseline:latest"');
  }, 120_000);
});
