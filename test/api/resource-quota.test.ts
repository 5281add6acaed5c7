// ResourceQuota: its controller's status, the ResourceQuota admission plugin's Forbidden
// messages (apiserver's resourcequota/controller.go and the pod evaluator's Constraints), and
// kubectl 1.32's table (printers.go printResourceQuota) and describe (describeQuota).
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';
import { labWithPolicy, podWithResources } from './policy-lab';

const quota = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
spec:
  hard:
    pods: "3"
    requests.cpu: "1"
    limits.memory: 1Gi
`;

function withQuota() {
  return labWithPolicy(quota, 'resourcequota/compute');
}

describe('ResourceQuota', () => {
  it('gets its status from the quota controller, used as the pods use, and frees it when a pod goes', () => {
    const lab = withQuota();
    expect(lab.sh('kubectl get quota compute -o jsonpath={.status}')).toBe('{"hard":{"limits.memory":"1Gi","pods":"3","requests.cpu":"1"},"used":{"limits.memory":"0","pods":"0","requests.cpu":"0"}}');
    lab.write('a.yaml', podWithResources('a', '{requests: {cpu: 300m}, limits: {memory: 400Mi}}'));
    lab.sh('kubectl apply -f a.yaml');
    lab.wait(1);
    expect(lab.sh('kubectl get quota compute -o jsonpath={.status.used}')).toBe('{"limits.memory":"400Mi","pods":"1","requests.cpu":"300m"}');
    lab.wait(30);
    expect(lab.sh('kubectl delete pod a')).toBe('pod "a" deleted\n');
    lab.wait(1);
    expect(lab.sh('kubectl get quota compute -o jsonpath={.status.used}')).toBe('{"limits.memory":"0","pods":"0","requests.cpu":"0"}');
  });

  it('lists REQUEST and LIMIT as used/hard, and describes Resource, Used and Hard', () => {
    const lab = withQuota();
    lab.write('a.yaml', podWithResources('a', '{requests: {cpu: 300m}, limits: {memory: 400Mi}}'));
    lab.sh('kubectl apply -f a.yaml');
    lab.wait(1);
    expect(lab.sh('kubectl get resourcequotas')).toMatch(/^NAME      AGE   REQUEST                           LIMIT\ncompute   \d+s +pods: 1\/3, requests.cpu: 300m\/1   limits.memory: 400Mi\/1Gi\n$/);
    expect(lab.sh('kubectl describe quota compute')).toBe(
      ['Name:          compute', 'Namespace:     default', 'Resource       Used   Hard', '--------       ----   ----', 'limits.memory  400Mi  1Gi', 'pods           1      3', 'requests.cpu   300m   1', ''].join('\n'),
    );
    expect(lab.sh('kubectl describe namespace default')).toContain(
      'Resource Quotas\n  Name:          compute\n  Resource       Used   Hard\n  --------       ---    ---\n  limits.memory  400Mi  1Gi\n  pods           1      3\n  requests.cpu   300m   1\n',
    );
  });

  it("refuses a pod that does not state what the quota counts, naming each resource's containers", () => {
    const lab = withQuota();
    lab.write('bare.yaml', podWithResources('bare', '{}'));
    expect(lab.sh('kubectl apply -f bare.yaml')).toBe(
      'Error from server (Forbidden): error when creating "bare.yaml": pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: bare; requests.cpu for: bare\n',
    );
  });

  it('refuses a pod that would go over, with what it requests, what is used and the limit of each exceeded resource', () => {
    const lab = withQuota();
    lab.write('a.yaml', podWithResources('a', '{requests: {cpu: 600m}, limits: {memory: 400Mi}}'));
    lab.sh('kubectl apply -f a.yaml');
    lab.write('b.yaml', podWithResources('b', '{requests: {cpu: 500m}, limits: {memory: 700Mi}}'));
    expect(lab.sh('kubectl apply -f b.yaml')).toBe(
      'Error from server (Forbidden): error when creating "b.yaml": pods "b" is forbidden: exceeded quota: compute, requested: limits.memory=700Mi,requests.cpu=500m, used: limits.memory=400Mi,requests.cpu=600m, limited: limits.memory=1Gi,requests.cpu=1\n',
    );
    expect(lab.sh('kubectl get pods -o name')).toBe('pod/a\n');
  });

  it('is made by kubectl create quota, and refuses the Pod that would pass it', () => {
    const lab = labShell();
    expect(lab.sh('kubectl create quota pods-only --hard=pods=1')).toBe('resourcequota/pods-only created\n');
    lab.wait(1);
    expect(lab.sh('kubectl run first --image=nginx:1.27')).toBe('pod/first created\n');
    lab.wait(1);
    expect(lab.sh('kubectl run second --image=nginx:1.27')).toBe(
      'Error from server (Forbidden): pods "second" is forbidden: exceeded quota: pods-only, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
    expect(lab.sh('kubectl create quota pods-only --hard=pods=2')).toBe('error: failed to create quota: resourcequotas "pods-only" already exists\n');
  });
});
