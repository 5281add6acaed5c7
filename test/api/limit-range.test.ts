// LimitRange and the LimitRanger admission plugin, as kube-apiserver 1.32 applies them
// (plugin/pkg/admission/limitranger/admission.go, SetDefaults_LimitRangeItem) and kubectl 1.32
// prints them (printers.go's LimitRange columns, describe.go's describeLimitRange).
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';
import { labWithPolicy, podWithResources } from './policy-lab';

/** Writes a pod named `name` with these resources and creates it with `verb`: what kubectl prints. */
function submitPod(lab: LabShell, name: string, resources: string, verb = 'apply'): string {
  lab.write(`${name}.yaml`, podWithResources(name, resources));
  return lab.sh(`kubectl ${verb} -f ${name}.yaml`);
}

const limits = `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-mem
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
    defaultRequest:
      cpu: 250m
    max:
      memory: 1Gi
    min:
      memory: 100Mi
  - type: Pod
    max:
      cpu: "2"
`;

function withLimits() {
  return labWithPolicy(limits, 'limitrange/cpu-mem');
}

describe('LimitRange', () => {
  it('is defaulted as SetDefaults_LimitRangeItem does: default limit from max, default request from the default limit or min', () => {
    const lab = withLimits();
    expect(lab.sh('kubectl get limits cpu-mem -o jsonpath={.spec.limits[0]}')).toBe(
      '{"default":{"cpu":"500m","memory":"1Gi"},"defaultRequest":{"cpu":"250m","memory":"1Gi"},"max":{"memory":"1Gi"},"min":{"memory":"100Mi"},"type":"Container"}',
    );
    expect(lab.sh('kubectl get limitrange cpu-mem -o jsonpath={.spec.limits[1]}')).toBe('{"max":{"cpu":"2"},"type":"Pod"}');
  });

  it('lists with NAME and CREATED AT, and describes one row per item and resource', () => {
    const lab = withLimits();
    expect(lab.sh('kubectl get limitranges')).toMatch(/^NAME      CREATED AT\ncpu-mem   \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    expect(lab.sh('kubectl describe limitrange cpu-mem')).toBe(
      [
        'Name:       cpu-mem',
        'Namespace:  default',
        // Name: and Namespace: share the first column with the table, so it is as wide as `Namespace:`.
        'Type        Resource  Min    Max  Default Request  Default Limit  Max Limit/Request Ratio',
        '----        --------  ---    ---  ---------------  -------------  -----------------------',
        'Container   cpu       -      -    250m             500m           -',
        'Container   memory    100Mi  1Gi  1Gi              1Gi            -',
        'Pod         cpu       -      2    -                -              -',
        '',
      ].join('\n'),
    );
  });

  it('fills in a new pod\'s missing requests and limits and says so in the limit-ranger annotation', () => {
    const lab = withLimits();
    expect(submitPod(lab, 'web', '{limits: {memory: 200Mi}}')).toBe('pod/web created\n');
    expect(lab.sh('kubectl get pod web -o jsonpath={.spec.containers[0].resources}')).toBe('{"limits":{"cpu":"500m","memory":"200Mi"},"requests":{"cpu":"250m","memory":"200Mi"}}');
    expect(lab.sh("kubectl get pod web -o jsonpath='{.metadata.annotations.kubernetes\\.io/limit-ranger}'")).toBe(
      'LimitRanger plugin set: cpu request for container web; cpu limit for container web',
    );
    expect(lab.sh('kubectl get pod web -o jsonpath={.status.qosClass}')).toBe('Burstable');
  });

  it('refuses a pod outside min and max with the plugin\'s Forbidden messages, all of them in one aggregate', () => {
    const lab = withLimits();
    expect(submitPod(lab, 'big', '{limits: {memory: 2Gi}}')).toBe(
      'Error from server (Forbidden): error when creating "big.yaml": pods "big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi\n',
    );
    expect(submitPod(lab, 'small', '{requests: {memory: 50Mi}, limits: {memory: 50Mi, cpu: 3}}', 'create')).toBe(
      'Error from server (Forbidden): error when creating "small.yaml": pods "small" is forbidden: [minimum memory usage per Container is 100Mi, but request is 50Mi, maximum cpu usage per Pod is 2, but limit is 3]\n',
    );
    expect(lab.sh('kubectl get pods')).toBe('No resources found in default namespace.\n');
  });

  it('is listed in describe namespace under Resource Limits', () => {
    const lab = withLimits();
    expect(lab.sh('kubectl describe namespace default')).toContain(
      'Resource Limits\n Type       Resource  Min    Max  Default Request  Default Limit  Max Limit/Request Ratio\n ----       --------  ---    ---  ---------------  -------------  -----------------------\n Container  cpu       -      -    250m             500m           -\n',
    );
  });

  it('requires a standard type, or a qualified name with a prefix', () => {
    const lab = labShell();
    lab.write('bad.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: bad\nspec:\n  limits:\n  - type: Node\n');
    expect(lab.sh('kubectl apply -f bad.yaml')).toBe('The LimitRange "bad" is invalid: spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified\n');
    lab.write('custom.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: custom\nspec:\n  limits:\n  - type: example.com/Node\n');
    expect(lab.sh('kubectl apply -f custom.yaml')).toBe('limitrange/custom created\n');
  });

  it('bounds the ratio of each container limit to its request', () => {
    const ratio = 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: ratio\nspec:\n  limits:\n  - type: Container\n    maxLimitRequestRatio:\n      cpu: 1500m\n';
    const lab = labWithPolicy(ratio, 'limitrange/ratio');
    expect(submitPod(lab, 'wide', '{requests: {cpu: 100m}, limits: {cpu: 200m}}')).toBe(
      'Error from server (Forbidden): error when creating "wide.yaml": pods "wide" is forbidden: cpu max limit to request ratio per Container is 1500m, but provided ratio is 2.000000\n',
    );
    expect(submitPod(lab, 'bare', '{}')).toBe(
      'Error from server (Forbidden): error when creating "bare.yaml": pods "bare" is forbidden: cpu max limit to request ratio per Container is 1500m, but no request is specified or request is 0\n',
    );
    expect(submitPod(lab, 'even', '{requests: {cpu: 100m}, limits: {cpu: 150m}}')).toBe('pod/even created\n');
  });
});
