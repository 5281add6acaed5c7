// kubectl replace --force, force deletion, a Secret's stringData and named container ports, as a
// learner meets them on a cluster.
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';

describe('kubectl replace --force and delete --force', () => {
  it('replace --force deletes the pod, waits until it is gone and creates it again', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(20);
    const oldUid = lab.sh(`kubectl get pod web -o jsonpath='{.metadata.uid}'`);
    lab.sh('kubectl get pod web -o yaml > web.yaml');
    lab.sh(`sed -i 's/nginx:1.27/nginx:1.26/' web.yaml`);
    expect(lab.sh('kubectl replace --force -f web.yaml')).toBe('pod "web" deleted\npod/web replaced\n');
    expect(lab.sh(`kubectl get pod web -o jsonpath='{.metadata.uid}'`)).not.toBe(oldUid);
    lab.wait(20);
    expect(lab.sh(`kubectl get pod web -o jsonpath='{.spec.containers[0].image} {.status.phase}'`)).toBe('nginx:1.26 Running');
  });

  it('replace --force creates what does not exist yet', () => {
    const lab = labShell();
    lab.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fresh\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, "3600"]\n');
    expect(lab.sh('kubectl replace --force -f pod.yaml')).toBe('pod/fresh replaced\n');
  });

  it('delete --force --grace-period=0 warns and removes the pod at once', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(20);
    expect(lab.sh('kubectl delete pod web --force --grace-period=0')).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "web" force deleted\n',
    );
    expect(lab.sh('kubectl get pod web')).toBe('Error from server (NotFound): pods "web" not found\n');
  });
});

describe('a Secret’s stringData', () => {
  const manifest = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\ndata:\n  user: b2xk\nstringData:\n  user: admin\n  password: s3cr3t\n';

  it('is folded into data as base64 on create and never stored', () => {
    const lab = labShell();
    lab.write('secret.yaml', manifest);
    expect(lab.sh('kubectl create -f secret.yaml')).toBe('secret/creds created\n');
    expect(lab.sh(`kubectl get secret creds -o jsonpath='{.data}'`)).toBe('{"password":"czNjcjN0","user":"YWRtaW4="}');
    expect(lab.sh(`kubectl get secret creds -o jsonpath='{.stringData}'`)).toBe('');
  });

  it('is folded on apply and on update too', () => {
    const lab = labShell();
    lab.write('secret.yaml', manifest);
    lab.sh('kubectl apply -f secret.yaml');
    lab.write('secret.yaml', manifest.replace('s3cr3t', 'changed'));
    expect(lab.sh('kubectl apply -f secret.yaml')).toBe('secret/creds configured\n');
    expect(lab.sh(`kubectl get secret creds -o jsonpath='{.data.password}'`)).toBe('Y2hhbmdlZA==');
    lab.write('secret.yaml', manifest.replace('s3cr3t', 'again'));
    lab.sh('kubectl replace -f secret.yaml');
    expect(lab.sh(`kubectl get secret creds -o jsonpath='{.data.password}' | base64 -d`)).toBe('again');
  });

  it('reaches a container as plain text', () => {
    const lab = labShell();
    lab.write('secret.yaml', manifest);
    lab.sh('kubectl apply -f secret.yaml');
    lab.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: reader\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, "3600"]\n    envFrom:\n    - secretRef: {name: creds}\n');
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl exec reader -- printenv password user')).toBe('s3cr3t\nadmin\n');
  });
});

describe('named container ports', () => {
  it('a probe and a Service targetPort find the port by its name', () => {
    const lab = labShell();
    lab.write('app.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - {name: http-web, containerPort: 80}
    readinessProbe:
      httpGet: {path: /, port: http-web}
    livenessProbe:
      tcpSocket: {port: http-web}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {port: 8080, targetPort: http-web}
`);
    lab.sh('kubectl apply -f app.yaml');
    lab.wait(30);
    expect(tableRow(lab.sh('kubectl get pod web'), 'web').slice(1, 3)).toEqual(['1/1', 'Running']);
    const ip = lab.sh(`kubectl get pod web -o jsonpath='{.status.podIP}'`);
    expect(tableRow(lab.sh('kubectl get endpoints web'), 'web')[1]).toBe(`${ip}:80`);
    lab.sh('kubectl run client --image=busybox:1.36 -- sleep 3600');
    lab.wait(20);
    expect(lab.sh('kubectl exec client -- wget -qO- http://web:8080')).toContain('<title>Welcome to nginx!</title>');
  });
});
