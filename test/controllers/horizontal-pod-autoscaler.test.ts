// The horizontal pod autoscaler as a learner meets it: its status, conditions and events when a
// metric cannot be read, when the target is missing or out of bounds, and how a behavior's
// policies pace the scaling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';

function deployment(lab: LabShell, name: string, replicas: number, container: string): void {
  lab.write(
    `${name}.yaml`,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
${container}`,
  );
  expect(lab.sh(`kubectl apply -f ${name}.yaml`)).toBe(`deployment.apps/${name} created\n`);
}

/** Applies an autoscaling/v2 HPA of Deployment `busy` with up to 3 replicas and these metrics (YAML lines). */
function autoscaleBusy(lab: LabShell, metrics: string): void {
  lab.write('hpa.yaml', `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: busy}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: busy}\n  maxReplicas: 3\n  metrics:\n${metrics}`);
  expect(lab.sh('kubectl apply -f hpa.yaml')).toBe('horizontalpodautoscaler.autoscaling/busy created\n');
}

const busyContainer = `      - name: burn
        image: vish/stress
        args: ["-cpus", "1"]
        resources:
          requests: {cpu: 100m}
`;

describe('the horizontal pod autoscaler', () => {
  it('says why it cannot scale on CPU when a container requests none', () => {
    const lab = labShell();
    deployment(lab, 'web', 1, '      - name: nginx\n        image: nginx\n');
    lab.sh('kubectl autoscale deployment web --cpu-percent=50 --max=3');
    lab.wait(60);
    const pod = lab.sh("kubectl get pods -o jsonpath='{.items[0].metadata.name}'");
    expect(lab.sh('kubectl get hpa web')).toMatch(/^web\s+Deployment\/web\s+cpu: <unknown>\/50%\s+1\s+3\s+1\s+60s$/m);
    const describe = lab.sh('kubectl describe hpa web');
    expect(describe).toContain('  resource cpu on pods  (as a percentage of request):  <unknown> / 50%\n');
    expect(describe).toContain(
      `  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}\n`,
    );
    expect(describe).toMatch(new RegExp(`Warning  FailedGetResourceMetric +\\d+s \\(x4 over 45s\\) +horizontal-pod-autoscaler  failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}\\n`));
    expect(describe).toContain(
      `horizontal-pod-autoscaler  invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}\n`,
    );
    expect(lab.sh("kubectl get hpa web -o jsonpath='{.status.currentMetrics}'")).toBe('[{"type":""}]');
  });

  it('reports a target it cannot find', () => {
    const lab = labShell();
    lab.write('hpa.yaml', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: lost}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: nope}\n  maxReplicas: 3\n');
    expect(lab.sh('kubectl apply -f hpa.yaml')).toBe('horizontalpodautoscaler.autoscaling/lost created\n');
    lab.wait(20);
    const describe = lab.sh('kubectl describe hpa lost');
    expect(describe).toContain('  resource cpu on pods  (as a percentage of request):  <unknown> / 80%\n');
    expect(describe).toContain(`AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target's current scale: deployments.apps "nope" not found\n`);
    expect(describe).toMatch(/Warning  FailedGetScale  5s    horizontal-pod-autoscaler  deployments\.apps "nope" not found\n/);
  });

  it('scales on one container of the pods with a ContainerResource metric', () => {
    const lab = labShell();
    deployment(lab, 'busy', 1, `${busyContainer}      - name: sidecar\n        image: nginx\n`);
    autoscaleBusy(lab, '  - type: ContainerResource\n    containerResource:\n      name: cpu\n      container: burn\n      target: {type: Utilization, averageUtilization: 50}\n');
    lab.wait(50);
    expect(lab.sh('kubectl get hpa busy')).toMatch(/^busy\s+Deployment\/busy\s+cpu\/burn: \d+%\/50%\s+1\s+3\s+3\s/m);
    expect(lab.sh('kubectl describe hpa busy')).toContain('New size: 3; reason: cpu resource utilization (percentage of request) above target\n');
  });

  it('scales on an average value target', () => {
    const lab = labShell();
    deployment(lab, 'busy', 1, busyContainer);
    autoscaleBusy(lab, '  - type: Resource\n    resource:\n      name: cpu\n      target: {type: AverageValue, averageValue: 500m}\n');
    lab.wait(80);
    expect(lab.sh('kubectl get hpa busy')).toMatch(/^busy\s+Deployment\/busy\s+cpu: 1\/500m\s+1\s+3\s+3\s/m);
    const describe = lab.sh('kubectl describe hpa busy');
    expect(describe).toMatch(/\n  resource cpu on pods: +1 \/ 500m\n/);
    expect(describe).toContain('reason: cpu resource above target\n');
  });

  it('has no custom metrics API to read a Pods metric from', () => {
    const lab = labShell();
    deployment(lab, 'busy', 1, busyContainer);
    autoscaleBusy(lab, '  - type: Pods\n    pods:\n      metric: {name: packets-per-second}\n      target: {type: AverageValue, averageValue: 1k}\n');
    lab.wait(20);
    const describe = lab.sh('kubectl describe hpa busy');
    expect(describe).toContain('  "packets-per-second" on pods:  <unknown> / 1k\n');
    expect(describe).toContain(
      'invalid metrics (1 invalid out of 1), first error is: failed to get pods metric value: unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered\n',
    );
    expect(describe).toMatch(/ScalingActive +False +FailedGetPodsMetric +the HPA was unable to compute the replica count: unable to get metric packets-per-second/);
  });

  it('brings replicas outside its bounds back within them', () => {
    const lab = labShell();
    deployment(lab, 'busy', 5, busyContainer);
    lab.sh('kubectl autoscale deployment busy --cpu-percent=50 --min=1 --max=2');
    lab.wait(16);
    expect(lab.sh('kubectl describe hpa busy')).toContain('New size: 2; reason: Current number of replicas above Spec.MaxReplicas\n');
    expect(lab.sh("kubectl get deployment busy -o jsonpath='{.spec.replicas}'")).toBe('2');
  });

  it('keeps no generation: 1.32 gives an HPA no metadata.generation and its controller writes no status.observedGeneration', () => {
    const lab = labShell();
    deployment(lab, 'busy', 1, busyContainer);
    lab.sh('kubectl autoscale deployment busy --cpu-percent=50 --max=2');
    lab.wait(60);
    const fields = "kubectl get hpa busy -o jsonpath='{.metadata.generation}|{.status.observedGeneration}|{.spec.maxReplicas}|{.status.desiredReplicas}'";
    expect(lab.sh(fields)).toBe('||2|2');
    // A change of spec moves neither.
    expect(lab.sh(`kubectl patch hpa busy -p '{"spec":{"maxReplicas":3}}'`)).toBe('horizontalpodautoscaler.autoscaling/busy patched\n');
    lab.wait(60);
    expect(lab.sh(fields)).toBe('||3|3');
  });

  it('does not scale a target scaled to zero', () => {
    const lab = labShell();
    deployment(lab, 'idle', 0, busyContainer);
    lab.sh('kubectl autoscale deployment idle --max=2');
    lab.wait(16);
    expect(lab.sh('kubectl describe hpa idle')).toMatch(/\n  ScalingActive +False +ScalingDisabled +scaling is disabled since the replica count of the target is zero\n/);
    expect(lab.sh('kubectl get hpa idle')).toMatch(/^idle\s+Deployment\/idle\s+cpu: <unknown>\/80%\s+1\s+2\s+0\s/m);
  });

  it('scales up no faster than its behavior allows', () => {
    const lab = labShell();
    deployment(lab, 'busy', 1, busyContainer);
    lab.write(
      'hpa.yaml',
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: busy}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: busy}
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
  behavior:
    scaleUp:
      policies:
      - {type: Pods, value: 1, periodSeconds: 60}
`,
    );
    lab.sh('kubectl apply -f hpa.yaml');
    // The defaults fill in the rest of the behavior.
    expect(lab.sh("kubectl get hpa busy -o jsonpath='{.spec.behavior}'")).toBe(
      '{"scaleDown":{"policies":[{"periodSeconds":15,"type":"Percent","value":100}],"selectPolicy":"Max","stabilizationWindowSeconds":300},"scaleUp":{"policies":[{"periodSeconds":60,"type":"Pods","value":1}],"selectPolicy":"Max","stabilizationWindowSeconds":0}}',
    );
    lab.wait(60);
    expect(lab.sh("kubectl get deployment busy -o jsonpath='{.spec.replicas}'")).toBe('2');
    const describe = lab.sh('kubectl describe hpa busy');
    expect(describe).toMatch(/\n  ScalingLimited +True +ScaleUpLimit +the desired replica count is increasing faster than the maximum scale rate\n/);
    expect(describe).toContain('Behavior:\n  Scale Up:\n    Stabilization Window: 0 seconds\n    Select Policy: Max\n    Policies:\n      - Type: Pods  Value: 1  Period: 60 seconds\n');
    lab.wait(60);
    expect(lab.sh("kubectl get deployment busy -o jsonpath='{.spec.replicas}'")).toBe('3');
  });

  it('describes itself as kubectl 1.32 does (golden from the real kubectl on the same objects)', () => {
    const lab = labShell();
    const examples = join(__dirname, '../../examples/kubernetes.io/application');
    lab.write('php-apache.yaml', readFileSync(join(examples, 'php-apache.yaml'), 'utf8'));
    lab.write('hpa.yaml', readFileSync(join(examples, 'hpa/php-apache.yaml'), 'utf8'));
    lab.sh('kubectl apply -f php-apache.yaml');
    lab.sh('kubectl apply -f hpa.yaml');
    lab.wait(60);
    const golden = readFileSync(join(__dirname, '../golden-files/printers/describe-horizontalpodautoscaler.txt'), 'utf8');
    const described = lab.sh('kubectl describe hpa php-apache');
    // The golden ends before the events, whose ages depended on the capture's clock.
    const created = (text: string) => text.replace(/^(CreationTimestamp: +).*$/m, '$1<time>');
    expect(created(described.slice(0, described.indexOf('Events:')))).toBe(created(golden));
  });

  it('refuses an HPA with bounds that do not fit', () => {
    const lab = labShell();
    lab.write('hpa.yaml', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: bad}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 4\n  maxReplicas: 2\n');
    expect(lab.sh('kubectl apply -f hpa.yaml')).toBe('The HorizontalPodAutoscaler "bad" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`\n');
  });
});
