// StatefulSets and the storage they claim, as a learner meets them: ordered start and stop, stable
// names, hostnames and DNS under a headless Service, claims from volumeClaimTemplates bound by the
// default StorageClass, rolling updates from the highest ordinal down to the partition.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell } from '../support/lab-shell';

const golden = (name: string) => readFileSync(new URL(`../golden-files/storage/${name}`, import.meta.url), 'utf8');
const webYaml = readFileSync(new URL('../../examples/kubernetes.io/application/web/web.yaml', import.meta.url), 'utf8');

function labWithWeb(edit: (yaml: string) => string = (yaml) => yaml): LabShell {
  const lab = labShell();
  lab.write('web.yaml', edit(webYaml));
  expect(lab.sh('kubectl apply -f web.yaml')).toBe('service/nginx created\nstatefulset.apps/web created\n');
  return lab;
}

function jsonpath(lab: LabShell, what: string, path: string): string {
  return lab.sh(`kubectl get ${what} -o jsonpath='${path}'`);
}

const time = (text: string) => Date.parse(text);

describe('a StatefulSet', () => {
  it('starts its pods one at a time, each once the one before is Running and Ready', () => {
    const lab = labWithWeb();
    lab.wait(1);
    expect(lab.sh('kubectl get pods -l app=nginx -o name')).toBe('pod/web-0\n');
    expect(lab.sh('kubectl get sts web')).toMatch(/^NAME\s+READY\s+AGE\nweb\s+0\/2\s+1s\n$/);
    lab.wait(60);
    expect(lab.sh('kubectl get sts web -o wide')).toMatch(/^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\nweb\s+2\/2\s+61s\s+nginx\s+registry\.k8s\.io\/nginx-slim:0\.7\n$/);
    const web0Ready = jsonpath(lab, 'pod web-0', '{.status.conditions[?(@.type=="Ready")].lastTransitionTime}');
    const web1Created = jsonpath(lab, 'pod web-1', '{.metadata.creationTimestamp}');
    expect(time(web1Created)).toBeGreaterThanOrEqual(time(web0Ready));
    const events = lab.sh('kubectl get events --field-selector involvedObject.kind=StatefulSet -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers');
    expect(events.split('\n').filter(Boolean).map((line) => line.replace(/\s+/, ' '))).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
    ]);
    expect(lab.sh('kubectl rollout status sts web')).toBe('partitioned roll out complete: 2 new pods have been updated...\n');
    const described = lab.sh('kubectl describe sts web');
    expect(described).toMatch(/^Name:\s+web\nNamespace:\s+default\nCreationTimestamp:\s+.+\nSelector:\s+app=nginx\nLabels:\s+<none>\nAnnotations:\s+<none>\nReplicas:\s+2 desired \| 2 total\nUpdate Strategy:\s+RollingUpdate\n  Partition:\s+0\nPods Status:\s+2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\nPod Template:\n/);
    expect(described).toContain('Volume Claims:\n  Name:          www\n  StorageClass:  \n  Labels:        <none>\n  Annotations:   <none>\n  Capacity:      1Gi\n  Access Modes:  [ReadWriteOnce]\nEvents:\n');
  });

  it('gives each pod its name, index and revision labels, a hostname under the Service, and its own claim', () => {
    const lab = labWithWeb();
    lab.wait(60);
    const revision = jsonpath(lab, 'sts web', '{.status.updateRevision}');
    expect(revision).toMatch(/^web-[a-z0-9]+$/);
    expect(lab.sh('kubectl get pod web-1 --show-labels')).toContain(`app=nginx,apps.kubernetes.io/pod-index=1,controller-revision-hash=${revision},statefulset.kubernetes.io/pod-name=web-1`);
    expect(jsonpath(lab, 'pod web-1', '{.spec.hostname} {.spec.subdomain} {.spec.volumes[0].persistentVolumeClaim.claimName}')).toBe('web-1 nginx www-web-1');
    const ip = jsonpath(lab, 'pod web-1', '{.status.podIP}');
    expect(lab.sh('kubectl exec web-1 -- cat /etc/hosts')).toContain(`${ip}\tweb-1.nginx.default.svc.cluster.local\tweb-1\n`);
    // The headless Service's name answers with every ready pod; <pod>.<service> with that pod.
    const ips = lab.sh(`kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.status.podIP}{"\\n"}{end}'`).trim().split('\n');
    const lookup = lab.sh('kubectl run -i --image busybox:1.28 dns-test --restart=Never --rm -- nslookup nginx');
    for (const address of ips) expect(lookup).toContain(`Address: ${address}\n`);
    expect(lab.sh('kubectl run -i --image busybox:1.28 dns-test --restart=Never --rm -- nslookup web-1.nginx')).toContain(`Name:\tweb-1.nginx.default.svc.cluster.local\nAddress: ${ip}\n`);
  });

  it('stops pods from the highest ordinal down, one at a time, and keeps their claims', () => {
    const lab = labWithWeb((yaml) => yaml.replace('replicas: 2', 'replicas: 4'));
    lab.wait(120);
    expect(lab.sh('kubectl get sts web')).toMatch(/^web\s+4\/4\s/m);
    expect(lab.sh('kubectl scale sts web --replicas=2')).toBe('statefulset.apps/web scaled\n');
    // web-3 goes first; web-2 waits until web-3 is gone.
    expect(lab.sh('kubectl get pods -l app=nginx -o name')).toBe('pod/web-0\npod/web-1\npod/web-2\npod/web-3\n');
    expect(jsonpath(lab, 'pod web-2', '{.metadata.deletionTimestamp}')).toBe('');
    expect(jsonpath(lab, 'pod web-3', '{.metadata.deletionTimestamp}')).not.toBe('');
    lab.wait(90);
    expect(lab.sh('kubectl get pods -l app=nginx -o name')).toBe('pod/web-0\npod/web-1\n');
    const deletes = lab.sh('kubectl get events --field-selector reason=SuccessfulDelete -o custom-columns=MESSAGE:.message --no-headers');
    expect(deletes).toBe('delete Pod web-3 in StatefulSet web successful\ndelete Pod web-2 in StatefulSet web successful\n');
    expect(lab.sh('kubectl get pvc -o name')).toBe(['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3'].map((n) => `persistentvolumeclaim/${n}\n`).join(''));
    // Deleting the StatefulSet takes its pods; the claims stay.
    expect(lab.sh('kubectl delete sts web')).toBe('statefulset.apps "web" deleted\n');
    lab.wait(60);
    expect(lab.sh('kubectl get pods -l app=nginx')).toBe('No resources found in default namespace.\n');
    expect(lab.sh('kubectl get pvc -o name').split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('with a retention policy of Delete takes the claims with the pods scaled away, and all of them with the set', () => {
    const policy = '\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n    whenScaled: Delete';
    const lab = labWithWeb((yaml) => yaml.replace('replicas: 2', `replicas: 3${policy}`));
    lab.wait(90);
    lab.sh('kubectl scale sts web --replicas=1');
    lab.wait(60);
    expect(lab.sh('kubectl get pvc -o name')).toBe('persistentvolumeclaim/www-web-0\n');
    lab.sh('kubectl delete sts web');
    lab.wait(30);
    expect(lab.sh('kubectl get pvc,pv')).toBe('No resources found in default namespace.\n');
  });

  it('with podManagementPolicy Parallel starts every pod at once', () => {
    const lab = labWithWeb((yaml) => yaml.replace('replicas: 2', 'replicas: 3\n  podManagementPolicy: Parallel'));
    lab.wait(1);
    expect(lab.sh('kubectl get pods -l app=nginx -o name')).toBe('pod/web-0\npod/web-1\npod/web-2\n');
  });

  it('rolls a new template out from the highest ordinal down to the partition', () => {
    const lab = labWithWeb((yaml) => yaml.replace('replicas: 2', 'replicas: 3'));
    lab.wait(90);
    const oldRevision = jsonpath(lab, 'sts web', '{.status.currentRevision}');
    lab.sh(`kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}}}}'`);
    lab.sh('kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.8');
    lab.wait(1);
    expect(lab.sh('kubectl rollout status sts web --watch=false')).toBe('Waiting for 1 pods to be ready...\n');
    lab.wait(120);
    const images = lab.sh(`kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{"\\n"}{end}'`);
    expect(images).toBe('web-0 registry.k8s.io/nginx-slim:0.7\nweb-1 registry.k8s.io/nginx-slim:0.8\nweb-2 registry.k8s.io/nginx-slim:0.8\n');
    const deletes = lab.sh('kubectl get events --field-selector reason=SuccessfulDelete -o custom-columns=MESSAGE:.message --no-headers');
    expect(deletes).toBe('delete Pod web-2 in StatefulSet web successful\ndelete Pod web-1 in StatefulSet web successful\n');
    expect(jsonpath(lab, 'sts web', '{.status.currentRevision} {.status.updatedReplicas} {.status.currentReplicas}')).toBe(`${oldRevision} 2 1`);
    expect(lab.sh('kubectl rollout status sts web')).toBe('partitioned roll out complete: 2 new pods have been updated...\n');
  });

  it('keeps its templates as revisions: rollout history lists them and undo brings the previous one back', () => {
    const lab = labWithWeb();
    lab.wait(60);
    lab.sh('kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.8');
    lab.wait(60);
    expect(lab.sh('kubectl rollout history sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    // Captured from kubectl 1.32 against `podlab serve`: the history viewer prints describe's lines unaligned.
    expect(lab.sh('kubectl rollout history sts/web --revision=2')).toBe(golden('rollout-history-statefulset-revision-2.txt'));
    lab.sh('kubectl create deployment d --image=nginx');
    expect(lab.sh('kubectl rollout history deploy/d --revision=1')).toBe(golden('rollout-history-deployment-revision-1.txt'));
    expect(lab.sh('kubectl rollout undo sts/web')).toBe('statefulset.apps/web rolled back\n');
    lab.wait(60);
    expect(lab.sh(`kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.spec.containers[0].image}{"\\n"}{end}'`)).toBe('registry.k8s.io/nginx-slim:0.7\nregistry.k8s.io/nginx-slim:0.7\n');
    expect(lab.sh('kubectl rollout undo sts/web --to-revision=3')).toBe('statefulset.apps/web skipped rollback (current template already matches revision 3)\n');
    expect(lab.sh('kubectl rollout undo sts/web --to-revision=9')).toBe('error: unable to find specified revision 9 in history\n');
  });

  it('is refused with the API server’s messages', () => {
    const lab = labShell();
    lab.write('web.yaml', webYaml.replace('serviceName: "nginx"', 'serviceName: "nginx"\n  podManagementPolicy: Sometimes'));
    expect(lab.sh('kubectl apply -f web.yaml')).toContain(
      `The StatefulSet "web" is invalid: spec.podManagementPolicy: Invalid value: "Sometimes": must be 'OrderedReady' or 'Parallel'\n`,
    );
    lab.write('web.yaml', webYaml);
    lab.sh('kubectl apply -f web.yaml');
    expect(lab.sh(`kubectl patch sts web -p '{"spec":{"serviceName":"other"}}'`)).toBe(
      `The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n`,
    );
  });
});

describe('PersistentVolumeClaims', () => {
  it('of the default class wait for their first pod, then get a provisioned volume on its node', () => {
    const lab = labShell();
    lab.write('claim.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 2Gi\n');
    lab.sh('kubectl apply -f claim.yaml');
    lab.wait(5);
    expect(lab.sh('kubectl get pvc data')).toBe(
      'NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\ndata   Pending                                      standard       <unset>                 5s\n',
    );
    expect(lab.sh('kubectl describe pvc data')).toMatch(/Normal\s+WaitForFirstConsumer\s+\S+\s+persistentvolume-controller\s+waiting for first consumer to be created before binding\n/);
    lab.sh('kubectl run user --image=busybox:1.28 --overrides=\'{"spec":{"volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"data"}}],"containers":[{"name":"user","image":"busybox:1.28","command":["sh","-c","echo kept > /d/file; sleep 3600"],"volumeMounts":[{"name":"d","mountPath":"/d"}]}]}}\'');
    lab.wait(30);
    const node = jsonpath(lab, 'pod user', '{.spec.nodeName}');
    const volume = jsonpath(lab, 'pvc data', '{.spec.volumeName}');
    expect(volume).toMatch(/^pvc-[0-9a-f-]{36}$/);
    expect(lab.sh('kubectl get pv')).toMatch(new RegExp(`^${volume}\\s+2Gi\\s+RWO\\s+Delete\\s+Bound\\s+default/data\\s+standard\\s+<unset>\\s+\\d+s\\n`, 'm'));
    expect(lab.sh(`kubectl describe pv ${volume}`)).toContain(`Node Affinity:     \n  Required Terms:  \n    Term 0:        kubernetes.io/hostname in [${node}]\n`);
    expect(lab.sh('kubectl describe pvc data')).toMatch(/ProvisioningSucceeded\s+\S+\s+rancher\.io\/local-path_\S+\s+Successfully provisioned volume pvc-/);
    // The data is on the node, and a new pod on the claim finds it.
    lab.sh('kubectl delete pod user --now');
    lab.sh(`kubectl run again --image=busybox:1.28 --overrides='{"spec":{"volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"data"}}],"containers":[{"name":"again","image":"busybox:1.28","command":["sleep","3600"],"volumeMounts":[{"name":"d","mountPath":"/d"}]}]}}'`);
    lab.wait(30);
    expect(jsonpath(lab, 'pod again', '{.spec.nodeName}')).toBe(node);
    expect(lab.sh('kubectl exec again -- cat /d/file')).toBe('kept\n');
    // A Delete volume goes with its claim.
    lab.sh('kubectl delete pod again --now');
    lab.sh('kubectl delete pvc data');
    lab.wait(5);
    // kubectl says so with the namespace even for a cluster-scoped type, when nothing is listed.
    expect(lab.sh('kubectl get pv')).toBe('No resources found in default namespace.\n');
  });

  it('keep a pod Pending with the scheduler’s message while they are missing or cannot bind', () => {
    const lab = labShell();
    lab.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n  volumes:\n  - name: d\n    persistentVolumeClaim:\n      claimName: nothing\n');
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(5);
    expect(lab.sh('kubectl get pod p')).toMatch(/^p\s+0\/1\s+Pending\s+0\s/m);
    expect(lab.sh('kubectl describe pod p')).toContain(
      'default-scheduler  0/3 nodes are available: persistentvolumeclaim "nothing" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n',
    );
    // A claim of no class binds only to a volume of no class: none exists.
    lab.write('claim.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: nothing\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    lab.sh('kubectl apply -f claim.yaml');
    lab.wait(15);
    expect(lab.sh('kubectl describe pvc nothing')).toMatch(/Normal\s+FailedBinding\s+\S+\s+persistentvolume-controller\s+no persistent volumes available for this claim and no storage class is set\n/);
    expect(lab.sh('kubectl describe pod p')).toContain('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n');
    // A volume that fits arrives: the claim binds and the pod starts.
    lab.write('pv.yaml', 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: spare\nspec:\n  capacity:\n    storage: 5Gi\n  accessModes: [ReadWriteOnce, ReadWriteMany]\n  hostPath:\n    path: /mnt/spare\n');
    lab.sh('kubectl apply -f pv.yaml');
    lab.wait(30);
    expect(lab.sh('kubectl get pvc nothing')).toMatch(/^nothing\s+Bound\s+spare\s+5Gi\s+RWO,RWX\s+<unset>\s+\d+s\n/m);
    expect(lab.sh('kubectl get pod p')).toMatch(/^p\s+1\/1\s+Running\s/m);
  });

  it('are checked as the API server checks them', () => {
    const lab = labShell();
    lab.write('claim.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bad\nspec:\n  resources: {}\n');
    expect(lab.sh('kubectl apply -f claim.yaml')).toBe(
      'The PersistentVolumeClaim "bad" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]\n',
    );
    lab.write('pv.yaml', 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: bad\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n');
    expect(lab.sh('kubectl apply -f pv.yaml')).toBe('The PersistentVolume "bad" is invalid: spec: Required value: must specify a volume type\n');
  });

  it('are listed with the columns of kubectl 1.32, with their short names', () => {
    const lab = labShell();
    expect(lab.sh('kubectl get sc')).toMatch(/^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE\nstandard \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false\s+\S+\n$/);
    lab.write('pv.yaml', 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: one\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /mnt/one\n');
    lab.sh('kubectl apply -f pv.yaml');
    lab.wait(2);
    expect(lab.sh('kubectl get pv -o wide')).toBe(
      'NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE\none    1Gi        RWO            Retain           Available                          <unset>                          2s    Filesystem\n',
    );
  });
});
