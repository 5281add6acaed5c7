// `kubectl autoscale` prints what kubectl 1.32 prints: the autoscaling/v1 object it sends, its
// flag checks and errors. The goldens were captured with the real kubectl against a cluster holding
// the same Deployment (deployment.yaml) and a Pod `p`; the lab's own kubectl must match them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lab, shellWords } from './harness';
import { readGoldenCases } from './golden-suite';
import { labShell } from '../support/lab-shell';

const dir = join(__dirname, '../golden-files/kubectl-autoscale');

function labWithTargets(): Lab {
  const lab = new Lab();
  lab.write('deployment.yaml', readFileSync(join(dir, 'deployment.yaml'), 'utf8'));
  expect(lab.run(['apply', '-f', 'deployment.yaml']).code).toBe(0);
  expect(lab.run(['run', 'p', '--image=nginx']).code).toBe(0);
  lab.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { ports: [{ port: 443 }] } });
  return lab;
}

describe('kubectl autoscale matches the real client', () => {
  for (const c of readGoldenCases(dir)) {
    it(c.name, () => {
      const result = labWithTargets().run(shellWords(c.args));
      const golden = readFileSync(join(dir, `${c.name}.golden`), 'utf8');
      expect(`$ kubectl ${c.args}\n${result.stdout}--- stderr\n${result.stderr}--- exit ${result.code}\n`).toBe(golden);
    });
  }
});

describe('kubectl autoscale on the lab', () => {
  function clusterWithDeployment() {
    const lab = labShell();
    lab.write('deployment.yaml', readFileSync(join(dir, 'deployment.yaml'), 'utf8'));
    expect(lab.sh('kubectl apply -f deployment.yaml')).toBe('deployment.apps/php-apache created\n');
    return lab;
  }

  it('creates an autoscaling/v2 HPA from the v1 object it sends, with the v2 defaults', () => {
    const lab = clusterWithDeployment();
    expect(lab.sh('kubectl autoscale deployment php-apache --max=5')).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n');
    // No --cpu-percent: the server's default target, 80% of the CPU request.
    expect(lab.sh('kubectl get hpa')).toMatch(/^php-apache\s+Deployment\/php-apache\s+cpu: <unknown>\/80%\s+1\s+5\s+0\s+0s\n/m);
    expect(lab.sh("kubectl get hpa php-apache -o jsonpath='{.apiVersion} {.spec.metrics[0].resource.target}'")).toBe('autoscaling/v2 {"averageUtilization":80,"type":"Utilization"}');
    expect(lab.sh('kubectl autoscale deployment php-apache --max=5')).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "php-apache" already exists\n');
  });

  it('prints the server-side dry run in the version it wrote, and stores nothing', () => {
    const lab = clusterWithDeployment();
    expect(lab.sh("kubectl autoscale deployment php-apache --max=5 --cpu-percent=50 --dry-run=server -o jsonpath='{.apiVersion} {.spec.targetCPUUtilizationPercentage}'")).toBe('autoscaling/v1 50');
    expect(lab.sh('kubectl get hpa')).toBe('No resources found in default namespace.\n');
  });

  it('applies an autoscaling/v1 manifest again over the stored v2 object, as kubectl patches it in v1', () => {
    const lab = clusterWithDeployment();
    const manifest = (target: number) =>
      `apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: ${target}\n`;
    lab.write('hpa.yaml', manifest(60));
    expect(lab.sh('kubectl apply -f hpa.yaml')).toBe('horizontalpodautoscaler.autoscaling/web created\n');
    expect(lab.sh('kubectl apply -f hpa.yaml')).toBe('horizontalpodautoscaler.autoscaling/web unchanged\n');
    lab.write('hpa.yaml', manifest(70));
    expect(lab.sh('kubectl apply -f hpa.yaml')).toBe('horizontalpodautoscaler.autoscaling/web configured\n');
    expect(lab.sh('kubectl get hpa web')).toMatch(/^web\s+Deployment\/php-apache\s+cpu: <unknown>\/70%\s+1\s+4\s/m);
  });

  it('refuses what the API server refuses', () => {
    const lab = clusterWithDeployment();
    expect(lab.sh('kubectl autoscale deployment php-apache --max=5 --cpu-percent=0')).toBe(
      'The HorizontalPodAutoscaler "php-apache" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0\n',
    );
  });
});
