// ResourceQuota scopes: a scoped quota counts and limits only the pods that fall under every one
// of its scopes (Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass through a
// scope selector), as the pod evaluator matches them; describe lists the scopes as kubectl 1.32
// does (goldens captured with the real kubectl against the same objects).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const goldens = join(__dirname, '../golden-files/printers');

function pod(name: string, extra = '', resources = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: app
    image: nginx
${resources}`;
}

/** A quota of five pods over the pods that one PriorityClass scope expression selects. */
function priorityClassQuota(name: string, expression: string): string {
  return `apiVersion: v1
kind: ResourceQuota
metadata:
  name: ${name}
spec:
  hard:
    pods: "5"
  scopeSelector:
    matchExpressions:
    - {scopeName: PriorityClass, ${expression}}
`;
}

describe('ResourceQuota scopes', () => {
  it('count BestEffort and NotBestEffort pods apart, and describe says what each scope matches', () => {
    const lab = labShell();
    lab.write('quotas.yaml', readFileSync(join(goldens, 'resourcequota-scopes.yaml'), 'utf8'));
    expect(lab.sh('kubectl apply -f quotas.yaml')).toBe('resourcequota/best-effort created\nresourcequota/not-best created\n');
    lab.write('be.yaml', pod('be'));
    lab.write('burst.yaml', pod('burst', '', '    resources:\n      requests: {cpu: 200m}\n'));
    lab.sh('kubectl apply -f be.yaml');
    lab.sh('kubectl apply -f burst.yaml');
    lab.wait(2);
    expect(lab.sh('kubectl describe quota best-effort')).toBe(readFileSync(join(goldens, 'describe-resourcequota-besteffort.txt'), 'utf8'));
    expect(lab.sh('kubectl describe quota not-best')).toBe(readFileSync(join(goldens, 'describe-resourcequota-notbesteffort.txt'), 'utf8'));
  });

  it('limit only the pods in scope', () => {
    const lab = labShell();
    lab.sh('kubectl create quota one-best-effort --hard=pods=1 --scopes=BestEffort');
    lab.sh('kubectl create quota terminating --hard=pods=1,requests.cpu=1 --scopes=Terminating');
    lab.wait(1);
    lab.write('a.yaml', pod('a'));
    lab.write('b.yaml', pod('b'));
    lab.write('c.yaml', pod('c', '', '    resources:\n      requests: {cpu: 100m}\n'));
    lab.write('d.yaml', pod('d', '  activeDeadlineSeconds: 600\n', '    resources:\n      requests: {cpu: 100m}\n'));
    lab.write('e.yaml', pod('e', '  activeDeadlineSeconds: 600\n', '    resources:\n      requests: {cpu: 100m}\n'));
    expect(lab.sh('kubectl apply -f a.yaml')).toBe('pod/a created\n');
    lab.wait(1);
    expect(lab.sh('kubectl apply -f b.yaml')).toBe(
      'Error from server (Forbidden): error when creating "b.yaml": pods "b" is forbidden: exceeded quota: one-best-effort, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
    // Not BestEffort and no deadline: neither quota counts it.
    expect(lab.sh('kubectl apply -f c.yaml')).toBe('pod/c created\n');
    expect(lab.sh('kubectl apply -f d.yaml')).toBe('pod/d created\n');
    lab.wait(1);
    expect(lab.sh('kubectl apply -f e.yaml')).toBe(
      'Error from server (Forbidden): error when creating "e.yaml": pods "e" is forbidden: exceeded quota: terminating, requested: pods=1, used: pods=1, limited: pods=1\n',
    );
    expect(lab.sh('kubectl get quota terminating -o jsonpath={.status.used}')).toBe('{"pods":"1","requests.cpu":"100m"}');
  });

  it('match a pod priority class through a scope selector', () => {
    const lab = labShell();
    lab.write('quota.yaml', priorityClassQuota('high', 'operator: In, values: [high]'));
    lab.sh('kubectl apply -f quota.yaml');
    lab.write('plain.yaml', pod('plain'));
    lab.sh('kubectl apply -f plain.yaml');
    lab.wait(2);
    expect(lab.sh('kubectl get quota high -o jsonpath={.status.used}')).toBe('{"pods":"0"}');
  });

  it('count under PriorityClass Exists only the pods that name a class', () => {
    const lab = labShell();
    lab.write('quota.yaml', priorityClassQuota('classed', 'operator: Exists'));
    lab.sh('kubectl apply -f quota.yaml');
    lab.sh('kubectl create priorityclass batch --value=100');
    lab.write('plain.yaml', pod('plain'));
    lab.sh('kubectl apply -f plain.yaml');
    lab.sh(`kubectl run classed --image=nginx --overrides='{"spec":{"priorityClassName":"batch"}}'`);
    lab.wait(2);
    expect(lab.sh('kubectl get quota classed -o jsonpath={.status.used}')).toBe('{"pods":"1"}');
  });

  it('are refused where a scope cannot apply', () => {
    const lab = labShell();
    expect(lab.sh('kubectl create quota bad --hard=requests.cpu=1 --scopes=BestEffort')).toBe(
      'error: failed to create quota: The ResourceQuota "bad" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource\n',
    );
    expect(lab.sh('kubectl create quota bad --hard=pods=1 --scopes=Terminating,NotTerminating')).toBe(
      'error: failed to create quota: The ResourceQuota "bad" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes\n',
    );
    lab.write('bad.yaml', 'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: bad}\nspec:\n  hard: {pods: "1"}\n  scopeSelector:\n    matchExpressions:\n    - {scopeName: PriorityClass, operator: In}\n');
    expect(lab.sh('kubectl apply -f bad.yaml')).toBe(
      `The ResourceQuota "bad" is invalid: spec.scopeSelector.matchExpressions[0].values: Required value: must be at least one value when \`operator\` is 'In' or 'NotIn' for scope selector\n`,
    );
  });
});
