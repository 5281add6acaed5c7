// PriorityClasses and the Priority admission plugin, as kube-apiserver 1.32 answers: the two
// system classes exist from the start, their names and values are guarded, one class at most is
// the global default, and a new pod's priority comes from its class and nothing else.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('PriorityClass', () => {
  it('starts with the two system classes, which kubeadm’s own pods use', () => {
    const lab = labShell();
    expect(lab.sh('kubectl get priorityclasses')).toMatch(
      /^NAME +VALUE +GLOBAL-DEFAULT +AGE +PREEMPTIONPOLICY\nsystem-cluster-critical +2000000000 +false +\S+ +PreemptLowerPriority\nsystem-node-critical +2000001000 +false +\S+ +PreemptLowerPriority\n$/,
    );
    lab.wait(60);
    const pods = lab.sh('kubectl get pods -n kube-system --no-headers -o custom-columns=NAME:.metadata.name,CLASS:.spec.priorityClassName,PRIORITY:.spec.priority');
    for (const line of pods.trim().split('\n')) {
      const [name, className, priority] = line.split(/\s+/);
      const expected = name.startsWith('coredns-') ? ['system-cluster-critical', '2000000000'] : ['system-node-critical', '2000001000'];
      expect([className, priority], name).toEqual(expected);
    }
  });

  it('describes a class as kubectl does', () => {
    const lab = labShell();
    expect(lab.sh('kubectl describe pc system-node-critical')).toBe(
      'Name:              system-node-critical\n' +
        'Value:             2000001000\n' +
        'GlobalDefault:     false\n' +
        'PreemptionPolicy:  PreemptLowerPriority\n' +
        'Description:       Used for system critical pods that must not be moved from their current node.\n' +
        'Annotations:       <none>\n' +
        'Events:            <none>\n',
    );
  });

  it('refuses reserved names, values above a billion, a second default and changes of value', () => {
    const lab = labShell();
    expect(lab.sh('kubectl create priorityclass system-mine --value=5')).toBe(
      "error: failed to create priorityclass: The PriorityClass \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class\n",
    );
    expect(lab.sh('kubectl create priorityclass huge --value=1000000001')).toBe(
      'error: failed to create priorityclass: The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n',
    );
    expect(lab.sh('kubectl create priorityclass odd --value=1 --preemption-policy=Sometimes')).toBe(
      'error: failed to create priorityclass: The PriorityClass "odd" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"\n',
    );
    expect(lab.sh('kubectl create priorityclass first --value=10 --global-default')).toBe('priorityclass.scheduling.k8s.io/first created\n');
    expect(lab.sh('kubectl create priorityclass second --value=20 --global-default')).toBe(
      'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist\n',
    );
    expect(lab.sh(`kubectl patch pc first -p '{"value":11}'`)).toBe('The PriorityClass "first" is invalid: value: Forbidden: may not be changed in an update.\n');
    expect(lab.sh(`kubectl patch pc first -p '{"preemptionPolicy":"Never"}'`)).toBe('The PriorityClass "first" is invalid: preemptionPolicy: Invalid value: "Never": field is immutable\n');
    expect(lab.sh(`kubectl patch pc first -p '{"description":"the default"}'`)).toBe('priorityclass.scheduling.k8s.io/first patched\n');
    expect(lab.sh('kubectl delete pc system-cluster-critical')).toBe(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-cluster-critical" is forbidden: this is a system priority class and cannot be deleted\n',
    );
  });

  it('prints what `kubectl create priorityclass` sends', () => {
    const lab = labShell();
    // Captured from kubectl 1.32 with --dry-run=client.
    expect(lab.sh('kubectl create priorityclass high --value=1000 --global-default --description="hi there" --preemption-policy=Never --dry-run=client -o yaml')).toBe(
      'apiVersion: scheduling.k8s.io/v1\ndescription: hi there\nglobalDefault: true\nkind: PriorityClass\nmetadata:\n  creationTimestamp: null\n  name: high\npreemptionPolicy: Never\nvalue: 1000\n',
    );
    expect(lab.sh('kubectl create priorityclass low --dry-run=client -o json')).toBe(
      '{\n    "kind": "PriorityClass",\n    "apiVersion": "scheduling.k8s.io/v1",\n    "metadata": {\n        "name": "low",\n        "creationTimestamp": null\n    },\n    "value": 0,\n    "preemptionPolicy": "PreemptLowerPriority"\n}\n',
    );
    expect(lab.sh('kubectl create pc low --dry-run=client')).toBe('priorityclass.scheduling.k8s.io/low created (dry run)\n');
  });
});

describe('Priority admission', () => {
  it('fills in priority and preemption policy from the class, or the global default, or zero', () => {
    const lab = labShell();
    const fields = (pod: string) => lab.sh(`kubectl get pod ${pod} -o jsonpath='{.spec.priorityClassName}/{.spec.priority}/{.spec.preemptionPolicy}'`);
    lab.sh('kubectl run plain --image=nginx');
    expect(fields('plain')).toBe('/0/PreemptLowerPriority');
    lab.sh('kubectl create priorityclass polite --value=500 --preemption-policy=Never');
    lab.sh(`kubectl run named --image=nginx --overrides='{"spec":{"priorityClassName":"polite"}}'`);
    expect(fields('named')).toBe('polite/500/Never');
    lab.sh('kubectl create priorityclass everyone --value=7 --global-default');
    lab.sh('kubectl run defaulted --image=nginx');
    expect(fields('defaulted')).toBe('everyone/7/PreemptLowerPriority');
    expect(lab.sh('kubectl describe pod defaulted')).toMatch(/\nPriority: +7\nPriority Class Name: +everyone\n/);
  });

  it('refuses a pod whose class does not exist, or that sets priority or policy itself', () => {
    const lab = labShell();
    expect(lab.sh(`kubectl run a --image=nginx --overrides='{"spec":{"priorityClassName":"gold"}}'`)).toBe(
      'Error from server (Forbidden): pods "a" is forbidden: no PriorityClass with name gold was found\n',
    );
    expect(lab.sh(`kubectl run b --image=nginx --overrides='{"spec":{"priority":100}}'`)).toBe(
      'Error from server (Forbidden): pods "b" is forbidden: the integer value of priority (100) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name\n',
    );
    expect(lab.sh(`kubectl run c --image=nginx --overrides='{"spec":{"preemptionPolicy":"Never"}}'`)).toBe(
      'Error from server (Forbidden): pods "c" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name\n',
    );
    // The value the class gives is accepted when written out.
    expect(lab.sh(`kubectl run d --image=nginx --overrides='{"spec":{"priority":0}}'`)).toBe('pod/d created\n');
  });

  it('names a Deployment’s pods by their generateName when it refuses them', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx');
    lab.sh(`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"priorityClassName":"missing"}}}}'`);
    lab.wait(5);
    expect(lab.sh('kubectl describe rs -l app=web')).toMatch(/Error creating: pods "web-[a-z0-9]+-" is forbidden: no PriorityClass with name missing was found/);
  });
});
