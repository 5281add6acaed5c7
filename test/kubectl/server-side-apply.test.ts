// Server-side apply and managed fields as a learner meets them: `kubectl apply --server-side`,
// the field managers each kubectl command writes as, conflicts and --force-conflicts, fields an
// applier drops, the move from client-side apply, `kubectl diff --server-side`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';

const deployment = (replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web${extra}
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
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

const conflictAdvice = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

/** `manager operation subresource` of each managed fields entry, one a line. */
function managers(lab: LabShell, target = 'deploy web'): string {
  return lab.sh(`kubectl get ${target} --show-managed-fields -o jsonpath='{range .metadata.managedFields[*]}{.manager} {.operation} {.subresource}{"\\n"}{end}'`);
}

/** The fieldsV1 of one manager's entry, as YAML. */
function fieldsOf(lab: LabShell, manager: string, target = 'deploy web'): string {
  const yaml = lab.sh(`kubectl get ${target} -o yaml --show-managed-fields`);
  const entries = yaml.split('\n  - apiVersion: ');
  const entry = entries.find((text) => text.includes(`\n    manager: ${manager}\n`));
  if (!entry) return '';
  return entry.slice(entry.indexOf('    fieldsV1:\n'), entry.indexOf('\n    manager: '));
}

describe('kubectl apply --server-side', () => {
  it('creates and updates the object, saying serverside-applied each time, and records the applier', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    expect(lab.sh('kubectl apply --server-side -f web.yaml')).toBe('deployment.apps/web serverside-applied\n');
    expect(lab.sh('kubectl apply --server-side -f web.yaml')).toBe('deployment.apps/web serverside-applied\n');
    expect(managers(lab)).toBe('kubectl Apply \n');
    expect(fieldsOf(lab, 'kubectl')).toBe(`    fieldsV1:
      f:metadata:
        f:labels:
          f:app: {}
      f:spec:
        f:replicas: {}
        f:selector: {}
        f:template:
          f:metadata:
            f:labels:
              f:app: {}
          f:spec:
            f:containers:
              k:{"name":"nginx"}:
                .: {}
                f:image: {}
                f:name: {}
                f:ports:
                  k:{"containerPort":80,"protocol":"TCP"}:
                    .: {}
                    f:containerPort: {}`);
    // kubectl leaves managed fields out unless asked for them.
    expect(lab.sh('kubectl get deploy web -o yaml')).not.toContain('managedFields');
    expect(lab.sh('kubectl get deploy web -o yaml --show-managed-fields')).toContain('    manager: kubectl\n    operation: Apply\n    time: "');
  });

  it('records what each kubectl command wrote, under its own field manager', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27');
    lab.sh('kubectl label deploy web tier=front');
    lab.sh('kubectl scale deploy web --replicas=3');
    lab.sh('kubectl annotate deploy web note=hi');
    // Entries written within the same second are listed by manager name; `kubectl scale` names no
    // manager (the server takes "kubectl" from its user agent) and writes through the scale subresource.
    expect(managers(lab)).toBe('kubectl Update scale\nkubectl-annotate Update \nkubectl-create Update \nkubectl-label Update \n');
    expect(fieldsOf(lab, 'kubectl-label')).toBe(`    fieldsV1:
      f:metadata:
        f:labels:
          f:tier: {}`);
    // The create owns the defaults it was decoded with, not what admission added.
    expect(fieldsOf(lab, 'kubectl-create')).toContain(`            f:containers:
              k:{"name":"nginx"}:
                .: {}
                f:image: {}
                f:imagePullPolicy: {}
                f:name: {}
                f:resources: {}
                f:terminationMessagePath: {}
                f:terminationMessagePolicy: {}
            f:dnsPolicy: {}`);
    expect(fieldsOf(lab, 'kubectl-create')).not.toContain('f:replicas');
  });

  it('refuses to change a field another manager owns, with the API server message and kubectl advice', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    lab.write('web3.yaml', deployment(3));
    lab.sh('kubectl apply -f web.yaml');
    expect(lab.sh('kubectl apply --server-side --field-manager=ops -f web3.yaml')).toBe(
      `error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas\n${conflictAdvice}`,
    );
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).toBe('2');
    // The same values are no conflict. kubectl then folds the client-side manager into the
    // applier; only its own `kubectl` applier keeps the last-applied annotation.
    expect(lab.sh('kubectl apply --server-side --field-manager=ops -f web.yaml')).toBe('deployment.apps/web serverside-applied\n');
    expect(managers(lab)).toBe('ops Apply \n');
    expect(lab.sh('kubectl get deploy web -o yaml')).not.toContain('last-applied-configuration');
  });

  it('lists several conflicts by manager', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    lab.sh('kubectl apply -f web.yaml');
    lab.sh('kubectl label deploy web app=other --overwrite');
    lab.write('web3.yaml', deployment(3).replace('image: nginx:1.27', 'image: nginx:1.28'));
    expect(lab.sh('kubectl apply --server-side --field-manager=ops -f web3.yaml')).toBe(
      'error: Apply failed with 3 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image\n' +
        'conflicts with "kubectl-label" using apps/v1:\n' +
        `- .metadata.labels.app\n${conflictAdvice}`,
    );
  });

  it('takes the fields over with --force-conflicts', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    lab.write('web3.yaml', deployment(3));
    lab.sh('kubectl apply -f web.yaml');
    expect(lab.sh('kubectl apply --server-side --field-manager=ops --force-conflicts -f web3.yaml')).toBe('deployment.apps/web serverside-applied\n');
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).toBe('3');
    expect(fieldsOf(lab, 'ops')).toContain('f:replicas: {}');
    expect(fieldsOf(lab, 'kubectl-client-side-apply')).not.toContain('f:replicas');
  });

  it('removes a field the applier stops applying, unless another manager owns it too', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2, '\n    tier: front'));
    lab.sh('kubectl apply --server-side -f web.yaml');
    lab.sh('kubectl label deploy web owner=me');
    lab.write('web.yaml', deployment(2));
    lab.sh('kubectl apply --server-side -f web.yaml');
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.metadata.labels}'`)).toBe('{"app":"web","owner":"me"}');
    // Dropping replicas leaves the field to its default again.
    lab.write('web.yaml', deployment(5));
    lab.sh('kubectl apply --server-side -f web.yaml');
    lab.write('web.yaml', deployment(5).replace('  replicas: 5\n', ''));
    lab.sh('kubectl apply --server-side -f web.yaml');
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).toBe('1');
  });

  it('moves an object from client-side apply: no conflicts, the annotation kept in step, the old manager folded in', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    lab.sh('kubectl apply -f web.yaml');
    lab.write('web.yaml', deployment(4));
    expect(lab.sh('kubectl apply --server-side -f web.yaml')).toBe('deployment.apps/web serverside-applied\n');
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).toBe('4');
    expect(managers(lab)).toBe('kubectl Apply \nkubectl-last-applied Apply \n');
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`)).toContain('"replicas":4');
    // Client-side apply still works afterwards.
    lab.write('web.yaml', deployment(1));
    expect(lab.sh('kubectl apply -f web.yaml')).toBe('deployment.apps/web configured\n');
  });

  it('answers a dry run from the server without changing anything', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    expect(lab.sh('kubectl apply --server-side --dry-run=server -f web.yaml')).toBe('deployment.apps/web serverside-applied (server dry run)\n');
    expect(lab.sh('kubectl get deploy web')).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
  });

  it('refuses flags that do not go together, as kubectl does', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    expect(lab.sh('kubectl apply --force-conflicts -f web.yaml')).toBe('error: --force-conflicts only works with --server-side\n');
    expect(lab.sh('kubectl apply --server-side --dry-run=client -f web.yaml')).toBe("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
  });

  it('gives replicas to the autoscaler when it scales, so a later apply conflicts with it', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(3).replace('        - containerPort: 80\n', '        - containerPort: 80\n        resources:\n          requests:\n            cpu: 100m\n'));
    lab.sh('kubectl apply --server-side -f web.yaml');
    lab.sh('kubectl autoscale deploy web --min=1 --max=5 --cpu-percent=50');
    lab.wait(400);
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).toBe('1');
    expect(managers(lab)).toContain('kube-controller-manager Update scale\n');
    expect(lab.sh('kubectl apply --server-side -f web.yaml')).toBe(
      `error: Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "scale" using apps/v1: .spec.replicas\n${conflictAdvice}`,
    );
  });
});

describe('kubectl apply (client-side) over an object it did not create', () => {
  it('warns that the last-applied annotation is missing, then patches it in', () => {
    const lab = labShell();
    lab.sh('kubectl create configmap settings --from-literal=mode=fast');
    lab.write('settings.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: slow\n');
    expect(lab.sh('kubectl apply -f settings.yaml')).toBe(
      'Warning: resource configmaps/settings is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n' +
        'configmap/settings configured\n',
    );
    expect(lab.sh('kubectl apply -f settings.yaml')).toBe('configmap/settings unchanged\n');
  });
});

describe('kubectl apply (client-side) refused by the server', () => {
  it('prints the patch it sent, the object and both sources, as kubectl words a failed patch', () => {
    // The golden is what /usr/bin/kubectl 1.32 printed for the same steps against `podlab serve`.
    const lab = labShell();
    const claim = (size: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: ${size}\n`;
    lab.write('pvc.yaml', claim('1Gi'));
    lab.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: user\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n    volumeMounts:\n    - name: d\n      mountPath: /data\n  volumes:\n  - name: d\n    persistentVolumeClaim:\n      claimName: data\n');
    lab.sh('kubectl apply -f pvc.yaml');
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(5);
    lab.write('pvc2.yaml', claim('2Gi'));
    expect(lab.sh('kubectl apply -f pvc2.yaml')).toBe(readFileSync(join(__dirname, '../golden-files/apply-errors/pvc-resize-forbidden.txt'), 'utf8'));
  });
});

describe('kubectl diff --server-side', () => {
  it('shows what the server-side apply would change', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    lab.sh('kubectl apply --server-side -f web.yaml');
    lab.write('web.yaml', deployment(3));
    const output = lab.sh('kubectl diff --server-side -f web.yaml; echo "exit $?"');
    expect(output).toMatch(/^-  replicas: 2\n\+  replicas: 3\n/m);
    expect(output).toMatch(/exit 1\n$/);
    expect(output).not.toContain('managedFields');
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).toBe('2');
  });

  it('reports a conflict as the server words it (the wording checked against the real kubectl in the oracle)', () => {
    const lab = labShell();
    lab.write('web.yaml', deployment(2));
    lab.sh('kubectl apply -f web.yaml');
    lab.write('web.yaml', deployment(3));
    // kubectl diff retries a conflict, warning the last time that it diffs without the lock.
    expect(lab.sh('kubectl diff --server-side --field-manager=ops -f web.yaml')).toMatch(
      /^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ diff\.go:723\] Object \(apps\/v1, Kind=Deployment: web\) keeps changing, diffing without lock\nError from server \(Conflict\): Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas\n$/,
    );
  });
});
