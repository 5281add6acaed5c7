// A PodDisruptionBudget as a learner meets it: `kubectl get` and `describe`, the API server's
// validation, and `kubectl drain`, which waits for the budget and gives up at its --timeout.
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';

const web = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

function withWeb(replicas: number, budget: string): LabShell {
  const lab = labShell();
  lab.write('/web.yaml', web(replicas));
  lab.sh('kubectl apply -f web.yaml');
  expect(lab.sh(`kubectl create pdb web-pdb --selector=app=web ${budget}`)).toBe('poddisruptionbudget.policy/web-pdb created\n');
  lab.sh('kubectl rollout status deployment/web');
  return lab;
}

/** The web pods on a node, from `kubectl get pods -o wide`. */
function podsOn(lab: LabShell, node: string): string[] {
  return lab
    .sh('kubectl get pods -o wide --no-headers')
    .split('\n')
    .filter((line) => line.split(/\s+/)[6] === node)
    .map((line) => line.split(/\s+/)[0]);
}

describe('a PodDisruptionBudget', () => {
  it('shows its budget and what the disruption controller counted', () => {
    const lab = withWeb(3, '--min-available=2');
    expect(lab.sh('kubectl get pdb')).toBe('NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   2               N/A               1                     10s\n');
    expect(lab.sh('kubectl get poddisruptionbudgets.policy -o wide')).toBe('NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   2               N/A               1                     10s\n');
    expect(lab.sh('kubectl describe pdb web-pdb')).toBe(
      [
        'Name:           web-pdb',
        'Namespace:      default',
        'Min available:  2',
        'Selector:       app=web',
        'Status:',
        '    Allowed disruptions:  1',
        '    Current:              3',
        '    Desired:              2',
        '    Total:                3',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
    expect(lab.sh("kubectl get pdb web-pdb -o jsonpath='{.status.conditions[0].type} {.status.conditions[0].status} {.status.conditions[0].reason} {.status.observedGeneration}'")).toBe(
      'DisruptionAllowed True SufficientPods 1',
    );
  });

  it('is refused by the API server with its validation messages', () => {
    const lab = labShell();
    lab.write(
      '/bad.yaml',
      `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: bad
spec:
  maxUnavailable: 150%
  unhealthyPodEvictionPolicy: Sometimes
  selector:
    matchLabels:
      app: web
`,
    );
    expect(lab.sh('kubectl apply -f bad.yaml')).toBe(
      'The PodDisruptionBudget "bad" is invalid: [spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%, spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"]\n',
    );
    lab.write('/word.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: word\nspec:\n  minAvailable: "50"\n');
    expect(lab.sh('kubectl apply -f word.yaml')).toBe(
      `The PodDisruptionBudget "word" is invalid: spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"50"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')\n`,
    );
    lab.write('/negative.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: negative\nspec:\n  minAvailable: -1\n');
    expect(lab.sh('kubectl apply -f negative.yaml')).toBe('The PodDisruptionBudget "negative" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0\n');
    expect(lab.sh('kubectl get pdb')).toBe('No resources found in default namespace.\n');
  });

  it('holds kubectl drain back until a replacement is ready elsewhere, retrying every 5 seconds', () => {
    const lab = withWeb(4, '--max-unavailable=1');
    const [first, second] = podsOn(lab, 'node01');
    expect(second).toBeDefined();
    const out = lab.sh('kubectl drain node01 --ignore-daemonsets');
    const refused = `error when evicting pods/"${second}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    expect(out).toMatch(/^node\/node01 cordoned\nWarning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}\n/);
    expect(out).toContain(`evicting pod default/${first}\nevicting pod default/${second}\n`);
    expect(out).toContain(refused + `pod/${first} evicted\n`);
    expect(out.endsWith(`evicting pod default/${second}\npod/${second} evicted\nnode/node01 drained\n`)).toBe(true);
    expect(podsOn(lab, 'node01')).toEqual([]);
  });

  it('makes kubectl drain give up at its --timeout, naming the pods left', () => {
    const lab = withWeb(2, '--min-available=2');
    const [pod] = podsOn(lab, 'node01');
    const out = lab.sh('kubectl drain node01 --ignore-daemonsets --timeout=12s');
    const refused = `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    const failure = `error when evicting pods/"${pod}" -n "default": global timeout reached: 12s`;
    // Tried at 0, 5 and 10 s; the try at 15 s finds the timeout passed.
    expect(out.split(refused).length - 1).toBe(3);
    expect(out.split(`evicting pod default/${pod}\n`).length - 1).toBe(4);
    expect(out).toContain(refused + `evicting pod default/${pod}\nThere are pending pods`);
    expect(out).toContain(`There are pending pods in node "node01" when an error occurred: ${failure}\npod/${pod}\n`);
    expect(out.endsWith(`error: unable to drain node "node01" due to error: ${failure}, continuing command...\nThere are pending nodes to be drained:\n node01\nerror: ${failure}\n`)).toBe(true);
    expect(podsOn(lab, 'node01')).toEqual([pod]);
  });

  it('is not asked by kubectl drain --disable-eviction, which deletes', () => {
    const lab = withWeb(2, '--min-available=2');
    const [pod] = podsOn(lab, 'node01');
    const out = lab.sh('kubectl drain node01 --ignore-daemonsets --disable-eviction');
    expect(out).toContain(`pod/${pod} deleted\n`);
    expect(out).not.toContain('evicting');
    expect(out.endsWith('node/node01 drained\n')).toBe(true);
  });
});
