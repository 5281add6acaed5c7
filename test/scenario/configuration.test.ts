// Configuration as a learner writes it: env values and references, envFrom with a prefix,
// dependent $(VAR) references, ConfigMaps and Secrets from literals and files, mounted as
// volumes, and the CreateContainerConfigError a missing reference gives until it is created.
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell, tableRow } from '../support/lab-shell';


const envPod = `apiVersion: v1
kind: Pod
metadata:
  name: envpod
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "env | sort; sleep 3600"]
    resources:
      limits:
        memory: 128Mi
        cpu: 500m
    env:
    - name: GREETING
      value: hello
    - name: MESSAGE
      value: "$(GREETING) world"
    - name: UNKNOWN_REF
      value: "$(NOT_DEFINED) stays"
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    - name: APP_MODE
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: MODE
    - name: MY_NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    - name: MY_POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    - name: MEM_LIMIT
      valueFrom:
        resourceFieldRef:
          containerName: app
          resource: limits.memory
    - name: MEM_LIMIT_MI
      valueFrom:
        resourceFieldRef:
          resource: limits.memory
          divisor: 1Mi
    envFrom:
    - configMapRef:
        name: app-config
      prefix: CFG_
    - secretRef:
        name: db
    volumeMounts:
    - name: config
      mountPath: /etc/config
    - name: secret
      mountPath: /etc/secret
      readOnly: true
  volumes:
  - name: config
    configMap:
      name: files
  - name: secret
    secret:
      secretName: db
`;

function createConfig(lab: LabShell): void {
  expect(lab.sh('kubectl create configmap app-config --from-literal=MODE=production --from-literal=LEVEL=debug')).toBe('configmap/app-config created\n');
  lab.write('/greeting.txt', 'hello from a file\n');
  expect(lab.sh('kubectl create configmap files --from-file=greeting.txt')).toBe('configmap/files created\n');
  expect(lab.sh('kubectl create secret generic db --from-literal=password=s3cr3t --from-literal=user=admin')).toBe('secret/db created\n');
}

describe('configuration', () => {
  it('creates ConfigMaps and Secrets from literals and files, base64 in the Secret', () => {
    const lab = labShell();
    createConfig(lab);
    expect(tableRow(lab.sh('kubectl get configmaps'), 'app-config')[1]).toBe('2');
    expect(tableRow(lab.sh('kubectl get configmaps'), 'files')[1]).toBe('1');
    expect(tableRow(lab.sh('kubectl get secrets'), 'db').slice(1, 3)).toEqual(['Opaque', '2']);
    expect(lab.sh('kubectl get secret db -o jsonpath={.data.password}')).toBe('czNjcjN0');
    expect(lab.sh(`kubectl get configmap files -o jsonpath='{.data.greeting\\.txt}'`)).toBe('hello from a file\n');
    expect(lab.sh('kubectl describe configmap app-config')).toContain('Data\n====\nLEVEL:\n----\ndebug\nMODE:\n----\nproduction\n');
    expect(lab.sh('kubectl describe secret db')).toContain('Type:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n');
  });

  it('resolves env, valueFrom, envFrom with a prefix and dependent $(VAR) references', () => {
    const lab = labShell();
    createConfig(lab);
    lab.write('/env.yaml', envPod);
    expect(lab.sh('kubectl apply -f env.yaml')).toBe('pod/envpod created\n');
    lab.wait(10);
    const node = lab.sh('kubectl get pod envpod -o jsonpath={.spec.nodeName}');
    const ip = lab.sh('kubectl get pod envpod -o jsonpath={.status.podIP}');
    const env = lab.sh('kubectl logs envpod').split('\n');
    expect(env).toEqual(expect.arrayContaining([
      'GREETING=hello',
      'MESSAGE=hello world',
      'UNKNOWN_REF=$(NOT_DEFINED) stays',
      'DB_PASSWORD=s3cr3t',
      'APP_MODE=production',
      `MY_NODE=${node}`,
      `MY_POD_IP=${ip}`,
      'MEM_LIMIT=134217728',
      'MEM_LIMIT_MI=128',
      'CFG_MODE=production',
      'CFG_LEVEL=debug',
      'password=s3cr3t',
      'user=admin',
      'HOSTNAME=envpod',
      'KUBERNETES_SERVICE_HOST=10.96.0.1',
    ]));
    expect(lab.sh('kubectl exec envpod -- printenv MESSAGE')).toBe('hello world\n');
    const described = lab.sh('kubectl describe pod envpod');
    expect(described).toMatch(/DB_PASSWORD:\s+<set to the key 'password' in secret 'db'>\s+Optional: false/);
    expect(described).toMatch(/APP_MODE:\s+<set to the key 'MODE' of config map 'app-config'>\s+Optional: false/);
    expect(described).toMatch(/Environment Variables from:\n\s+app-config\s+ConfigMap with prefix 'CFG_'\s+Optional: false\n\s+db\s+Secret\s+Optional: false/);
  });

  // The API server defaults the divisor to "0", which means 1: a 500m limit reads as 1 core.
  it('rounds a CPU limit up to whole cores with the default divisor', () => {
    const lab = labShell();
    createConfig(lab);
    lab.write('/env.yaml', envPod.replace('    envFrom:', '    - name: CPU_LIMIT\n      valueFrom:\n        resourceFieldRef:\n          resource: limits.cpu\n    envFrom:'));
    lab.sh('kubectl apply -f env.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl exec envpod -- printenv CPU_LIMIT')).toBe('1\n');
  });

  it('mounts a ConfigMap and a Secret as files', () => {
    const lab = labShell();
    createConfig(lab);
    lab.write('/env.yaml', envPod);
    lab.sh('kubectl apply -f env.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl exec envpod -- cat /etc/config/greeting.txt')).toBe('hello from a file\n');
    expect(lab.sh('kubectl exec envpod -- cat /etc/secret/password')).toBe('s3cr3t');
    expect(lab.sh('kubectl exec envpod -- ls /etc/secret')).toBe('password\nuser\n');
  });

  it('brings mounted ConfigMaps, Secrets and labels up to date within a minute, and leaves env as it was', () => {
    const lab = labShell();
    createConfig(lab);
    lab.write('/env.yaml', envPod);
    lab.sh('kubectl apply -f env.yaml');
    lab.wait(10);
    lab.sh(`kubectl create configmap files --from-literal=greeting.txt='hello again' --from-literal=new.txt=added --dry-run=client -o yaml | kubectl apply -f -`);
    lab.sh(`kubectl patch secret db -p '{"data":{"password":"${Buffer.from('changed').toString('base64')}","user":null}}'`);
    // Not at once: the kubelet writes them at the pod's next periodic sync.
    lab.wait(1);
    expect(lab.sh('kubectl exec envpod -- cat /etc/config/greeting.txt')).toBe('hello from a file\n');
    lab.wait(60);
    expect(lab.sh('kubectl exec envpod -- cat /etc/config/greeting.txt')).toBe('hello again');
    expect(lab.sh('kubectl exec envpod -- ls /etc/config')).toBe('greeting.txt\nnew.txt\n');
    expect(lab.sh('kubectl exec envpod -- cat /etc/secret/password')).toBe('changed');
    expect(lab.sh('kubectl exec envpod -- ls /etc/secret')).toBe('password\n');
    // Environment variables were read when the container started.
    expect(lab.sh('kubectl exec envpod -- printenv DB_PASSWORD user')).toBe('s3cr3t\nadmin\n');
    expect(lab.sh('kubectl exec envpod -- cat /etc/config/greeting.txt; echo')).toBe('hello again\n');
  });

  it("updates a downwardAPI volume's labels file when the pod's labels change", () => {
    const lab = labShell();
    lab.write('/pod.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: info
  labels: {tier: web}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    volumeMounts: [{name: podinfo, mountPath: /etc/podinfo}]
  volumes:
  - name: podinfo
    downwardAPI:
      items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]
`);
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl exec info -- cat /etc/podinfo/labels')).toBe('tier="web"');
    lab.sh('kubectl label pod info release=stable');
    lab.wait(61);
    expect(lab.sh('kubectl exec info -- cat /etc/podinfo/labels')).toBe('release="stable"\ntier="web"');
  });

  it("updates a projected downwardAPI source's annotations file when the pod's annotations change", () => {
    const lab = labShell();
    lab.write('/pods.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: shown
  annotations: {build: "1"}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    volumeMounts: [{name: all-in-one, mountPath: /etc/projected}]
  volumes:
  - name: all-in-one
    projected:
      sources:
      - downwardAPI:
          items: [{path: annotations, fieldRef: {fieldPath: metadata.annotations}}]
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
`);
    lab.sh('kubectl apply -f pods.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl exec shown -- cat /etc/projected/annotations')).toContain('build="1"');
    lab.sh('kubectl annotate pod shown plain build=2 --overwrite');
    lab.wait(61);
    expect(lab.sh('kubectl exec shown -- cat /etc/projected/annotations')).toContain('build="2"');
    expect(lab.sh('kubectl get pod plain -o jsonpath={.metadata.annotations.build}')).toBe('2');
  });

  it('holds a container in CreateContainerConfigError until the ConfigMap exists', () => {
    const lab = labShell();
    lab.write('/missing.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: missing
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: colors
          key: color
`);
    lab.sh('kubectl apply -f missing.yaml');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get pod missing'), 'missing').slice(1, 3)).toEqual(['0/1', 'CreateContainerConfigError']);
    expect(lab.sh('kubectl describe pod missing')).toMatch(/Warning\s+Failed\s+.*kubelet\s+Error: configmap "colors" not found/);
    expect(lab.sh('kubectl create configmap colors --from-literal=color=blue')).toBe('configmap/colors created\n');
    lab.wait(20);
    expect(tableRow(lab.sh('kubectl get pod missing'), 'missing').slice(1, 3)).toEqual(['1/1', 'Running']);
    expect(lab.sh('kubectl exec missing -- printenv COLOR')).toBe('blue\n');
  });

  it('reports a missing Secret key the way the kubelet does', () => {
    const lab = labShell();
    lab.sh('kubectl create secret generic db --from-literal=user=admin');
    lab.write('/key.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: nokey
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
`);
    lab.sh('kubectl apply -f key.yaml');
    lab.wait(10);
    expect(tableRow(lab.sh('kubectl get pod nokey'), 'nokey')[2]).toBe('CreateContainerConfigError');
    expect(lab.sh('kubectl describe pod nokey')).toContain(`Error: couldn't find key password in Secret default/db`);
  });
});
